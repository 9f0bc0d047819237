package org.rdex.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The server as operators run it: no datasource URL, so it starts and supervises its own embedded PostgreSQL,
 * in a fresh data directory of this profile. Tests may kill that PostgreSQL without touching the shared one.
 */
public class OwnEmbeddedDatabaseProfile implements QuarkusTestProfile {

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(DataDirectory.class));
    }

    /**
     * A free loopback port for a test's webhook receiver (not the shared 29181), picked once per JVM: kept in a
     * system property since the profile and the test class may be loaded by different class loaders.
     */
    public static final int WEBHOOK_PORT = Integer.parseInt(System.getProperties()
            .computeIfAbsent("rdex.test.webhook-port", k -> Integer.toString(freePort())).toString());

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("rdex.database.supervisor.check-every", "PT0.2S",
                "rdex.database.supervisor.initial-backoff", "PT0.5S",
                "rdex.relay.webhook-url", "http://127.0.0.1:" + WEBHOOK_PORT + "/hook");
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points {@code rdex.data-dir} (read by {@link EmbeddedDatabase} before any configuration exists) at a new directory. */
    public static class DataDirectory implements QuarkusTestResourceLifecycleManager {

        private String previous;

        @Override
        public Map<String, String> start() {
            try {
                Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "own-pg-");
                previous = System.getProperty("rdex.data-dir");
                System.setProperty("rdex.data-dir", dir.toString());
                return Map.of("rdex.data-dir", dir.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
            if (previous == null) {
                System.clearProperty("rdex.data-dir");
            } else {
                System.setProperty("rdex.data-dir", previous);
            }
        }
    }
}
