package org.rdex.server.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.rdex.server.common.RuntimeSettings;
import org.rdex.server.db.Instances;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Puts a {@link BackupService} archive back: into a database that Flyway has migrated to the archive's schema
 * version and that holds no data (a fresh data directory's, or an empty external one), and the archive's files
 * into the data directory. The rows are copied in one transaction, so a restore that fails leaves the database
 * as it found it.
 */
@ApplicationScoped
public class RestoreService {

    private static final Logger LOG = Logger.getLogger(RestoreService.class);
    /** Added to a data directory file that the restore replaced by a different one. */
    static final String KEPT_SUFFIX = ".before-restore";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern LIST_BOUND = Pattern.compile("FOR VALUES IN \\('?-?[0-9]{1,19}'?(, '?-?[0-9]{1,19}'?)*\\)");

    /**
     * What was restored.
     *
     * @param replacedFiles files of the data directory that differed from the archive's; each was kept beside
     *                      it as {@code NAME.before-restore}
     */
    public record Result(BackupManifest manifest, long rows, List<String> files, List<String> replacedFiles) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    RuntimeSettings runtime;
    @Inject
    ObjectMapper mapper;
    @Inject
    Instances instances;

    /** Into this server's database and data directory. */
    public Result restore(Path archive, boolean replace) {
        return restore(archive, dataSource, runtime.dataDirectory(), replace);
    }

    /**
     * Into {@code target}, with the archive's files into {@code dataDirectory}.
     *
     * @param replace empty a database that holds data first, instead of refusing it
     * @throws BackupException when the archive is unreadable, the schema versions differ, or the database holds
     *                         data and {@code replace} is false
     */
    public Result restore(Path archive, DataSource target, Path dataDirectory, boolean replace) {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            BackupManifest manifest = manifest(zip);
            long rows;
            try (Connection c = target.getConnection()) {
                rows = restoreRows(zip, manifest, c, replace);
            }
            List<String> replaced = restoreFiles(zip, manifest, dataDirectory);
            LOG.infof("Restored %d rows of %d tables from %s", rows, manifest.tables().size(), archive);
            return new Result(manifest, rows, manifest.files(), replaced);
        } catch (IOException e) {
            throw new BackupException("Cannot read " + archive + " as a backup: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new BackupException("The restore failed and was rolled back: " + e.getMessage(), e);
        }
    }

    private BackupManifest manifest(ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(BackupService.MANIFEST);
        if (entry == null) {
            throw new BackupException("Not a backup of this server: it has no " + BackupService.MANIFEST);
        }
        BackupManifest manifest;
        try (InputStream in = zip.getInputStream(entry)) {
            manifest = mapper.readValue(in, BackupManifest.class);
        }
        if (!BackupManifest.FORMAT.equals(manifest.format())) {
            throw new BackupException("Unknown backup format " + manifest.format() + " (this server reads "
                    + BackupManifest.FORMAT + ")");
        }
        // The names end up in SQL and in paths: an archive is data, not something to trust.
        for (BackupManifest.Table t : manifest.tables()) {
            checkName(t.name());
            t.columns().forEach(RestoreService::checkName);
            t.identity().forEach(RestoreService::checkName);
            for (BackupManifest.Partition p : t.partitions()) {
                checkName(p.name());
                if (!LIST_BOUND.matcher(p.bound()).matches()) {
                    throw new BackupException("Unexpected partition bound in the backup: " + p.bound());
                }
            }
        }
        manifest.files().forEach(RestoreService::checkFile);
        return manifest;
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new BackupException("Unexpected name in the backup: " + name);
        }
    }

    /** Only the secret key and the TLS directory, and nothing that climbs out of the data directory. */
    private static void checkFile(String name) {
        Path path = Path.of(name).normalize();
        boolean allowed = name.equals(BackupService.SECRET_KEY)
                || (path.getNameCount() > 1 && path.getName(0).toString().equals(BackupService.TLS));
        if (path.isAbsolute() || path.startsWith("..") || !path.toString().equals(name) || !allowed) {
            throw new BackupException("Unexpected file in the backup: " + name);
        }
    }

    private long restoreRows(ZipFile zip, BackupManifest manifest, Connection c, boolean replace)
            throws SQLException, IOException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        long total = 0;
        try {
            String version = Schema.version(c).orElseThrow(() -> new BackupException(
                    "The database has no Flyway history: start the server once on it (Flyway creates the schema)"));
            if (!version.equals(manifest.schemaVersion())) {
                throw new BackupException("The backup is of schema version " + manifest.schemaVersion()
                        + " and this database is at schema version " + version + ": restore it with the server"
                        + " release that took it, then start this release, which migrates it");
            }
            List<String> live = liveInstances(c);
            if (!live.isEmpty()) {
                // Its caches and claims would not match what the restore writes under it.
                throw new BackupException("A server or command uses this database (" + String.join(", ", live)
                        + "): stop it first (a stopped one's last beat counts for rdex.instance.stale-after, "
                        + instances.config().staleAfter().toSeconds() + " s)");
            }
            Map<String, Schema.TableInfo> present = Schema.tables(c).stream()
                    .collect(Collectors.toMap(Schema.TableInfo::name, Function.identity()));
            for (BackupManifest.Table t : manifest.tables()) {
                Schema.TableInfo here = present.get(t.name());
                if (here == null || !here.columns().containsAll(t.columns())) {
                    throw new BackupException("Table " + t.name() + " of the backup does not match this database's");
                }
            }
            List<String> holding = holdingData(c, present.values());
            if (!holding.isEmpty()) {
                if (!replace) {
                    throw new BackupException("The database is not empty (" + String.join(", ", holding)
                            + " hold data): restore into a fresh data directory or an empty database, or add"
                            + " --replace to delete what it holds");
                }
                empty(c, present.values());
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (BackupManifest.Table t : manifest.tables()) {
                for (BackupManifest.Partition p : t.partitions()) {
                    execute(c, "create table " + Schema.quote(p.name()) + " partition of " + Schema.quote(t.name())
                            + " " + p.bound());
                }
                ZipEntry entry = zip.getEntry(t.entry());
                if (entry == null) {
                    throw new BackupException("The backup lacks the rows of " + t.name());
                }
                long rows;
                try (InputStream in = zip.getInputStream(entry)) {
                    // Identity columns take the copied values as they are (COPY overrides GENERATED ALWAYS).
                    rows = copy.copyIn("copy " + Schema.quote(t.name()) + " (" + Schema.identifiers(t.columns())
                            + ") from stdin", in);
                }
                if (rows != t.rows()) {
                    throw new BackupException("The backup holds " + rows + " rows of " + t.name() + " where its"
                            + " manifest says " + t.rows());
                }
                for (String column : t.identity()) {
                    restartIdentity(c, t.name(), column);
                }
                total += rows;
            }
            c.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        // The search's plans need the statistics now, not at the next autovacuum; the rows are in either way.
        for (BackupManifest.Table t : manifest.tables()) {
            try {
                execute(c, "analyze " + Schema.quote(t.name()));
            } catch (SQLException e) {
                LOG.warnf("Restored, but cannot analyse %s (autovacuum will): %s", t.name(), e.getMessage());
            }
        }
        c.setAutoCommit(autoCommit);
        return total;
    }

    /** Other processes whose heartbeat on this database is recent. */
    private List<String> liveInstances(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        if (!Schema.exists(c, "instance_heartbeat")) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("select host, pid from instance_heartbeat"
                + " where beat_at > now() - make_interval(secs => ?) and instance_id <> ? order by host, pid")) {
            ps.setDouble(1, instances.config().staleAfter().toMillis() / 1000.0);
            ps.setString(2, instances.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("host " + rs.getString(1) + " pid " + rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** Tables with rows or, partitioned, with partitions. */
    private static List<String> holdingData(Connection c, java.util.Collection<Schema.TableInfo> tables)
            throws SQLException {
        List<String> out = new ArrayList<>();
        for (Schema.TableInfo t : tables.stream().sorted(java.util.Comparator.comparing(Schema.TableInfo::name))
                .toList()) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select exists (select 1 from " + Schema.quote(t.name()) + ")")) {
                rs.next();
                if (rs.getBoolean(1) || !t.partitions().isEmpty()) {
                    out.add(t.name());
                }
            }
        }
        return out;
    }

    private static void empty(Connection c, java.util.Collection<Schema.TableInfo> tables) throws SQLException {
        for (Schema.TableInfo t : tables) {
            for (BackupManifest.Partition p : t.partitions()) {
                execute(c, "drop table " + Schema.quote(p.name()));
            }
        }
        execute(c, "truncate table " + Schema.identifiers(tables.stream().map(Schema.TableInfo::name).toList())
                + " restart identity cascade");
    }

    /** The identity's next value follows the largest restored one. */
    private static void restartIdentity(Connection c, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select setval(pg_get_serial_sequence(?, ?),"
                + " coalesce((select max(" + Schema.quote(column) + ") from " + Schema.quote(table) + "), 0) + 1,"
                + " false)")) {
            ps.setString(1, Schema.quote(table));
            ps.setString(2, column);
            ps.execute();
        }
    }

    /** Writes the archive's files; a different file already there is kept beside it. */
    private static List<String> restoreFiles(ZipFile zip, BackupManifest manifest, Path dataDirectory)
            throws IOException {
        List<String> replaced = new ArrayList<>();
        for (String name : manifest.files()) {
            ZipEntry entry = zip.getEntry(BackupService.FILES + name);
            if (entry == null) {
                throw new BackupException("The backup lacks its file " + name);
            }
            byte[] bytes;
            try (InputStream in = zip.getInputStream(entry)) {
                bytes = in.readAllBytes();
            }
            Path file = dataDirectory.resolve(name).normalize();
            if (!file.startsWith(dataDirectory.normalize())) {
                throw new BackupException("Unexpected file in the backup: " + name);
            }
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                if (Arrays.equals(Files.readAllBytes(file), bytes)) {
                    continue;
                }
                Files.move(file, file.resolveSibling(file.getFileName() + KEPT_SUFFIX),
                        StandardCopyOption.REPLACE_EXISTING);
                replaced.add(name);
            }
            Path tmp = Files.createTempFile(file.getParent(), ".restore-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return replaced;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
