package org.rdex.server.common;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the server lives with its database going away: the 503 it answers, the embedded store's supervision. */
@ConfigMapping(prefix = "rdex.database")
public interface DatabaseConfig {

    /** {@code Retry-After} of the 503 answered while PostgreSQL cannot be reached. */
    @WithDefault("PT5S")
    Duration retryAfter();

    /**
     * How often a database known to be down is tried again (a connection outside the pool); until one
     * succeeds, requests that need it are answered 503 at once.
     */
    @WithDefault("PT0.2S")
    Duration probeEvery();

    /** How long readiness shows the last resource PostgreSQL lacked (disk, memory, connections). */
    @WithDefault("PT10M")
    Duration shortageShownFor();

    /** Supervision of the embedded PostgreSQL (unused with an external {@code QUARKUS_DATASOURCE_JDBC_URL}). */
    Supervisor supervisor();

    interface Supervisor {
        /** Watch the embedded PostgreSQL this server started, and restart it when it dies. */
        @WithDefault("true")
        boolean enabled();

        /** How often the postmaster is checked. */
        @WithDefault("PT1S")
        Duration checkEvery();

        /** First wait before a failed restart is tried again; doubles up to {@link #maxBackoff()}. */
        @WithDefault("PT1S")
        Duration initialBackoff();

        @WithDefault("PT15S")
        Duration maxBackoff();
    }
}
