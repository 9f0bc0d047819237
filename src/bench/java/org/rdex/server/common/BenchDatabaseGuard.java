package org.rdex.server.common;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * Benchmarks generate, import and delete journeys: they run only against the throw-away embedded PostgreSQL
 * of their own data directory (bench/lib.sh), never against a database the operator configured.
 */
public final class BenchDatabaseGuard {

    /** The name of the config source that points the datasource to the embedded PostgreSQL. */
    private static final String EMBEDDED_SOURCE = "rdex-embedded-postgresql";

    private BenchDatabaseGuard() {
    }

    /**
     * Throws unless the datasource URL is the embedded database's, or {@code iKnow} (the {@code --i-know}
     * option) says the operator really means it.
     */
    public static void requireThrowAwayDatabase(boolean iKnow) {
        ConfigValue url = ConfigProvider.getConfig().getConfigValue("quarkus.datasource.jdbc.url");
        boolean embedded = url.getValue() == null || EMBEDDED_SOURCE.equals(url.getSourceName());
        if (!embedded && !iKnow) {
            throw new IllegalStateException("Refusing to benchmark against a configured database (quarkus.datasource"
                    + ".jdbc.url from " + url.getSourceName() + "): benchmarks write and delete journeys. Run them"
                    + " through bench/*.sh, which use a throw-away embedded PostgreSQL, or add --i-know.");
        }
    }
}
