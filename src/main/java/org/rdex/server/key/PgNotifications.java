package org.rdex.server.key;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.rdex.server.common.RuntimeSettings;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * One dedicated PostgreSQL connection that LISTENs for cache invalidations sent by any instance sharing
 * the database. Caches may trust themselves only while {@link #connected()} is true: a notification sent
 * while we were disconnected is lost, so every (re)connection also fires the reset callbacks.
 */
@ApplicationScoped
public class PgNotifications {

    private static final Logger LOG = Logger.getLogger(PgNotifications.class);
    /** How long one poll blocks; bounds how late a notification is handled after it arrives. */
    private static final int POLL_MILLIS = 200;
    /** Channels listened to from the start, so no subscriber can miss its first notification. */
    public static final List<String> CHANNELS = List.of("rdex_keys");

    @Inject
    RuntimeSettings runtime;
    @Inject
    KeysConfig config;

    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> resets = new CopyOnWriteArrayList<>();
    private volatile boolean connected;
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean running;
    private volatile Thread thread;

    void start(@Observes StartupEvent event) {
        if (!config.listen() || runtime.cli()) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "rdex-pg-listen");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
        }
    }

    /** Calls {@code handler} with the payload of every notification on {@code channel}. */
    public void subscribe(String channel, Consumer<String> handler) {
        handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** Called whenever notifications may have been missed (connection lost or re-established). */
    public void onReset(Runnable reset) {
        resets.add(reset);
    }

    /** Changes on every connection and disconnection: a cache entry is only good within one generation. */
    public long generation() {
        return generation.get();
    }

    public boolean connected() {
        return connected;
    }

    private void loop() {
        while (running) {
            try (Connection connection = open()) {
                try (Statement statement = connection.createStatement()) {
                    for (String channel : CHANNELS) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                generation.incrementAndGet();
                resets.forEach(Runnable::run);
                connected = true;
                LOG.debug("Listening for cache invalidations");
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            dispatch(n.getName(), n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("Cache invalidation listener lost its connection (%s); caches are bypassed until it is back",
                            e.getClass().getSimpleName());
                }
            } finally {
                connected = false;
                generation.incrementAndGet();
                resets.forEach(Runnable::run);
            }
            if (running) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void dispatch(String channel, String payload) {
        for (Consumer<String> handler : handlers.getOrDefault(channel, List.of())) {
            try {
                handler.accept(payload);
            } catch (RuntimeException e) {
                LOG.error("Notification handler failed", e);
            }
        }
    }

    private static Connection open() throws SQLException {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        Optional<String> user = config.getOptionalValue("quarkus.datasource.username", String.class);
        Optional<String> password = config.getOptionalValue("quarkus.datasource.password", String.class);
        Connection connection = DriverManager.getConnection(url, user.orElse(null), password.orElse(null));
        connection.setAutoCommit(true);
        return connection;
    }
}
