package org.rdex.server.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The nightly import of every partner's feed. Several instances may share the database: a session-level
 * PostgreSQL advisory lock lets one of them run it, the others skip.
 */
@ApplicationScoped
public class ImportJob {

    private static final Logger LOG = Logger.getLogger(ImportJob.class);
    /** Key 2 of the job's advisory lock (namespace {@link JourneyStore#LOCK_NAMESPACE}); partners use their id. */
    private static final int JOB_LOCK = 0;

    @Inject
    ImportService imports;
    @Inject
    DataSource dataSource;

    @Scheduled(identity = "partner-import", cron = "{rdex.import.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly() {
        try {
            runIfFree().ifPresentOrElse(
                    reports -> LOG.infof("Nightly import done: %d partner(s), %d failed or refused", reports.size(),
                            reports.stream().filter(r -> !r.succeeded()).count()),
                    () -> LOG.info("Nightly import skipped: another instance holds the lock"));
        } catch (RuntimeException e) {
            LOG.error("Nightly import failed", e);
        }
    }

    /**
     * Imports every partner's feed unless another instance is doing it.
     *
     * @return the reports, or empty when the lock was taken
     */
    public Optional<List<ImportReport>> runIfFree() {
        // Partner ids are positive, so the job's key (0) never collides with a partner's lock; still, the
        // partner locks are transaction-level and taken by imports, this one is session-level.
        try (Connection c = dataSource.getConnection()) {
            if (!lock(c, "select pg_try_advisory_lock(?, ?)")) {
                return Optional.empty();
            }
            try {
                return Optional.of(imports.importAll());
            } finally {
                lock(c, "select pg_advisory_unlock(?, ?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the import lock", e);
        }
    }

    private static boolean lock(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, JourneyStore.LOCK_NAMESPACE);
            ps.setInt(2, JOB_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
