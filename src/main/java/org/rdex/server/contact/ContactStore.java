package org.rdex.server.contact;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiException;
import org.rdex.server.protocol.Caller;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Stores inbound messages: the hot path of the contact API. Concurrent requests are grouped by a few
 * writer threads into one multi-row INSERT and one commit (group commit), each request waiting for the
 * commit of its own batch before it is answered; the INSERT finds each journey (ours, still valid) by a
 * join, so unknown journeys are simply not inserted. Plain JDBC, no ORM.
 */
@ApplicationScoped
public class ContactStore {

    private static final Logger LOG = Logger.getLogger(ContactStore.class);
    static final String INSERT = """
            insert into contact_message (journey_id, journey_uuid, partner_id, key_id, sender_pseudonym,
                                         sender_email, site, message, caller_ip)
            select j.id, j.uuid, m.partner_id, m.key_id, m.pseudonym, m.email, m.site, m.message, m.ip
            from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 as m(partner_id, key_id, pseudonym, email, site, message, ip, uuid)
            join journey j on j.uuid = m.uuid and j.active_to >= current_date
            returning journey_uuid""";

    @Inject
    DataSource dataSource;
    @Inject
    ContactConfig config;

    private record Pending(Caller caller, ContactForm.Message message, String ip,
            CompletableFuture<Boolean> stored) {
    }

    private BlockingQueue<Pending> queue;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    @PostConstruct
    void start() {
        queue = new ArrayBlockingQueue<>(config.store().queueCapacity());
        for (int i = 0; i < config.store().writers(); i++) {
            Thread writer = new Thread(this::write, "rdex-contact-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        writers.forEach(Thread::interrupt);
    }

    /**
     * True once the message is committed; false when no own, still valid journey has that uuid.
     * 503 when the database fails or is too slow (the message may then not be stored: the partner retries).
     */
    public boolean store(Caller caller, ContactForm.Message message, String callerIp) {
        try {
            return submit(caller, message, callerIp).toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ApiException api ? api : unavailable("failure");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
    }

    /**
     * The same without blocking: completes with true once committed, false for an unknown journey, or
     * fails with a 503 {@link ApiException}.
     */
    public CompletionStage<Boolean> submit(Caller caller, ContactForm.Message message, String callerIp) {
        Pending pending = new Pending(caller, message, callerIp, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            return CompletableFuture.failedFuture(unavailable("queue full"));
        }
        // The statement itself is cancelled at the timeout; waiting a little longer lets its outcome arrive,
        // so a 503 almost always means "not stored".
        return pending.stored().orTimeout(config.store().timeout().toMillis() + 2000, TimeUnit.MILLISECONDS)
                .handle((stored, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        throw unavailable(cause instanceof TimeoutException ? "timeout" : cause.getClass().getSimpleName());
                    }
                    return stored;
                });
    }

    private void write() {
        int max = config.store().maxBatch();
        List<Pending> batch = new ArrayList<>(max);
        while (running) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, max - 1);
                Set<String> stored = insert(batch);
                for (Pending p : batch) {
                    p.stored().complete(stored.contains(p.message().journeyId()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.errorf("Contact messages not stored (%d in the batch): %s (SQLState %s)", batch.size(),
                        e.getClass().getSimpleName(), e instanceof SQLException s ? s.getSQLState() : "-");
                batch.forEach(p -> p.stored().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /** The journey uuids the batch's messages were stored for (one commit for the whole batch). */
    private Set<String> insert(List<Pending> batch) throws SQLException {
        int n = batch.size();
        Long[] partners = new Long[n];
        String[][] text = new String[7][n];
        for (int i = 0; i < n; i++) {
            Pending p = batch.get(i);
            partners[i] = p.caller().partnerId();
            text[0][i] = p.caller().keyId();
            text[1][i] = p.message().pseudonym();
            text[2][i] = p.message().email();
            text[3][i] = p.message().site();
            text[4][i] = p.message().text();
            text[5][i] = p.ip();
            text[6][i] = p.message().journeyId();
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            Set<String> stored = new HashSet<>();
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                statement.setQueryTimeout((int) Math.max(1, Math.ceil(config.store().timeout().toMillis() / 1000.0)));
                List<Array> arrays = new ArrayList<>();
                arrays.add(connection.createArrayOf("bigint", partners));
                for (String[] column : text) {
                    arrays.add(connection.createArrayOf("text", column));
                }
                for (int i = 0; i < arrays.size(); i++) {
                    statement.setArray(i + 1, arrays.get(i));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                    }
                }
            }
            if (!autoCommit) {
                connection.commit();
            }
            return stored;
        }
    }

    static ApiException unavailable(String reason) {
        LOG.debugf("Contact message refused with 503: %s", reason);
        return new ApiException(503, "service_unavailable", "The message could not be stored; try again later",
                List.of(), Map.of("Retry-After", "5"));
    }
}
