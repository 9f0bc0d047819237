package org.rdex.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real, throw-away PostgreSQL for {@code @QuarkusTest}s: the same embedded binaries the server uses,
 * in a fresh directory under {@code target/}, so tests never touch an operator's {@code ./data}.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            if (postgres == null) {
                Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "test-pg-");
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(dir.resolve("postgres"))
                        .setCleanDataDirectory(true)
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("max_connections", "200")
                        .start();
            }
            Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "test-data-");
            return Map.of(
                    "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres",
                    "rdex.data-dir", dataDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // Kept for the whole test JVM: several test profiles restart Quarkus, not the database.
    }

    /** The JDBC URL, for tests that talk to the database directly. */
    public static String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }
}
