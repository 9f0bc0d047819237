package org.rdex.server.contact;

import java.sql.SQLException;
import java.util.Map;

import org.rdex.server.common.RuntimeSettings;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The relay queue as gauges, {@code rdex_relay_messages{state="FAILED"}} being the one to alert on. They count
 * rows of the shared table, so every instance reports the same figures; one count query serves a scrape, at
 * most every few seconds.
 */
@ApplicationScoped
public class RelayMetrics {

    private static final long REFRESH_NANOS = 5_000_000_000L;

    @Inject
    Outbox outbox;
    @Inject
    MeterRegistry registry;
    @Inject
    RuntimeSettings runtime;

    private Map<String, Long> counts = Map.of();
    private long countedAt;
    private boolean counted;

    void register(@Observes StartupEvent event) {
        if (runtime.cli()) {
            return;
        }
        for (String state : new String[] { "PENDING", "SENDING", "DELIVERED", "FAILED" }) {
            Gauge.builder("rdex.relay.messages", this, m -> m.count(state)).tag("state", state)
                    .description("Contact messages for our users, by state").register(registry);
        }
    }

    /** NaN while the database cannot answer, so a scrape shows a gap rather than a false zero. */
    synchronized double count(String state) {
        if (!counted || System.nanoTime() - countedAt > REFRESH_NANOS) {
            try {
                counts = outbox.counts();
            } catch (SQLException e) {
                counts = Map.of();
            }
            countedAt = System.nanoTime();
            counted = true;
        }
        Long value = counts.get(state);
        return value == null ? Double.NaN : value;
    }
}
