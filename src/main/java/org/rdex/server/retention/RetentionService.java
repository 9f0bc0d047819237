package org.rdex.server.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.rdex.server.audit.AuditLog;
import org.rdex.server.db.AdvisoryLock;
import org.rdex.server.history.HistoryStore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Purges what is kept only for a while: finished contact messages' text and sender (the row and its counts
 * stay), records of our outbound contact calls, old import reports; then rewrites the contact tables so that
 * the purged values leave the disk. Runs on one instance at a time.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);
    /** Advisory-lock key of the purge, beside the other jobs' keys ("RDEX" in the high bytes). */
    static final long LOCK = 0x5244_4558_0000_0060L;

    // A failed message has no last-attempt column: each claim sets next_attempt_at to the claim time plus the
    // lease, so it bounds the last attempt from above and the purge is never early.
    private static final String MESSAGES = """
            update contact_message set message = '', sender_email = '', sender_pseudonym = '', purged_at = now()
            where id in (
                select id from contact_message
                where purged_at is null and state in ('DELIVERED', 'FAILED')
                  and case when state = 'DELIVERED' then delivered_at
                           else greatest(received_at, next_attempt_at) end < now() - make_interval(secs => ?)
                limit ? for update skip locked)""";
    private static final String OUTBOUND = """
            delete from contact_outbound where id in (
                select id from contact_outbound where created_at < now() - make_interval(secs => ?) limit ?)""";
    private static final String REPORTS = """
            delete from partner_import where id in (
                select i.id from partner_import i
                where i.started_at < now() - make_interval(secs => ?)
                  and i.id <> (select max(l.id) from partner_import l where l.partner_id = i.partner_id)
                limit ?)""";

    /** Tables whose old row versions hold purged texts and addresses. */
    private static final List<String> PRIVATE_TABLES = List.of("contact_message", "contact_outbound");
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /** What one purge did. */
    public record Purge(long messagesPurged, long outboundCallsDeleted, long importReportsDeleted,
            long historyRowsDeleted, long auditEntriesDeleted) {
        public String describe() {
            return "contact messages purged=" + messagesPurged + " outbound calls deleted=" + outboundCallsDeleted
                    + " import reports deleted=" + importReportsDeleted + " history rows deleted=" + historyRowsDeleted
                    + " audit entries deleted=" + auditEntriesDeleted;
        }
    }

    @Inject
    DataSource dataSource;
    @Inject
    RetentionConfig config;
    @Inject
    HistoryStore history;
    @Inject
    AuditLog audit;

    /** Purges now unless another instance is purging; empty then. */
    public Optional<Purge> runIfFree() {
        try {
            return AdvisoryLock.ifFree(dataSource, LOCK, this::purge);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the retention lock", e);
        }
    }

    private Purge purge() {
        Purge purge = new Purge(batches(MESSAGES, config.contactMessages()), batches(OUTBOUND, config.outboundCalls()),
                batches(REPORTS, config.importReports()), history.purge(), audit.purge(history.horizon()));
        LOG.infof("Retention: %s", purge.describe());
        if (purge.messagesPurged() > 0 || purge.outboundCallsDeleted() > 0) {
            vacuum();
        }
        return purge;
    }

    /**
     * Blanking a text leaves the old row version, text included, in the table file until it is vacuumed; a
     * plain VACUUM only marks its space free, so the tables are rewritten when their lock comes in time.
     */
    private void vacuum() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("set lock_timeout = " + Math.max(1, config.vacuumLockTimeout().toMillis()));
            try {
                for (String table : PRIVATE_TABLES) {
                    try {
                        s.execute("vacuum (full) " + table);
                    } catch (SQLException e) {
                        if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                            throw e;
                        }
                        LOG.warnf("Retention: %s is busy; plain VACUUM instead of a rewrite, retried at the next purge",
                                table);
                        s.execute("vacuum " + table);
                    }
                }
            } finally {
                s.execute("reset lock_timeout");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Retention vacuum failed", e);
        }
    }

    private long batches(String sql, Duration age) {
        long total = 0;
        int batch = Math.max(1, config.batchSize());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            while (true) {
                int changed;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setDouble(1, age.toMillis() / 1000.0);
                    ps.setInt(2, batch);
                    changed = ps.executeUpdate();
                }
                total += changed;
                if (changed < batch) {
                    return total;
                }
                LOG.debugf("Retention: %d rows so far", total);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Retention purge failed", e);
        }
    }
}
