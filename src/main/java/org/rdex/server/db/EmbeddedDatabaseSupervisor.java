package org.rdex.server.db;

import org.rdex.server.common.DatabaseConfig;
import org.rdex.server.common.DatabaseState;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Watches the embedded PostgreSQL this process started and restarts it when it dies; stops it on a clean
 * shutdown. Its own daemon thread rather than the scheduler: supervision must not depend on jobs being on.
 */
@ApplicationScoped
public class EmbeddedDatabaseSupervisor {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabaseSupervisor.class);

    @Inject
    DatabaseConfig config;
    @Inject
    DatabaseState state;

    private volatile Thread thread;
    private volatile boolean paused;

    void start(@Observes StartupEvent event) {
        if (EmbeddedDatabase.status().role() != EmbeddedDatabase.Role.OWNER || !config.supervisor().enabled()) {
            return;
        }
        DatabaseConfig.Supervisor settings = config.supervisor();
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(settings.checkEvery().toMillis());
                    if (!paused) {
                        EmbeddedDatabase.check(settings.initialBackoff(), settings.maxBackoff());
                        if (EmbeddedDatabase.status().downSince() != null) {
                            // Requests need not each wait for the pool to learn it; the probe says when it is back.
                            state.outage("embedded PostgreSQL stopped");
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.error("Embedded PostgreSQL supervision failed", e);
                }
            }
        }, "rdex-postgres-supervisor");
        t.setDaemon(true);
        t.start();
        thread = t;
        LOG.debug("Supervising the embedded PostgreSQL");
    }

    void stop(@Observes ShutdownEvent event) {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        // Dev mode reloads the application in the same JVM and reuses the database; the JVM's exit stops it.
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            EmbeddedDatabase.stop();
        }
    }

    /** Suspends restarts, so a test can observe an outage; {@code false} resumes. */
    public void pause(boolean pause) {
        this.paused = pause;
    }
}
