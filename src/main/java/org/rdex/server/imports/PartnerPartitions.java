package org.rdex.server.imports;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.rdex.server.db.SessionLimits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Each partner's journeys are one partition of {@code partner_journey}, so that replacing them never deletes
 * rows one by one: a fresh table is loaded without indexes, indexed once, then swapped in for the old
 * partition:
 *
 * <ol>
 * <li>load transaction: {@code partner_journey_<id>_load} is created, filled by the caller's loader
 * (typically a COPY ... FREEZE), indexed and analysed, then committed. Searches never see it. A loader
 * that throws rolls it all back and the old set stays.</li>
 * <li>swap transaction: the old partition is dropped, the load table renamed and attached. Its CHECK on
 * the partner makes the attach skip its validation scan, so searches wait only for a few catalogue
 * changes, not for the copy or the file sync (which the load commit already paid).</li>
 * </ol>
 *
 * A crash between the two leaves a load table that the next replacement drops first. A session advisory
 * lock per partner keeps two replacements of one partner from interleaving, across instances too.
 */
@ApplicationScoped
public class PartnerPartitions {

    /** Namespace of the per-partner advisory lock ("RDEI"). */
    public static final int LOCK_NAMESPACE = 0x52444549;

    /** Columns whose statistics the search plans depend on. */
    private static final String ANALYZED = "from_cell, to_cell, from_lat, from_lon, to_lat, to_lon, active_from,"
            + " active_to, punctual, punctual_date, days_mask, driver, passenger";

    /** Fills {@code table} (fresh, empty, in the current transaction) with the partner's new journeys. */
    @FunctionalInterface
    public interface Loader<T> {
        T load(Connection connection, String table) throws IOException, SQLException;
    }

    @Inject
    DataSource dataSource;

    /**
     * Makes what {@code loader} writes the partner's whole set of journeys.
     *
     * @return what the loader returned
     */
    public <T> T replace(long partnerId, Loader<T> loader) throws IOException, SQLException {
        String live = "partner_journey_" + partnerId;
        String load = live + "_load";
        try (Connection c = dataSource.getConnection()) {
            advisory(c, "select pg_advisory_lock(?, ?)", partnerId);
            boolean autoCommit = c.getAutoCommit();
            try {
                c.setAutoCommit(false);
                T result;
                try {
                    // The COPY lasts as long as the download: the download's own timeouts bound it.
                    SessionLimits.longJob(c, "import");
                    execute(c, "drop table if exists " + load);
                    execute(c, "create table " + load + " (like partner_journey including defaults including"
                            + " constraints, constraint partner_journey_partner check"
                            + " (partner_id = " + partnerId + "))");
                    result = loader.load(c, load);
                    execute(c, "create unique index on " + load + " (partner_id, uuid)");
                    execute(c, "create index on " + load + " (from_cell, to_cell, punctual_date, dep_lo_min,"
                            + " dep_hi_max)");
                    execute(c, "create index on " + load + " (to_cell, from_cell, ret_lo_min, ret_hi_max)"
                            + " where ret_lo is not null");
                    // The planner needs the new table's statistics at once, not at the next autovacuum; only
                    // of what searches filter on, since sampling every text column is the costly part of
                    // analyze, and from a smaller sample than the default, which would read most pages.
                    execute(c, "set local default_statistics_target = 20");
                    execute(c, "analyze " + load + " (" + ANALYZED + ")");
                    c.commit();
                } catch (Throwable e) {
                    // Errors too: the load must not stay half-done in an open transaction.
                    rollback(c, e);
                    throw e;
                }
                try {
                    // Searches queue behind the drop: give up rather than stall them behind a long query.
                    execute(c, "set local lock_timeout = '10s'");
                    execute(c, "drop table if exists " + live);
                    execute(c, "alter table " + load + " rename to " + live);
                    execute(c, "alter table partner_journey attach partition " + live + " for values in ("
                            + partnerId + ")");
                    c.commit();
                } catch (Throwable e) {
                    rollback(c, e);
                    throw e;
                }
                return result;
            } finally {
                try {
                    c.setAutoCommit(autoCommit);
                    advisory(c, "select pg_advisory_unlock(?, ?)", partnerId);
                } catch (SQLException | RuntimeException e) {
                    // A broken connection: its session, and so the lock, ends with it. Keep the first error.
                }
            }
        }
    }

    /** Rolls back, keeping {@code cause} as the error to report. */
    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void advisory(Connection c, String sql, long partnerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, LOCK_NAMESPACE);
            ps.setInt(2, (int) partnerId);
            ps.execute();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
