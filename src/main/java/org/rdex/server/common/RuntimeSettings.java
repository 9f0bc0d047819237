package org.rdex.server.common;

import java.nio.file.Path;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * How this process runs: as the server or as a one-shot CLI command, and where its data directory is. The one
 * reader of {@code rdex.cli} and {@code rdex.data-dir} for every bean.
 *
 * <p>Not a {@code @ConfigMapping(prefix = "rdex")}: such a mapping would claim every {@code rdex.*} key, and
 * keys read elsewhere ({@code rdex.secret-key}, {@code rdex.demo.journeys}) would fail its check for unknown
 * properties. Code that runs before configuration exists (the embedded PostgreSQL, the TLS config source) uses
 * {@link #dataDirectoryBeforeConfig} instead.
 */
@ApplicationScoped
public class RuntimeSettings {

    /** Set by {@code cli.Main} for one-shot commands: no listener, no job, no startup warning. */
    @ConfigProperty(name = "rdex.cli", defaultValue = "false")
    boolean cli;

    /** {@code RDEX_DATA_DIR}: the embedded PostgreSQL, the TLS certificate, the secret key, scratch files. */
    @ConfigProperty(name = "rdex.data-dir", defaultValue = "data")
    String dataDir;

    /** Settings given outright, for objects built without CDI (plain unit tests). */
    public static RuntimeSettings of(boolean cli, Path dataDirectory) {
        RuntimeSettings settings = new RuntimeSettings();
        settings.cli = cli;
        settings.dataDir = dataDirectory.toString();
        return settings;
    }

    /** Whether this process is a one-shot CLI command rather than the server. */
    public boolean cli() {
        return cli;
    }

    /** The data directory, absolute. */
    public Path dataDirectory() {
        return absolute(dataDir);
    }

    /**
     * The data directory for code that runs before the configuration is built: the system property
     * {@code rdex.data-dir} (tests, {@code -D}), else {@code RDEX_DATA_DIR}, else {@code ./data}. A value from
     * an application.properties file is not seen here, so operators set {@code RDEX_DATA_DIR} in the environment.
     */
    public static Path dataDirectoryBeforeConfig() {
        String configured = System.getProperty("rdex.data-dir");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("RDEX_DATA_DIR");
        }
        return absolute(configured);
    }

    private static Path absolute(String configured) {
        return Path.of(configured == null || configured.isBlank() ? "data" : configured).toAbsolutePath().normalize();
    }
}
