package org.rdex.server.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.rdex.server.db.AdvisoryLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Purges what is kept only for a while: finished contact messages' text and sender (the row and its counts
 * stay), records of our outbound contact calls, old import reports. Runs on one instance at a time.
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

    /** What one purge did. */
    public record Purge(long messagesPurged, long outboundCallsDeleted, long importReportsDeleted) {
        public String describe() {
            return "contact messages purged=" + messagesPurged + " outbound calls deleted=" + outboundCallsDeleted
                    + " import reports deleted=" + importReportsDeleted;
        }
    }

    @Inject
    DataSource dataSource;
    @Inject
    RetentionConfig config;

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
                batches(REPORTS, config.importReports()));
        LOG.infof("Retention: %s", purge.describe());
        return purge;
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
