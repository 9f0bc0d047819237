package org.rdex.server.history;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long the history behind the console's charts and the audit trail is kept. */
@ConfigMapping(prefix = "rdex.history")
public interface HistoryConfig {

    /**
     * History rows (live calls, refused keys), audit entries, export runs and import reports younger than
     * this are kept; the nightly purge ({@code rdex.retention.cron}) deletes older ones.
     */
    @WithDefault("P90D")
    Duration keep();

    /** How often the counts gathered in memory (live calls, refused keys) are written to the database. */
    @WithDefault("30s")
    String flush();

    /** Distinct hourly counters held in memory between two writes; past it, new ones are dropped (and logged). */
    @WithDefault("10000")
    int maxPending();
}
