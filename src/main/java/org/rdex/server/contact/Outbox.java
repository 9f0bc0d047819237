package org.rdex.server.contact;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.rdex.server.db.Instances;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The outbox table seen by the relay: claim due messages (FOR UPDATE SKIP LOCKED, so instances never
 * take the same row), then record each outcome. Each call is its own short transaction; nothing is
 * held open while a message is being delivered.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private static final String CLAIM = """
            with due as (
                select id from contact_message
                where state in ('PENDING', 'SENDING') and next_attempt_at <= now()
                order by next_attempt_at, id
                limit ? for update skip locked),
            claimed as (
                update contact_message m
                set state = 'SENDING', attempts = m.attempts + 1, claimed_by = ?,
                    lease_until = now() + make_interval(secs => ?), next_attempt_at = now() + make_interval(secs => ?)
                from due where m.id = due.id
                returning m.*)
            select c.id, c.attempts, c.received_at, c.sender_pseudonym, c.sender_email, c.site, c.message, p.name,
                   c.journey_uuid, j.external_id, j.owner_ref, j.owner_email, j.from_location, j.to_location,
                   coalesce(j.punctual_date, j.active_from), j.punctual, j.url
            from claimed c
            left join journey j on j.id = c.journey_id
            left join partner p on p.id = c.partner_id
            order by c.id""";

    /**
     * Claims of instances that stopped beating become due now: their worker is gone, not just slow. So do this
     * instance's own claims that no delivery holds any more (their outcome could not be recorded, the database
     * being away): waiting out their lease would only delay them.
     */
    private static final String RELEASE_STALE = """
            update contact_message m set next_attempt_at = now()
            where m.state = 'SENDING' and m.next_attempt_at > now() and m.claimed_by is not null
              and (m.claimed_by <> ? and not exists (select 1 from instance_heartbeat h
                              where h.instance_id = m.claimed_by and h.beat_at > now() - make_interval(secs => ?))
                   or m.claimed_by = ? and not m.id = any(?))""";

    @Inject
    DataSource dataSource;
    @Inject
    Instances instances;

    /** Messages this instance has claimed and is delivering now. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    public List<RelayMessage> claim(int limit, Duration lease) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            instances.beat(connection);
            // Rounds of this instance may run at once: none may release what another has just claimed and not
            // yet noted as in flight.
            synchronized (inFlight) {
                releaseStale(connection);
                return claim(connection, statement, limit, lease);
            }
        }
    }

    private List<RelayMessage> claim(Connection connection, PreparedStatement statement, int limit, Duration lease)
            throws SQLException {
        statement.setInt(1, limit);
        statement.setString(2, instances.id());
        statement.setDouble(3, lease.toMillis() / 1000.0);
        statement.setDouble(4, lease.toMillis() / 1000.0);
        List<RelayMessage> messages = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                java.sql.Date date = rs.getDate(15);
                messages.add(new RelayMessage(rs.getLong(1), rs.getInt(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                        rs.getString(14), date == null ? null : date.toLocalDate(), rs.getBoolean(16), rs.getString(17)));
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        messages.forEach(m -> inFlight.add(m.id()));
        return messages;
    }

    int releaseStale(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RELEASE_STALE)) {
            statement.setString(1, instances.id());
            statement.setDouble(2, instances.config().staleAfter().toMillis() / 1000.0);
            statement.setString(3, instances.id());
            statement.setArray(4, connection.createArrayOf("bigint", inFlight.toArray()));
            int released = statement.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            if (released > 0) {
                LOG.infof("Released %d message(s) claimed by instances that stopped beating", released);
            }
            return released;
        }
    }

    /**
     * Gives up claimed messages without an attempt (the database failed in the middle of their batch): no
     * delivery holds them any more, so the next round, once the database answers, releases them at once.
     */
    public void abandon(List<RelayMessage> messages) {
        messages.forEach(m -> inFlight.remove(m.id()));
    }

    /** Marks a claimed message delivered; false when the claim was lost (lease expired, taken by another). */
    public boolean delivered(long id, String channel) throws SQLException {
        return update("""
                update contact_message set state = 'DELIVERED', delivered_at = now(), channel = ?, lease_until = null,
                       last_error = null
                where id = ? and state = 'SENDING'""", channel, id, null);
    }

    /** Schedules another attempt after {@code backoff}, or gives up (FAILED) when {@code backoff} is null. */
    public boolean failed(long id, String channel, String error, Duration backoff) throws SQLException {
        if (backoff == null) {
            return update("""
                    update contact_message set state = 'FAILED', channel = ?, lease_until = null, last_error = ?
                    where id = ? and state = 'SENDING'""", channel, id, error);
        }
        return update("""
                update contact_message set state = 'PENDING', channel = ?, lease_until = null, last_error = ?,
                       next_attempt_at = now() + make_interval(secs => %s)
                where id = ? and state = 'SENDING'""".formatted(backoff.toMillis() / 1000.0), channel, id, error);
    }

    private boolean update(String sql, String channel, long id, String error) throws SQLException {
        try {
            return record(sql, channel, id, error);
        } finally {
            // Recorded or not, the delivery attempt is over.
            inFlight.remove(id);
        }
    }

    private boolean record(String sql, String channel, long id, String error) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, channel);
            if (sql.contains("last_error = ?")) {
                statement.setString(2, error);
                statement.setLong(3, id);
            } else {
                statement.setLong(2, id);
            }
            int rows = statement.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return rows == 1;
        }
    }

    /** For the admin API: newest first, without the message text nor the sender's address. */
    public List<java.util.Map<String, Object>> list(String state, int limit) throws SQLException {
        String sql = """
                select m.id, m.journey_uuid, p.name, m.site, m.state, m.attempts, m.received_at, m.next_attempt_at,
                       m.delivered_at, m.channel, m.last_error
                from contact_message m left join partner p on p.id = m.partner_id
                where (?::text is null or m.state = ?::text)
                order by m.id desc limit ?""";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, state);
            statement.setString(2, state);
            statement.setInt(3, limit);
            List<java.util.Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
                    row.put("id", rs.getLong(1));
                    row.put("journeyUuid", rs.getString(2));
                    row.put("partner", rs.getString(3));
                    row.put("site", rs.getString(4));
                    row.put("state", rs.getString(5));
                    row.put("attempts", rs.getInt(6));
                    row.put("receivedAt", instant(rs.getTimestamp(7)));
                    row.put("nextAttemptAt", "DELIVERED".equals(rs.getString(5)) || "FAILED".equals(rs.getString(5))
                            ? null : instant(rs.getTimestamp(8)));
                    row.put("deliveredAt", instant(rs.getTimestamp(9)));
                    row.put("channel", rs.getString(10));
                    row.put("lastError", rs.getString(11));
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    public java.util.Map<String, Long> counts() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select state, count(*) from contact_message group by state")) {
            java.util.Map<String, Long> counts = new java.util.TreeMap<>();
            for (String s : List.of("PENDING", "SENDING", "DELIVERED", "FAILED")) {
                counts.put(s, 0L);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            counts.put("total", counts.values().stream().mapToLong(Long::longValue).sum());
            return counts;
        }
    }

    private static String instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }
}
