package org.rdex.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.rdex.server.common.RuntimeSettings;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded default store: a PostgreSQL started from binaries shipped in a Maven artifact, with its
 * data directory under the server's data directory so that it survives restarts.
 *
 * <p>Ownership. The process that starts the postmaster holds a lock on {@code epg-lock} in its data
 * directory for as long as it lives (the library takes it). Another process finding a live postmaster
 * whose lock is held connects to it as a client and never stops it: that is a CLI command beside a running
 * server. A live postmaster whose lock is free was left by a server that crashed: it is stopped (fast
 * shutdown, then immediate) and started again as ours, so that a clean shutdown of this server stops it.
 *
 * <p>Supervision. What this process started is watched ({@link #check()}, driven by
 * {@link EmbeddedDatabaseSupervisor}); when the postmaster dies it is started again on the same data directory
 * and port, so the datasource's URL stays valid and the pool reconnects by itself.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    static final String USER = "postgres";
    static final String DATABASE = "postgres";
    private static final String LOCK_FILE = "epg-lock";

    /** What this process does with the embedded PostgreSQL. */
    public enum Role {
        /** Not used: the datasource points elsewhere. */
        NONE,
        /** Started here; stopped and restarted here. */
        OWNER,
        /** Another live process owns it (a CLI command beside the server). */
        CLIENT
    }

    private static String jdbcUrl;
    private static Path pgData;
    private static int port;
    private static EmbeddedPostgres started;
    private static volatile long postmasterPid;
    private static List<ProcessHandle> backends = List.of();
    private static String postgresCommand;
    private static List<String> postgresArguments = List.of();
    private static volatile Role role = Role.NONE;
    private static volatile boolean running;
    private static volatile boolean stopping;
    private static volatile int restarts;
    private static volatile Instant lastRestart;
    private static volatile Instant downSince;
    private static volatile Instant nextAttempt = Instant.EPOCH;
    private static volatile int failedAttempts;

    private EmbeddedDatabase() {
    }

    /** Starts (or finds) the embedded PostgreSQL and returns its JDBC URL. */
    public static synchronized String jdbcUrl() {
        if (jdbcUrl == null) {
            pgData = RuntimeSettings.dataDirectoryBeforeConfig().resolve("postgres");
            Optional<Long> live = livePostmaster(pgData);
            if (live.isPresent() && ownedElsewhere(pgData)) {
                port = runningOn(pgData).orElseThrow(
                        () -> new IllegalStateException("The PostgreSQL in " + pgData + " does not accept connections"));
                role = Role.CLIENT;
                running = true;
                LOG.infof("Using the embedded PostgreSQL of the running server, port %d", port);
            } else {
                if (live.isPresent()) {
                    stopOrphan(live.get());
                }
                port = configuredPort();
                start();
                role = Role.OWNER;
            }
            jdbcUrl = urlFor(port);
        }
        return jdbcUrl;
    }

    private static int configuredPort() {
        String configured = System.getenv("RDEX_EMBEDDED_DB_PORT");
        return configured == null || configured.isBlank() ? 0 : Integer.parseInt(configured.trim());
    }

    private static void start() {
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
            if (port > 0) {
                // A restart keeps the port: the datasource's URL was fixed at start.
                builder.setPort(port);
            }
            started = builder.start();
            port = started.getPort();
            postmasterPid = livePostmaster(pgData).orElse(0L);
            ProcessHandle.of(postmasterPid).ifPresent(p -> {
                postgresCommand = p.info().command().orElse(null);
                postgresArguments = p.info().arguments().map(List::of).orElse(List.of());
            });
            running = true;
            LOG.infof("Embedded PostgreSQL started on port %d with data in %s", port, pgData);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + pgData, e);
        }
    }

    /** Whether another live process holds the data directory's lock (or this JVM does, from an earlier class loader). */
    private static boolean ownedElsewhere(Path pgData) {
        return FileLocks.held(pgData.resolve(LOCK_FILE));
    }

    static boolean ownedElsewhereForTest(Path pgData) {
        return ownedElsewhere(pgData);
    }

    /** Stops a postmaster nobody owns: fast shutdown (clients cut, consistent), then immediate, then SIGKILL. */
    private static void stopOrphan(long pid) {
        LOG.warnf("An embedded PostgreSQL (pid %d) left by a server that did not stop cleanly runs on %s; stopping it",
                pid, pgData);
        ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
        if (handle == null) {
            return;
        }
        for (String signal : List.of("INT", "QUIT")) {
            signal(pid, signal);
            try {
                handle.onExit().get(signal.equals("INT") ? 30 : 10, TimeUnit.SECONDS);
                LOG.infof("The orphaned PostgreSQL (pid %d) stopped", pid);
                return;
            } catch (Exception e) {
                LOG.warnf("The orphaned PostgreSQL (pid %d) did not stop on SIG%s", pid, signal);
            }
        }
        handle.destroyForcibly();
    }

    private static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.warnf("Cannot signal process %d: %s", pid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One supervision step: if the postmaster this process started has died, start it again (after the
     * backoff of earlier failed attempts). Does nothing for a client or while stopping.
     */
    static synchronized void check(Duration initialBackoff, Duration maxBackoff) {
        if (role != Role.OWNER || stopping) {
            return;
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(postmasterPid).filter(ProcessHandle::isAlive);
        if (postmaster.isPresent() && accepts(port)) {
            if (!running) {
                LOG.infof("Embedded PostgreSQL is back on port %d", port);
            }
            running = true;
            downSince = null;
            failedAttempts = 0;
            // Remembered so that backends outliving a killed postmaster can be ended before a restart.
            backends = postmaster.get().children().toList();
            return;
        }
        if (running) {
            running = false;
            downSince = Instant.now();
            LOG.errorf("Embedded PostgreSQL (pid %d, port %d) is down; restarting it on %s", postmasterPid, port, pgData);
        }
        if (Instant.now().isBefore(nextAttempt) || shuttingDown()) {
            return;
        }
        try {
            // Backends of a killed postmaster exit by themselves, but one still attached to the shared memory
            // would make the new postmaster refuse to start.
            backends.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            backends = List.of();
            restartPostmaster();
            restarts++;
            lastRestart = Instant.now();
            failedAttempts = 0;
            LOG.infof("Embedded PostgreSQL restarted on port %d after %d ms down (restart %d)", port,
                    Duration.between(downSince, lastRestart).toMillis(), restarts);
        } catch (RuntimeException e) {
            failedAttempts++;
            Duration wait = initialBackoff.multipliedBy(1L << Math.min(10, failedAttempts - 1));
            if (wait.compareTo(maxBackoff) > 0) {
                wait = maxBackoff;
            }
            nextAttempt = Instant.now().plus(wait);
            LOG.errorf("Embedded PostgreSQL restart attempt %d failed (%s); next in %s", failedAttempts,
                    e.getMessage(), wait);
        }
    }

    /**
     * Starts the postmaster again with the binary and arguments of the first start, through {@code pg_ctl}
     * next to it. The library's instance is kept: it holds the data directory's lock (what marks this process
     * as the owner) and its close, at shutdown, stops whichever postmaster then runs on the directory.
     */
    private static void restartPostmaster() {
        if (postgresCommand == null) {
            throw new IllegalStateException("the command line of the first postmaster is unknown");
        }
        Path pgCtl = Path.of(postgresCommand).resolveSibling("pg_ctl");
        List<String> options = new java.util.ArrayList<>(postgresArguments);
        int d = options.indexOf("-D");
        if (d >= 0) {
            options.subList(d, Math.min(options.size(), d + 2)).clear();
        }
        Path log = pgData.resolveSibling("postgres-restart.log");
        List<String> command = new java.util.ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // pg_ctl refuses root; as the library does, run it as root of a user namespace of its own.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "-D", pgData.toString(), "-l", log.toString(), "-w", "-t", "30",
                "-o", String.join(" ", options), "start"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(45, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("pg_ctl start did not finish; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl start failed with " + process.exitValue() + "; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        postmasterPid = livePostmaster(pgData).orElseThrow(() -> new IllegalStateException("no postmaster after start"));
        running = true;
    }

    /** Stops what this process started; for a clean shutdown. */
    public static synchronized void stop() {
        stopping = true;
        if (role == Role.OWNER) {
            closeStarted();
            running = false;
            LOG.info("Embedded PostgreSQL stopped");
        }
    }

    private static void closeStarted() {
        if (started != null) {
            try {
                started.close();
            } catch (IOException | RuntimeException e) {
                LOG.debugf("Closing the embedded PostgreSQL: %s", e);
            }
            started = null;
        }
    }

    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> {
        });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** For health and tests: what this process does with the embedded store, and how it fares. */
    public record Status(Role role, boolean running, int port, int restarts, Instant lastRestart, Instant downSince,
            long postmasterPid, Path dataDirectory) {
    }

    public static Status status() {
        return new Status(role, running, port, restarts, lastRestart, downSince, postmasterPid, pgData);
    }

    /** The pid in {@code postmaster.pid} when that process is alive. */
    static Optional<Long> livePostmaster(Path pgData) {
        try {
            List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
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
