package org.rdex.server.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rdex.server.common.RuntimeSettings;
import org.rdex.server.imports.ImportService;
import org.rdex.server.key.KeyFormat;
import org.rdex.server.partner.ImportReport;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.support.Cli;
import org.rdex.server.support.ProtocolFixtures;
import org.rdex.server.support.ServerTestBase;
import org.rdex.server.support.TestJourneys;

import io.quarkus.test.junit.QuarkusTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;

/**
 * A backup taken from the running server, restored into a fresh data directory with its own PostgreSQL (what an
 * operator's new machine is), holds every journey, partner, key and pending message, and they still work there.
 */
@QuarkusTest
class BackupRestoreTest extends ServerTestBase {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String SITE = "partner.example";

    @Inject
    PartnerService partners;
    @Inject
    ImportService imports;
    @Inject
    RuntimeSettings runtime;
    @Inject
    RestoreService restores;

    private static EmbeddedPostgres fresh;
    private static Path freshDataDir;

    @BeforeAll
    static void startFreshDatabase() throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        freshDataDir = Files.createTempDirectory(target, "restored-data-");
        fresh = EmbeddedPostgres.builder().setDataDirectory(freshDataDir.resolve("postgres"))
                .setCleanDataDirectory(true).setServerConfig("fsync", "off").start();
    }

    @AfterAll
    static void stopFreshDatabase() throws IOException {
        if (fresh != null) {
            fresh.close();
        }
    }

    /** The fresh database as the restore command finds it: migrated by Flyway at the server's start. */
    private static DataSource migratedFresh() {
        DataSource ds = fresh.getPostgresDatabase();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return ds;
    }

    @Test
    void restores_a_backup_of_a_running_server_into_a_fresh_data_directory() throws Exception {
        String partner = ProtocolFixtures.unique("bk");
        partners.add(new NewPartner(partner, partner + "-operator", null, List.of(SITE), null, null));
        partners.setOutboundKey(partner, "their-key-for-us-" + partner);
        Path feed = Files.createTempFile(Path.of("target").toAbsolutePath(), "feed-", ".xml");
        Files.writeString(feed, feed(partner + "-1", partner + "-2", partner + "-3"));
        ImportReport report = imports.importPartner(partner, Optional.of(feed), Optional.empty());
        assertEquals(3, report.accepted(), report.describe());
        String uuid = ProtocolFixtures.journey(ProtocolFixtures.unique("own"), TestJourneys.punctualJson("2099-03-01"));
        ProtocolFixtures.journey(ProtocolFixtures.unique("own"), TestJourneys.regularJson());
        String key = ProtocolFixtures.key(partner, "127.0.0.1").getString("key");
        https().contentType(FORM).body("Key=" + enc(key) + "&Id=" + enc(uuid) + "&From=" + enc("Zoé <zoe@example.net>")
                + "&Site=" + enc(SITE) + "&Message=" + enc("Bonjour, une place ?"))
                .when().post("/rdex/contact").then().statusCode(201);

        // What an earlier restore kept aside is no part of the state to back up.
        Files.writeString(runtime.dataDirectory().resolve("tls/server.crt.before-restore"), "an older certificate");

        Path archive = Path.of("target").toAbsolutePath().resolve("backup-" + partner + ".zip");
        Cli.Run backup = Cli.run(BackupCommand.class, "--out", archive.toString());
        assertEquals(0, backup.exit(), backup.out() + backup.err());
        assertTrue(backup.out().contains("Data directory: " + runtime.dataDirectory()), backup.out());
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(archive), "the archive holds the secret key");

        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(archive.toFile())) {
            List<String> files = zip.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.startsWith("files/"))
                    .sorted().toList();
            assertEquals(List.of("files/secret.key", "files/tls/server.crt", "files/tls/server.key"), files);
        }

        Map<String, List<String>> before = snapshot(dataSource);
        DataSource target = migratedFresh();
        RestoreService.Result restored = restores.restore(archive, target, freshDataDir, false);
        assertTrue(restored.rows() > 0);

        Map<String, List<String>> after = snapshot(target);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((what, rows) -> assertEquals(rows, after.get(what), what));
        assertTrue(before.get("partner journeys").stream().anyMatch(r -> r.contains(partner + "-2")));
        assertTrue(before.get("journeys").stream().anyMatch(r -> r.contains(uuid)));
        assertTrue(before.get("pending messages").stream().anyMatch(r -> r.contains(uuid)), "the message is pending");

        // The key we issued still verifies there: its secret hashes to what the restored row holds.
        KeyFormat.Parsed parsed = KeyFormat.parse(key).orElseThrow();
        assertEquals(1, count(target, "select count(*) from partner_key where id = ? and revoked_at is null"
                + " and secret_hash = sha256(convert_to(?, 'UTF8'))", parsed.id(), parsed.secret()));
        // The stored partner key decrypts with the restored data directory's secret key (the same bytes).
        assertArrayEquals(Files.readAllBytes(runtime.dataDirectory().resolve("secret.key")),
                Files.readAllBytes(freshDataDir.resolve("secret.key")));
        Partner copy = new Partner();
        copy.outboundKeyEncrypted = text(target, "select outbound_key_enc from partner where name = ?", partner);
        assertEquals(Optional.of("their-key-for-us-" + partner), partners.outboundKey(copy));
        // The TLS certificate partners pinned comes back too.
        assertArrayEquals(Files.readAllBytes(runtime.dataDirectory().resolve("tls/server.crt")),
                Files.readAllBytes(freshDataDir.resolve("tls/server.crt")));

        // New rows get fresh ids, not ones the backup already used.
        long maxId = count(target, "select max(id) from partner");
        try (Connection c = target.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into partner (name, operator) values ('after-restore', 'x')");
        }
        assertTrue(count(target, "select id from partner where name = 'after-restore'") > maxId);

        // A second restore onto the now non-empty database is refused, and leaves it as it is.
        BackupException refused = org.junit.jupiter.api.Assertions.assertThrows(BackupException.class,
                () -> restores.restore(archive, target, freshDataDir, false));
        assertTrue(refused.getMessage().contains("not empty"), refused.getMessage());
        assertEquals(1, count(target, "select count(*) from partner where name = 'after-restore'"));
        // Nor does --replace go through while a server beats on that database (a heartbeat row is what one leaves).
        try (Connection c = target.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into instance_heartbeat (instance_id, host, pid) values ('other', 'elsewhere', 42)");
        }
        BackupException running = org.junit.jupiter.api.Assertions.assertThrows(BackupException.class,
                () -> restores.restore(archive, target, freshDataDir, true));
        assertTrue(running.getMessage().contains("host elsewhere pid 42"), running.getMessage());
        assertEquals(1, count(target, "select count(*) from partner where name = 'after-restore'"));
        try (Connection c = target.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update instance_heartbeat set beat_at = now() - interval '1 hour'");
        }
        // Once it is gone, the operator may say to replace what the database holds.
        restores.restore(archive, target, freshDataDir, true);
        assertEquals(0, count(target, "select count(*) from partner where name = 'after-restore'"));
        assertEquals(before.get("partner journeys"), snapshot(target).get("partner journeys"));
    }

    @Test
    void restore_refuses_a_database_of_another_schema_version() throws Exception {
        Path archive = Path.of("target").toAbsolutePath().resolve("backup-version-" + ProtocolFixtures.unique("v") + ".zip");
        assertEquals(0, Cli.run(BackupCommand.class, "--out", archive.toString()).exit());
        try (EmbeddedPostgres older = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start()) {
            DataSource ds = older.getPostgresDatabase();
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("61").load().migrate();
            BackupException refused = org.junit.jupiter.api.Assertions.assertThrows(BackupException.class,
                    () -> restores.restore(archive, ds, Files.createTempDirectory(Path.of("target").toAbsolutePath(),
                            "restored-old-"), false));
            assertTrue(refused.getMessage().contains("schema version"), refused.getMessage());
            assertEquals(0, count(ds, "select count(*) from partner"));
        }
    }

    @Test
    void restore_command_names_the_data_directory_and_refuses_the_running_servers_database() throws Exception {
        Path archive = Path.of("target").toAbsolutePath().resolve("backup-cmd-" + ProtocolFixtures.unique("c") + ".zip");
        assertEquals(0, Cli.run(BackupCommand.class, "--out", archive.toString()).exit());
        ProtocolFixtures.journey(ProtocolFixtures.unique("own"), TestJourneys.regularJson());
        Cli.Run run = Cli.run(RestoreCommand.class, archive.toString());
        assertNotEquals(0, run.exit());
        assertTrue(run.out().contains("Data directory: " + runtime.dataDirectory()), run.out());
        assertTrue(run.err().contains("not empty"), run.err());
    }

    @Test
    void refuses_an_archive_whose_names_would_leave_the_data_directory_or_inject_sql() throws Exception {
        Path outside = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restore-outside-");
        Path dataDir = Files.createDirectories(outside.resolve("data"));
        String climbing = manifest("[]", "[\"../planted\"]");
        String injecting = manifest("[{\"name\": \"partner\\\" (id) from stdin; drop table journey; --\", \"columns\": [],"
                + " \"identity\": [], \"rows\": 0, \"partitions\": []}]", "[]");
        for (String manifest : List.of(climbing, injecting)) {
            Path archive = outside.resolve("evil-" + ProtocolFixtures.unique("a") + ".zip");
            try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(archive))) {
                zip.putNextEntry(new java.util.zip.ZipEntry("manifest.json"));
                zip.write(manifest.getBytes(StandardCharsets.UTF_8));
                zip.putNextEntry(new java.util.zip.ZipEntry("files/../planted"));
                zip.write("x".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            BackupException refused = org.junit.jupiter.api.Assertions.assertThrows(BackupException.class,
                    () -> restores.restore(archive, migratedFresh(), dataDir, true));
            assertTrue(refused.getMessage().startsWith("Unexpected"), refused.getMessage());
        }
        assertTrue(Files.notExists(outside.resolve("planted")));
        assertTrue(count(fresh.getPostgresDatabase(), "select count(*) from pg_tables where tablename = 'journey'") == 1);
    }

    private static String manifest(String tables, String files) {
        return "{\"format\": \"" + BackupManifest.FORMAT + "\", \"createdAt\": \"2026-01-01T00:00:00Z\","
                + " \"schemaVersion\": \"70\", \"postgresVersion\": \"17\", \"tables\": " + tables + ","
                + " \"files\": " + files + ", \"secretKeyFromSetting\": false}";
    }

    /** What must survive, per kind, as sorted rows of text (columns that change by themselves left out). */
    private static Map<String, List<String>> snapshot(DataSource ds) throws SQLException {
        return Map.of(
                "journeys", rows(ds, "select j::text from (select * from journey) j order by 1"),
                "partner journeys", rows(ds, "select j::text from (select * from partner_journey) j order by 1"),
                "partners", rows(ds, "select p::text from (select * from partner) p order by 1"),
                "keys", rows(ds, "select k::text from (select * from partner_key) k order by 1"),
                "pending messages", rows(ds, "select m::text from (select id, journey_id, journey_uuid, partner_id,"
                        + " key_id, sender_pseudonym, sender_email, site, message, received_at, state"
                        + " from contact_message) m order by 1"),
                "settings", rows(ds, "select s::text from server_setting s order by 1"),
                "imports", rows(ds, "select i::text from partner_import i order by 1"));
    }

    private static List<String> rows(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static long count(DataSource ds, String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String text(DataSource ds, String sql, String arg) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String feed(String... uuids) {
        String until = LocalDate.now().plusDays(30).toString();
        StringBuilder body = new StringBuilder();
        for (String uuid : uuids) {
            body.append("<journey><operator>partnerco</operator><site>").append(SITE).append("</site><uuid>")
                    .append(uuid).append("</uuid><from><location>Bordeaux</location><coords>44.8378,-0.5792</coords>"
                            + "</from><to><location>Arcachon</location><coords>44.6586,-1.1689</coords></to><url>https://")
                    .append(SITE).append("/j/").append(uuid).append("</url><name>bob</name><driver>1</driver>"
                            + "<passenger>0</passenger><activefrom>").append(LocalDate.now())
                    .append("</activefrom><activeto>").append(until).append("</activeto><punctual><date>").append(until)
                    .append("</date><minitime>08:00</minitime><maxitime>08:30</maxitime></punctual></journey>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><document><title>Partner journeys</title>" + body
                + "</document>";
    }
}
