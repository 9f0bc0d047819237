package org.rdex.server.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reads the hourly history (live calls, refused keys) and the relay's history from its messages, per hour or
 * per day, and purges what is older than {@code rdex.history.keep}.
 */
@ApplicationScoped
public class HistoryStore {

    /** Width of a chart's bar. */
    public enum Bucket {
        HOUR, DAY;

        String sql() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Calls to one partner's protocol in one bucket: all of them, the failed ones by kind, their latency. */
    public record LivePoint(Instant at, String partner, String protocol, long calls, Map<String, Long> failures,
            long averageMs, long maxMs) {
        public long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Calls refused in one bucket for one reason. */
    public record RefusalPoint(Instant at, String reason, long calls) {
    }

    /** Refusals of one key (empty id: keys not ours) for one reason over the period. */
    public record KeyRefusals(String keyId, String partner, String reason, long calls) {
    }

    /**
     * Contact messages in one bucket: received, delivered and failed then, the average time from receipt to
     * delivery of those delivered.
     */
    public record RelayPoint(Instant at, long received, long delivered, long failed, long averageLatencyMs,
            long maxLatencyMs) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    HistoryRecorder recorder;
    @Inject
    HistoryConfig config;

    public List<LivePoint> live(Instant since, Bucket bucket) {
        flush();
        String sql = """
                select date_trunc(?, hour) b, partner, protocol, outcome, sum(calls), sum(total_ms), max(max_ms)
                from history_live_call where hour >= ? group by 1, 2, 3, 4 order by 1, 2, 3, 4""";
        Map<List<Object>, long[]> sums = new LinkedHashMap<>();
        Map<List<Object>, Map<String, Long>> failures = new LinkedHashMap<>();
        query(sql, rs -> {
            List<Object> key = List.of(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3));
            long[] s = sums.computeIfAbsent(key, k -> new long[3]);
            long calls = rs.getLong(5);
            s[0] += calls;
            s[1] += rs.getLong(6);
            s[2] = Math.max(s[2], rs.getLong(7));
            Map<String, Long> f = failures.computeIfAbsent(key, k -> new LinkedHashMap<>());
            if (!HistoryRecorder.OK.equals(rs.getString(4))) {
                f.merge(rs.getString(4), calls, Long::sum);
            }
        }, bucket.sql(), Timestamp.from(since));
        List<LivePoint> points = new ArrayList<>();
        sums.forEach((k, s) -> points.add(new LivePoint((Instant) k.get(0), (String) k.get(1), (String) k.get(2), s[0],
                failures.get(k), s[0] == 0 ? 0 : s[1] / s[0], s[2])));
        return points;
    }

    public List<RefusalPoint> refusals(Instant since, Bucket bucket) {
        flush();
        List<RefusalPoint> points = new ArrayList<>();
        query("select date_trunc(?, hour), reason, sum(calls) from history_key_refusal where hour >= ?"
                + " group by 1, 2 order by 1, 2",
                rs -> points.add(new RefusalPoint(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getLong(3))),
                bucket.sql(), Timestamp.from(since));
        return points;
    }

    public List<KeyRefusals> refusalsByKey(Instant since) {
        flush();
        List<KeyRefusals> rows = new ArrayList<>();
        query("select key_id, partner, reason, sum(calls) from history_key_refusal where hour >= ?"
                + " group by 1, 2, 3 order by 4 desc, 1, 3 limit 200",
                rs -> rows.add(new KeyRefusals(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4))),
                Timestamp.from(since));
        return rows;
    }

    /**
     * The relay per bucket, from the contact messages themselves (their rows outlive the purge of their text).
     * A failed message counts in the bucket it was received in.
     */
    public List<RelayPoint> relay(Instant since, Bucket bucket) {
        List<RelayPoint> points = new ArrayList<>();
        query("""
                with received as (
                    select date_trunc(?, received_at) b, count(*) n, count(*) filter (where state = 'FAILED') f
                    from contact_message where received_at >= ? group by 1),
                delivered as (
                    select date_trunc(?, delivered_at) b, count(*) n,
                           avg(extract(epoch from delivered_at - received_at) * 1000) a,
                           max(extract(epoch from delivered_at - received_at) * 1000) m
                    from contact_message where delivered_at >= ? group by 1)
                select coalesce(r.b, d.b), coalesce(r.n, 0), coalesce(d.n, 0), coalesce(r.f, 0),
                       coalesce(d.a, 0), coalesce(d.m, 0)
                from received r full join delivered d on d.b = r.b order by 1""",
                rs -> points.add(new RelayPoint(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), Math.round(rs.getDouble(5)), Math.round(rs.getDouble(6)))),
                bucket.sql(), Timestamp.from(since), bucket.sql(), Timestamp.from(since));
        return points;
    }

    /** Messages waiting for delivery now (pending or being sent). */
    public long relayPending() {
        long[] n = new long[1];
        query("select count(*) from contact_message where state in ('PENDING', 'SENDING')", rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    /** When each key was last used: the last contact message it brought. */
    public Map<String, Instant> keyLastUse() {
        Map<String, Instant> last = new LinkedHashMap<>();
        query("select key_id, max(received_at) from contact_message group by key_id",
                rs -> last.put(rs.getString(1), rs.getTimestamp(2).toInstant()));
        return last;
    }

    /** Deletes hourly rows older than {@code rdex.history.keep}; returns how many. */
    public long purge() {
        Timestamp before = Timestamp.from(Instant.now().minus(config.keep()));
        long deleted = 0;
        try (Connection c = dataSource.getConnection()) {
            for (String table : List.of("history_live_call", "history_key_refusal")) {
                try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where hour < ?")) {
                    ps.setTimestamp(1, before);
                    deleted += ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot purge the history", e);
        }
        return deleted;
    }

    /** The oldest instant the history keeps. */
    public Instant horizon() {
        return Instant.now().minus(config.keep());
    }

    private void flush() {
        try {
            recorder.flush();
        } catch (RuntimeException e) {
            // Reading what is already written is still worth it; the counters stay for the next flush.
        }
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Row row, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the history", e);
        }
    }
}
