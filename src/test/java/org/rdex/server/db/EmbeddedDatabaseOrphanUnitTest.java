package org.rdex.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A server killed with {@code -9} leaves its PostgreSQL running with nobody holding the data directory's lock.
 * The next start stops that orphan and starts its own, which its clean shutdown then stops.
 */
class EmbeddedDatabaseOrphanUnitTest {

    private String previous;

    @AfterEach
    void restore() {
        EmbeddedDatabase.stop();
        if (previous == null) {
            System.clearProperty("rdex.data-dir");
        } else {
            System.setProperty("rdex.data-dir", previous);
        }
    }

    @Test
    void stops_an_orphaned_postmaster_starts_its_own_and_stops_it_on_shutdown() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "orphan-");
        Path pgData = data.resolve("postgres");
        // initdb through the library, then a postmaster nobody owns, as a crashed server leaves it.
        String pgCtl;
        try (EmbeddedPostgres init = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false)
                .start()) {
            long pid = EmbeddedDatabase.livePostmaster(pgData).orElseThrow();
            pgCtl = Path.of(ProcessHandle.of(pid).orElseThrow().info().command().orElseThrow())
                    .resolveSibling("pg_ctl").toString();
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl, "-D", pgData.toString(), "-l", data.resolve("orphan.log").toString(), "-w",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1", "start"));
        Process start = new ProcessBuilder(command).inheritIO().start();
        assertTrue(start.waitFor(60, TimeUnit.SECONDS) && start.exitValue() == 0, "orphan started");
        long orphan = EmbeddedDatabase.livePostmaster(pgData).orElseThrow();

        previous = System.getProperty("rdex.data-dir");
        System.setProperty("rdex.data-dir", data.toString());
        String url = EmbeddedDatabase.jdbcUrl();

        assertFalse(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "orphan stopped");
        EmbeddedDatabase.Status status = EmbeddedDatabase.status();
        assertEquals(EmbeddedDatabase.Role.OWNER, status.role());
        assertNotEquals(orphan, status.postmasterPid());
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
            assertTrue(c.isValid(5));
        }
        // This process now holds the lock: another one would connect as a client and leave it running.
        assertTrue(EmbeddedDatabase.ownedElsewhereForTest(pgData));

        long own = status.postmasterPid();
        EmbeddedDatabase.stop();
        ProcessHandle.of(own).ifPresent(p -> p.onExit().join());
        assertFalse(ProcessHandle.of(own).map(ProcessHandle::isAlive).orElse(false), "stopped on clean shutdown");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
