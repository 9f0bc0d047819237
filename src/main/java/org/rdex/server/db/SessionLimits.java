package org.rdex.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import org.rdex.server.common.DatabaseConfig;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Gives every connection the pool opens the session limits of {@link DatabaseConfig.Session}. Through the pool
 * rather than the JDBC URL, so that an external database's URL (set by the operator) gets them too.
 *
 * <p>Jobs whose statements run long by design (an import's COPY, the export's read) call {@link #longJob} in
 * their transaction: no statement timeout there, and a name readiness recognises, since their own timeouts
 * (download, export) bound them.
 */
@ApplicationScoped
public class SessionLimits implements AgroalPoolInterceptor {

    /** {@code application_name} prefix of a transaction that {@link #longJob} marked. */
    public static final String LONG_JOB_PREFIX = "rdex-job:";

    @Inject
    DatabaseConfig config;

    @Override
    public void onConnectionCreate(Connection c) {
        try {
            apply(c, config.session().statementTimeout(), config.session().idleInTransactionTimeout());
        } catch (SQLException e) {
            // A connection without its limits would fail open: refuse it, the pool reports the failure.
            throw new IllegalStateException("Could not set the session limits", e);
        }
    }

    static void apply(Connection c, Duration statementTimeout, Duration idleInTransactionTimeout)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select set_config('statement_timeout', ?, false),"
                + " set_config('idle_in_transaction_session_timeout', ?, false)")) {
            ps.setString(1, millis(statementTimeout));
            ps.setString(2, millis(idleInTransactionTimeout));
            ps.execute();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /**
     * Marks the current transaction (autocommit off) as the job {@code name}: no statement or idle timeout until
     * it ends (between the batches of its cursor the export waits on its own writing), and readiness does not
     * count its locks.
     */
    public static void longJob(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select set_config('statement_timeout', '0', true),"
                + " set_config('idle_in_transaction_session_timeout', '0', true),"
                + " set_config('application_name', ?, true)")) {
            ps.setString(1, LONG_JOB_PREFIX + name);
            ps.execute();
        }
    }

    /** Within this transaction only: statements running longer than {@code timeout} are cancelled. */
    public static void statementTimeout(Connection c, Duration timeout) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select set_config('statement_timeout', ?, true)")) {
            ps.setString(1, millis(timeout));
            ps.execute();
        }
    }

    private static String millis(Duration d) {
        return Long.toString(Math.max(0, d.toMillis()));
    }
}
