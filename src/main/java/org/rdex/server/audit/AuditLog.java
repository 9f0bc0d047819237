package org.rdex.server.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.rdex.server.common.RuntimeSettings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The audit trail of administrators' changes. Services call {@link #record} where they make the change: inside
 * their transaction the entry is written with it (the data source joins the JTA transaction), so a change
 * rolled back leaves no entry and an entry never describes a change that did not happen.
 */
@ApplicationScoped
public class AuditLog {

    /** Entries a listing returns at most. */
    public static final int MAX_LIMIT = 1000;

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper mapper;
    @Inject
    RuntimeSettings runtime;

    /**
     * Records a change.
     *
     * @param action  what was done, {@code partner.add}, {@code key.revoke}...
     * @param partner the partner concerned, or null
     * @param subject what else names the change (a key id, a message id), or null
     * @param before  the value before (any object Jackson writes; redacted here), or null
     * @param after   the value after, or null
     */
    public void record(String action, String partner, String subject, Object before, Object after) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into audit_entry (actor, action, partner, subject, before_json, after_json)"
                        + " values (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, actor());
            ps.setString(2, action);
            ps.setString(3, partner);
            ps.setString(4, subject);
            ps.setString(5, json(before));
            ps.setString(6, json(after));
            ps.executeUpdate();
        } catch (SQLException e) {
            // Failing the change rather than letting it happen unaudited.
            throw new IllegalStateException("Cannot write the audit entry", e);
        }
    }

    /** Newest first, at most {@code limit} (capped at {@link #MAX_LIMIT}), of one partner when given. */
    public List<AuditEntry> list(Optional<String> partner, int limit) {
        String sql = "select id, at, actor, action, partner, subject, before_json, after_json from audit_entry"
                + (partner.isPresent() ? " where partner = ?" : "") + " order by at desc, id desc limit ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (partner.isPresent()) {
                ps.setString(i++, partner.get());
            }
            ps.setInt(i, Math.max(1, Math.min(MAX_LIMIT, limit)));
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), parse(rs.getString(7)),
                            parse(rs.getString(8))));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the audit trail", e);
        }
    }

    /** Deletes entries recorded before {@code before}; returns how many. */
    public long purge(java.time.Instant before) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from audit_entry where at < ?")) {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot purge the audit trail", e);
        }
    }

    private String actor() {
        return Actor.current().orElse(runtime.cli() ? Actor.CLI : Actor.SYSTEM);
    }

    private String json(Object value) {
        if (value == null) {
            return null;
        }
        JsonNode tree = value instanceof JsonNode node ? node : mapper.valueToTree(value);
        try {
            return mapper.writeValueAsString(Redaction.redact(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the audit entry", e);
        }
    }

    private JsonNode parse(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
