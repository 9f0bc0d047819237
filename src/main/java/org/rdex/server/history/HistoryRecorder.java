package org.rdex.server.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Counts live calls and refused keys per hour. A call only adds to a counter in memory (safe on an event loop,
 * never fails the call); the counters are written by upsert every {@code rdex.history.flush}, at shutdown, and
 * before the history is read, so a busy partner costs one row per hour and outcome, not one per call.
 */
@ApplicationScoped
public class HistoryRecorder {

    private static final Logger LOG = Logger.getLogger(HistoryRecorder.class);

    /** Outcome of a successful live call. */
    public static final String OK = "ok";

    record LiveBucket(Instant hour, String partner, String protocol, String outcome) {
    }

    record LiveSum(long calls, long totalMs, long maxMs) {
        LiveSum plus(LiveSum o) {
            return new LiveSum(calls + o.calls, totalMs + o.totalMs, Math.max(maxMs, o.maxMs));
        }
    }

    record RefusalBucket(Instant hour, String keyId, String partner, String reason) {
    }

    private final Map<LiveBucket, LiveSum> live = new ConcurrentHashMap<>();
    private final Map<RefusalBucket, Long> refusals = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();

    @Inject
    DataSource dataSource;
    @Inject
    HistoryConfig config;

    /**
     * One call we made to a partner's live API.
     *
     * @param outcome {@link #OK}, {@code timeout}, {@code http_error}, {@code malformed}, {@code too_large}...
     */
    public void liveCall(String partner, String protocol, String outcome, long nanos) {
        long ms = Math.max(0, nanos / 1_000_000);
        LiveBucket bucket = new LiveBucket(hour(Instant.now()), text(partner), text(protocol), text(outcome));
        if (room(live, bucket)) {
            live.merge(bucket, new LiveSum(1, ms, ms), LiveSum::plus);
        }
    }

    /**
     * One contact sent to a partner's API: 2xx is {@link #OK}, 4xx {@code refused}, another status
     * {@code http_error}; without an answer {@code timeout}, the {@code failure} when it names a bad answer
     * ({@code malformed}, {@code too_large}), else {@code unreachable}.
     */
    public void contactCall(String partner, String protocol, Integer status, boolean timedOut, String failure,
            long millis) {
        String outcome = status != null ? (status / 100 == 2 ? OK : status / 100 == 4 ? "refused" : "http_error")
                : timedOut ? "timeout"
                : "malformed".equals(failure) || "too_large".equals(failure) ? failure : "unreachable";
        liveCall(partner, protocol + " contact", outcome, millis * 1_000_000);
    }

    /**
     * One call refused because of its key.
     *
     * @param keyId   the key's id when it is one of ours, else null (an unknown id is the caller's text)
     * @param partner the key's partner, or null
     * @param reason  {@code wrong_ip}, {@code revoked}, {@code expired}, {@code bad_signature}, {@code unknown}...
     */
    public void keyRefused(String keyId, String partner, String reason) {
        RefusalBucket bucket = new RefusalBucket(hour(Instant.now()), text(keyId), text(partner), text(reason));
        if (room(refusals, bucket)) {
            refusals.merge(bucket, 1L, Long::sum);
        }
    }

    @Scheduled(identity = "rdex-history-flush", every = "{rdex.history.flush}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("History: counters not written, retried at the next flush", e);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        scheduled();
    }

    /** Writes the counters gathered so far; what fails to be written is added back for the next flush. */
    public synchronized void flush() {
        List<Map.Entry<LiveBucket, LiveSum>> calls = new ArrayList<>();
        for (LiveBucket b : List.copyOf(live.keySet())) {
            LiveSum sum = live.remove(b);
            if (sum != null) {
                calls.add(Map.entry(b, sum));
            }
        }
        List<Map.Entry<RefusalBucket, Long>> refused = new ArrayList<>();
        for (RefusalBucket b : List.copyOf(refusals.keySet())) {
            Long n = refusals.remove(b);
            if (n != null) {
                refused.add(Map.entry(b, n));
            }
        }
        if (calls.isEmpty() && refused.isEmpty()) {
            return;
        }
        try {
            write(calls, refused);
        } catch (SQLException | RuntimeException e) {
            calls.forEach(c -> live.merge(c.getKey(), c.getValue(), LiveSum::plus));
            refused.forEach(r -> refusals.merge(r.getKey(), r.getValue(), Long::sum));
            throw new IllegalStateException("Cannot write the history counters", e);
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warnf("History: %d counts dropped (over rdex.history.max-pending distinct counters)", lost);
        }
    }

    private void write(List<Map.Entry<LiveBucket, LiveSum>> calls, List<Map.Entry<RefusalBucket, Long>> refused)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into history_live_call (hour, partner, protocol, outcome, calls, total_ms, max_ms)
                    values (?, ?, ?, ?, ?, ?, ?)
                    on conflict (hour, partner, protocol, outcome) do update set
                        calls = history_live_call.calls + excluded.calls,
                        total_ms = history_live_call.total_ms + excluded.total_ms,
                        max_ms = greatest(history_live_call.max_ms, excluded.max_ms)""")) {
                for (Map.Entry<LiveBucket, LiveSum> e : calls) {
                    ps.setTimestamp(1, Timestamp.from(e.getKey().hour()));
                    ps.setString(2, e.getKey().partner());
                    ps.setString(3, e.getKey().protocol());
                    ps.setString(4, e.getKey().outcome());
                    ps.setLong(5, e.getValue().calls());
                    ps.setLong(6, e.getValue().totalMs());
                    ps.setLong(7, e.getValue().maxMs());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into history_key_refusal (hour, key_id, partner, reason, calls) values (?, ?, ?, ?, ?)
                    on conflict (hour, key_id, partner, reason) do update set
                        calls = history_key_refusal.calls + excluded.calls""")) {
                for (Map.Entry<RefusalBucket, Long> e : refused) {
                    ps.setTimestamp(1, Timestamp.from(e.getKey().hour()));
                    ps.setString(2, e.getKey().keyId());
                    ps.setString(3, e.getKey().partner());
                    ps.setString(4, e.getKey().reason());
                    ps.setLong(5, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    /** Adds counts for an hour in the past at once (the seeded history of {@code demo history}). */
    public void addLive(Instant hour, String partner, String protocol, String outcome, long calls, long totalMs,
            long maxMs) {
        live.merge(new LiveBucket(hour(hour), partner, protocol, outcome), new LiveSum(calls, totalMs, maxMs),
                LiveSum::plus);
    }

    /** Adds refusals for an hour in the past at once (the seeded history). */
    public void addRefusals(Instant hour, String keyId, String partner, String reason, long calls) {
        refusals.merge(new RefusalBucket(hour(hour), text(keyId), text(partner), reason), calls, Long::sum);
    }

    private <K, V> boolean room(Map<K, V> map, K key) {
        if (map.size() < config.maxPending() || map.containsKey(key)) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    static Instant hour(Instant t) {
        return t.truncatedTo(ChronoUnit.HOURS);
    }

    private static String text(String value) {
        return value == null ? "" : value.length() > 100 ? value.substring(0, 100) : value;
    }
}
