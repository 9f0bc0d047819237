package org.rdex.server.common;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * What this instance knows of its database: reachable or down since when, and the last resource PostgreSQL
 * lacked. Once a failure shows the database is down, callers answer 503 at once instead of each waiting for
 * the pool's acquisition timeout, and a background probe opens a connection of its own (outside the pool, so
 * a refused connection fails in milliseconds) every {@code rdex.database.probe-every} until one succeeds;
 * then {@link DatabaseBack} is fired.
 */
@ApplicationScoped
public class DatabaseState {

    private static final Logger LOG = Logger.getLogger(DatabaseState.class);

    /** Fired on the probe's thread when the database answers again after an outage. */
    public record DatabaseBack(Instant downSince, Duration down) {
    }

    @Inject
    DatabaseConfig config;
    @Inject
    DataSource dataSource;
    @Inject
    Event<DatabaseBack> back;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    Optional<String> url;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private volatile Instant downSince;
    private volatile String downCause;
    private volatile Instant shortageAt;
    private volatile DatabaseOutage.Shortage shortage;
    private Thread probe;
    private volatile boolean stopped;

    /** Whether the database is known to be down: answer 503 without trying it. */
    public boolean down() {
        return downSince != null;
    }

    public Optional<Instant> downSince() {
        return Optional.ofNullable(downSince);
    }

    /** Why it is down, in a few words (an exception's class, never its message). */
    public Optional<String> downCause() {
        return down() ? Optional.ofNullable(downCause) : Optional.empty();
    }

    /** The last resource PostgreSQL lacked, if within {@code rdex.database.shortage-shown-for}. */
    public Optional<DatabaseOutage.Shortage> recentShortage() {
        Instant at = shortageAt;
        return at != null && at.plus(config.shortageShownFor()).isAfter(Instant.now()) ? Optional.of(shortage)
                : Optional.empty();
    }

    public Optional<Instant> shortageAt() {
        return recentShortage().map(s -> shortageAt);
    }

    /** The 503 answered when the database is down or lacks a resource. */
    public ApiException unavailable() {
        return DatabaseOutage.unavailable(config.retryAfter());
    }

    /** Throws the 503 of an outage when the database is known to be down. */
    public void requireUp() {
        if (down()) {
            throw unavailable();
        }
    }

    /**
     * Learns from a failure: an unreachable database starts the outage and the probe; a class-53 error is
     * remembered for readiness. Returns the 503 to answer, or empty when the failure is not the database's.
     */
    public Optional<ApiException> failed(Throwable failure) {
        if (DatabaseOutage.isCause(failure)) {
            outage(failure.getClass().getSimpleName());
            return Optional.of(unavailable());
        }
        Optional<DatabaseOutage.Shortage> lacking = DatabaseOutage.shortage(failure);
        lacking.ifPresent(this::shortage);
        return lacking.map(s -> unavailable());
    }

    public void shortage(DatabaseOutage.Shortage lacking) {
        if (recentShortage().isEmpty()) {
            LOG.errorf("PostgreSQL lacks a resource: %s; writes are answered 503 until it has it again",
                    lacking.describe());
        }
        shortage = lacking;
        shortageAt = Instant.now();
    }

    /** The database is down: answer 503 at once from now on, and probe until it is back. */
    public synchronized void outage(String cause) {
        if (downSince != null || stopped) {
            return;
        }
        downSince = Instant.now();
        downCause = cause;
        LOG.warnf("Database unavailable (%s): answering 503 at once and probing it every %d ms", cause,
                config.probeEvery().toMillis());
        probe = new Thread(this::probeUntilBack, "rdex-database-probe");
        probe.setDaemon(true);
        probe.start();
    }

    private void probeUntilBack() {
        while (!stopped) {
            try {
                Thread.sleep(config.probeEvery().toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (answers()) {
                Instant since;
                synchronized (this) {
                    since = downSince;
                    downSince = null;
                    downCause = null;
                }
                Duration down = Duration.between(since, Instant.now());
                LOG.infof("Database answers again after %d ms", down.toMillis());
                try {
                    back.fire(new DatabaseBack(since, down));
                } catch (RuntimeException e) {
                    LOG.error("An observer of the database's return failed", e);
                }
                return;
            }
        }
    }

    /** One attempt, outside the pool whose waiters would take the acquisition timeout to give up. */
    private boolean answers() {
        if (url.isEmpty() || !url.get().startsWith("jdbc:postgresql:")) {
            try (Connection c = dataSource.getConnection()) {
                return c.isValid(1);
            } catch (Exception e) {
                return false;
            }
        }
        Properties props = new Properties();
        username.ifPresent(u -> props.setProperty("user", u));
        password.ifPresent(p -> props.setProperty("password", p));
        props.setProperty("connectTimeout", "1");
        props.setProperty("socketTimeout", "2");
        try (Connection c = new org.postgresql.Driver().connect(url.get(), props)) {
            return c != null && c.isValid(1);
        } catch (Exception e) {
            return false;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        Thread t = probe;
        if (t != null) {
            t.interrupt();
        }
    }
}
