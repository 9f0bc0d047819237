package org.rdex.server.backup;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.rdex.server.common.RuntimeSettings;
import org.rdex.server.imports.PartnerPartitions;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Takes a consistent copy of the database and of the data directory's secrets into one zip archive, through JDBC
 * only: no {@code pg_dump}, whose version must match the server's and which the embedded binaries lack.
 *
 * <p>Consistency. Every table is copied ({@code COPY ... TO STDOUT}, text format) in one REPEATABLE READ READ
 * ONLY transaction, so the archive is the database at one instant while the server keeps running. Before that
 * snapshot is taken the transaction locks the tables in ACCESS SHARE mode (what {@code pg_dump} does): a
 * partner's partition that an import swaps or a removal drops cannot disappear between the snapshot and its
 * copy. Imports are held off beforehand through their per-partner advisory locks, so they wait for the backup
 * instead of giving up on the swap's lock timeout.
 */
@ApplicationScoped
public class BackupService {

    private static final Logger LOG = Logger.getLogger(BackupService.class);
    static final String MANIFEST = "manifest.json";
    static final String FILES = "files/";
    static final String SECRET_KEY = "secret.key";
    static final String TLS = "tls";

    @Inject
    DataSource dataSource;
    @Inject
    RuntimeSettings runtime;
    @Inject
    ObjectMapper mapper;
    @ConfigProperty(name = "rdex.secret-key")
    Optional<String> secretKey;

    /** Writes the archive to {@code out} (replacing it only once complete), readable by its owner only. */
    public BackupManifest backup(Path out) {
        Path target = out.toAbsolutePath().normalize();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            BackupManifest manifest;
            try (OutputStream file = Files.newOutputStream(tmp);
                    ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(file, 1 << 16))) {
                manifest = write(zip);
                zip.finish();
            }
            // On disk before it takes the name: a crash must not leave a truncated archive under it.
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("Backup written to %s: %d tables, %d rows, schema version %s", target, manifest.tables().size(),
                    manifest.rows(), manifest.schemaVersion());
            return manifest;
        } catch (IOException e) {
            throw new BackupException("Cannot write " + target + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new BackupException("Cannot read the database: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.warnf("Cannot remove %s: %s", tmp, e.getMessage());
                }
            }
        }
    }

    private BackupManifest write(ZipOutputStream zip) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            try {
                c.setAutoCommit(true);
                holdOffImports(c);
                List<String> tables = topLevelTables(c);
                c.setAutoCommit(false);
                execute(c, "set transaction isolation level repeatable read, read only");
                // A lock statement takes no snapshot: the transaction's snapshot is the first query's, after it.
                if (!tables.isEmpty()) {
                    execute(c, "lock table " + Schema.identifiers(tables) + " in access share mode");
                }
                BackupManifest manifest = copy(c, zip);
                c.commit();
                return manifest;
            } finally {
                try {
                    if (!c.getAutoCommit()) {
                        c.rollback();
                    }
                    c.setAutoCommit(true);
                    execute(c, "select pg_advisory_unlock_all()");
                    c.setAutoCommit(autoCommit);
                } catch (SQLException e) {
                    LOG.debugf("Releasing the backup's locks: %s", e.getMessage());
                }
            }
        }
    }

    /** Session advisory locks of every partner's import, taken in id order (imports take one each). */
    private static void holdOffImports(Connection c) throws SQLException {
        if (!Schema.exists(c, "partner")) {
            return;
        }
        List<Long> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id from partner order by id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_lock(?, ?)")) {
            for (long id : ids) {
                ps.setInt(1, PartnerPartitions.LOCK_NAMESPACE);
                ps.setInt(2, (int) id);
                ps.execute();
            }
        }
    }

    private static List<String> topLevelTables(Connection c) throws SQLException {
        return Schema.tables(c).stream().map(Schema.TableInfo::name).toList();
    }

    private BackupManifest copy(Connection c, ZipOutputStream zip) throws SQLException, IOException {
        String version = Schema.version(c).orElseThrow(
                () -> new BackupException("The database has no Flyway history: not an RDEX server's database"));
        String postgres = Schema.postgresVersion(c);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        List<BackupManifest.Table> tables = new ArrayList<>();
        for (Schema.TableInfo t : Schema.tables(c)) {
            BackupManifest.Table entry = new BackupManifest.Table(t.name(), t.columns(), t.identity(), 0,
                    t.partitions());
            zip.putNextEntry(new ZipEntry(entry.entry()));
            // COPY cannot read a partitioned table itself, only a query over it (which reads every partition).
            String source = t.partitioned()
                    ? "(select " + Schema.identifiers(t.columns()) + " from " + Schema.quote(t.name()) + ")"
                    : Schema.quote(t.name()) + " (" + Schema.identifiers(t.columns()) + ")";
            long rows = copy.copyOut("copy " + source + " to stdout", new KeepOpen(zip));
            zip.closeEntry();
            tables.add(new BackupManifest.Table(t.name(), t.columns(), t.identity(), rows, t.partitions()));
        }
        List<String> files = copyFiles(zip);
        BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, Instant.now(), version, postgres, tables,
                files, secretKey.filter(k -> !k.isBlank()).isPresent());
        zip.putNextEntry(new ZipEntry(MANIFEST));
        zip.write(mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        zip.closeEntry();
        return manifest;
    }

    /**
     * The data directory's secret key (when {@code RDEX_SECRET_KEY} does not replace it: the stored partner keys
     * are sealed with it) and the TLS certificate with its private key (partners pin its fingerprint).
     */
    private List<String> copyFiles(ZipOutputStream zip) throws IOException {
        Path dir = runtime.dataDirectory();
        List<Path> files = new ArrayList<>();
        if (secretKey.filter(k -> !k.isBlank()).isEmpty() && Files.isRegularFile(dir.resolve(SECRET_KEY))) {
            files.add(dir.resolve(SECRET_KEY));
        }
        if (Files.isDirectory(dir.resolve(TLS))) {
            try (Stream<Path> tls = Files.walk(dir.resolve(TLS))) {
                // A restore's leftovers are no part of the server's state.
                tls.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                        .filter(p -> !p.getFileName().toString().endsWith(RestoreService.KEPT_SUFFIX)).sorted()
                        .forEach(files::add);
            }
        }
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            String name = dir.relativize(file).toString().replace('\\', '/');
            zip.putNextEntry(new ZipEntry(FILES + name));
            Files.copy(file, zip);
            zip.closeEntry();
            names.add(name);
        }
        return names;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The zip entry's stream, which the copy must not close (the next entry follows). */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
