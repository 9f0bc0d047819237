package org.rdex.server.imports;

import org.rdex.server.partner.ImportReport;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.rdex.server.db.AdvisoryLock;

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
        // Session-level and single-key: distinct from the per-partner transaction locks of JourneyStore.
        try {
            return AdvisoryLock.ifFree(dataSource, AdvisoryLock.IMPORT, imports::importAll);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the import lock", e);
        }
    }
}
