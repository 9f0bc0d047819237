package org.rdex.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded default store: a PostgreSQL started from binaries shipped in a Maven artifact, with its
 * data directory under the server's data directory so that it survives restarts.
 *
 * <p>If a PostgreSQL already runs on that data directory (the server is up and this is a CLI command),
 * we connect to it instead of starting a second postmaster, which PostgreSQL would refuse anyway.
 * One instance per JVM: dev-mode restarts and CLI commands reuse it.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    static final String USER = "postgres";
    static final String DATABASE = "postgres";

    private static String jdbcUrl;
    private static EmbeddedPostgres started;

    private EmbeddedDatabase() {
    }

    /** The server's data directory: {@code RDEX_DATA_DIR}, the system property {@code rdex.data-dir}, or {@code ./data}. */
    public static Path dataDirectory() {
        String configured = System.getProperty("rdex.data-dir");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("RDEX_DATA_DIR");
        }
        if (configured == null || configured.isBlank()) {
            configured = "data";
        }
        return Path.of(configured).toAbsolutePath().normalize();
    }

    /** Starts (or finds) the embedded PostgreSQL and returns its JDBC URL. */
    public static synchronized String jdbcUrl() {
        if (jdbcUrl == null) {
            Path pgData = dataDirectory().resolve("postgres");
            jdbcUrl = runningOn(pgData).map(EmbeddedDatabase::urlFor).orElseGet(() -> start(pgData));
        }
        return jdbcUrl;
    }

    private static String start(Path pgData) {
        try {
            Files.createDirectories(pgData);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // The journeys table can be large; give the export cursor and the imports some room.
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("max_connections", "200")
                    // The library starts PostgreSQL tuned for throw-away test databases (-F, no fsync;
                    // asynchronous commit). This is the operator's store and the contact API answers
                    // 2xx only for durably stored messages: durability back on.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    // No replica or WAL archive reads this private database, so WAL need not describe bulk
                    // loads: an import COPYs into a table created in its transaction, which PostgreSQL
                    // then writes and syncs once at commit instead of also logging every row.
                    .setServerConfig("wal_level", "minimal")
                    .setServerConfig("max_wal_senders", "0")
                    .setServerConfig("listen_addresses", "127.0.0.1");
            String port = System.getenv("RDEX_EMBEDDED_DB_PORT");
            if (port != null && !port.isBlank()) {
                builder.setPort(Integer.parseInt(port.trim()));
            }
            started = builder.start();
            LOG.infof("Embedded PostgreSQL started on port %d with data in %s", started.getPort(), pgData);
            return urlFor(started.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + pgData, e);
        }
    }

    /** The port of a live postmaster on this data directory, read from its {@code postmaster.pid}. */
    static Optional<Integer> runningOn(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (alive && accepts(port)) {
                LOG.infof("Using the embedded PostgreSQL already running on port %d", port);
                return Optional.of(port);
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debugf("Ignoring unreadable %s: %s", pidFile, e.toString());
        }
        return Optional.empty();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String urlFor(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }
}
