package org.rdex.server.retention;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long personal data and records are kept (see docs/retention.md). */
@ConfigMapping(prefix = "rdex.retention")
public interface RetentionConfig {

    /** When the purge runs (Quarkus cron, seconds first); {@code off} disables it ({@code purge} runs it by hand). */
    @WithDefault("0 15 4 * * ?")
    String cron();

    /**
     * How long a contact message's text, sender address and pseudonym are kept after delivery, or after the
     * last attempt when delivery failed. The row (state, partner, dates, attempts) stays for statistics.
     */
    @WithDefault("P30D")
    Duration contactMessages();

    /** Records of the calls we made to partners' contact APIs (they hold our user's address) are deleted after this. */
    @WithDefault("P30D")
    Duration outboundCalls();

    /**
     * Import reports older than this are deleted, except each partner's latest; {@code rdex.import.keep-reports}
     * also caps how many are kept per partner.
     */
    @WithDefault("P365D")
    Duration importReports();

    /**
     * After a purge that blanked or deleted rows, the contact tables are rewritten ({@code VACUUM FULL}) so that
     * the old rows leave the table files. The rewrite waits this long for its lock; past it (messages are
     * arriving), a plain {@code VACUUM} frees the old rows' space instead, and the next purge tries again.
     */
    @WithDefault("PT5S")
    Duration vacuumLockTimeout();

    /** Rows changed per transaction, so that a large purge never holds locks for long. */
    @WithDefault("5000")
    int batchSize();
}
