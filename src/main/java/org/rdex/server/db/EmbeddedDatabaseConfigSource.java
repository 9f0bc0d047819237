package org.rdex.server.db;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the datasource settings of the embedded default when nothing else does.
 *
 * <p>Its ordinal is below every standard source, so a {@code QUARKUS_DATASOURCE_JDBC_URL} (or the
 * property in any file) wins and the embedded PostgreSQL is never started. The URL is computed lazily:
 * the database starts only when Quarkus actually asks for it at runtime.
 */
public class EmbeddedDatabaseConfigSource implements ConfigSource {

    static final String URL = "quarkus.datasource.jdbc.url";
    private static final Map<String, String> CREDENTIALS = Map.of(
            "quarkus.datasource.username", EmbeddedDatabase.USER,
            "quarkus.datasource.password", EmbeddedDatabase.USER);

    @Override
    public Set<String> getPropertyNames() {
        // Listing the URL would make tools that enumerate properties start the database.
        return CREDENTIALS.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        if (URL.equals(propertyName)) {
            return EmbeddedDatabase.jdbcUrl();
        }
        return CREDENTIALS.get(propertyName);
    }

    @Override
    public String getName() {
        return "rdex-embedded-postgresql";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
