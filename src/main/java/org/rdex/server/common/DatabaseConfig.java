package org.rdex.server.common;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the server lives with its database: the 503 it answers when it goes away, the embedded store's
 * supervision, the limits every session gets, and what makes readiness DOWN.
 */
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

    /**
     * Set on every connection the pool opens, embedded or external PostgreSQL alike, so that a request that
     * fails half-way (whatever it threw) cannot leave a backend working or a transaction open for long.
     * The import and the export, whose single statements legitimately run for minutes, lift the statement
     * timeout for their own transaction; the search sets a shorter one ({@code rdex.search.statement-timeout}).
     */
    Session session();

    interface Session {
        /** PostgreSQL's {@code statement_timeout}: a statement running longer is cancelled. 0 disables it. */
        @WithDefault("PT5M")
        Duration statementTimeout();

        /**
         * PostgreSQL's {@code idle_in_transaction_session_timeout}: a session idle this long inside a
         * transaction is ended, its locks released. 0 disables it.
         */
        @WithDefault("PT5M")
        Duration idleInTransactionTimeout();
    }

    /** What makes readiness ({@code /q/health/ready}) DOWN besides the embedded PostgreSQL being down. */
    Readiness readiness();

    interface Readiness {
        /**
         * A backend of ours (other than the import's and the export's) holding a lock for longer than this makes
         * readiness DOWN: the writers that need that table (every import) are blocked behind it.
         */
        @WithDefault("PT2M")
        Duration maxLockHeld();
    }

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
