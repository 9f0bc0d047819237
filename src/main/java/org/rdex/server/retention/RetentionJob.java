package org.rdex.server.retention;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The nightly purge ({@code rdex.retention.cron}); one instance among those sharing the database runs it. */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    @Inject
    RetentionService retention;

    @Scheduled(identity = "rdex-retention", cron = "{rdex.retention.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly() {
        try {
            if (retention.runIfFree().isEmpty()) {
                LOG.info("Retention purge skipped: another instance holds the lock");
            }
        } catch (RuntimeException e) {
            LOG.error("Retention purge failed", e);
        }
    }
}
