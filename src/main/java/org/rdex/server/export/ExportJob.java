package org.rdex.server.export;

import java.sql.SQLException;
import java.util.Optional;

import org.rdex.server.common.DatabaseState;
import org.rdex.server.common.Failures;
import org.rdex.server.common.RuntimeSettings;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** The nightly export, and a first export at start when nothing has been published yet. */
@ApplicationScoped
public class ExportJob {

    private static final Logger LOG = Logger.getLogger(ExportJob.class);

    @Inject
    ExportService exports;
    @Inject
    ExportStore store;
    @Inject
    ExportConfig config;
    @Inject
    RuntimeSettings runtime;

    @Scheduled(identity = "rdex-export", cron = "{rdex.export.cron}", concurrentExecution = ConcurrentExecution.SKIP)
    void nightly() {
        try {
            exports.export(Optional.empty());
        } catch (RuntimeException e) {
            LOG.error("Nightly export failed", e);
        }
    }

    /**
     * An export cut off by a PostgreSQL restart could not record its failure: say so as soon as the database is
     * back, rather than at the next export (a day later with a nightly cron).
     */
    void databaseBack(@Observes DatabaseState.DatabaseBack back) {
        failInterrupted();
    }

    private void failInterrupted() {
        try {
            int failed = store.failInterrupted();
            if (failed > 0) {
                LOG.warnf("Marked %d interrupted export run(s) failed", failed);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Cannot mark interrupted export runs: %s", Failures.describe(e));
        }
    }

    /** Late in start-up so that demo journeys are in before the first file is made. */
    void firstExport(@Observes @Priority(5000) StartupEvent event) {
        if (runtime.cli()) {
            return;
        }
        // A run killed with its server stays RUNNING until someone looks: this start is that moment.
        if (!config.onStart() || store.current().isPresent()) {
            Thread thread = new Thread(this::failInterrupted, "rdex-export-interrupted");
            thread.setDaemon(true);
            thread.start();
            return;
        }
        // Off the start-up thread: a big first export must not delay readiness.
        Thread thread = new Thread(this::nightly, "rdex-first-export");
        thread.setDaemon(true);
        thread.start();
    }
}
