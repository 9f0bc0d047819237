package org.rdex.server.contact;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The relay queue as the operator console reads and steers it: failed, waiting and delivered messages (never
 * their text nor their sender), a failed message put back in the queue, and when each key was last used.
 */
@ApplicationScoped
public class RelayQueue {

    /** A failed contact message: never the text nor the sender. */
    public record Failed(long id, String partner, String site, String journeyUuid, int attempts, Instant receivedAt,
            String lastError, boolean purged) {
    }

    /** A message waiting for delivery (or being delivered): when the relay tries next and why the last try failed. */
    public record Pending(long id, String partner, String site, String journeyUuid, String state, int attempts,
            Instant receivedAt, Instant nextAttemptAt, String lastError) {
    }

    /** A delivered message: how and when. */
    public record Delivered(long id, String partner, String site, String journeyUuid, String channel,
            Instant deliveredAt) {
    }

    @Inject
    DataSource dataSource;

    /** Failed messages, newest first. */
    public List<Failed> failed(int limit) {
        return query("""
                select m.id, p.name, m.site, m.journey_uuid, m.attempts, m.received_at, m.last_error,
                       m.purged_at is not null
                from contact_message m left join partner p on p.id = m.partner_id
                where m.state = 'FAILED' order by m.id desc limit ?""", limit,
                rs -> new Failed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getBoolean(8)));
    }

    /** Messages not yet delivered nor given up, oldest first: the ones the relay is working on. */
    public List<Pending> pending(int limit) {
        return query("""
                select m.id, p.name, m.site, m.journey_uuid, m.state, m.attempts, m.received_at, m.next_attempt_at,
                       m.last_error
                from contact_message m left join partner p on p.id = m.partner_id
                where m.state in ('PENDING', 'SENDING') order by m.id limit ?""", limit,
                rs -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getTimestamp(7).toInstant(), instant(rs.getTimestamp(8)), rs.getString(9)));
    }

    /** The latest deliveries, newest first. */
    public List<Delivered> delivered(int limit) {
        return query("""
                select m.id, p.name, m.site, m.journey_uuid, m.channel, m.delivered_at
                from contact_message m left join partner p on p.id = m.partner_id
                where m.state = 'DELIVERED' order by m.id desc limit ?""", limit,
                rs -> new Delivered(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        instant(rs.getTimestamp(6))));
    }

    /** When each key was last used: the latest contact message accepted with it. */
    public Map<String, Instant> lastUseByKey() {
        Map<String, Instant> uses = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select key_id, max(received_at) from contact_message where key_id is not null group by key_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                uses.put(rs.getString(1), rs.getTimestamp(2).toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the keys' last use", e);
        }
        return uses;
    }

    /**
     * A failed message back in the queue for one more round of attempts, or a waiting one tried at the relay's
     * next round rather than after its back-off; false when it is neither (delivered, being delivered, purged).
     */
    public boolean retry(long id) {
        return update("""
                update contact_message set state = 'PENDING', attempts = 0, next_attempt_at = now(), lease_until = null
                where id = ? and state = 'FAILED' and purged_at is null""", id)
                || update("update contact_message set next_attempt_at = now() where id = ? and state = 'PENDING'", id);
    }

    /**
     * Gives up a waiting message: it becomes FAILED, saying the operator dropped it, and can still be retried. A
     * message being delivered now cannot be dropped (its outcome is on its way); false then, or when none waits.
     */
    public boolean drop(long id) {
        return update("""
                update contact_message set state = 'FAILED', last_error = 'dropped by the operator', lease_until = null
                where id = ? and state = 'PENDING'""", id);
    }

    private boolean update(String sql, long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot change the message", e);
        }
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, int limit, Row<T> row) {
        List<T> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the relay queue", e);
        }
        return rows;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
