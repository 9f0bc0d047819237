package org.rdex.server.contact;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.jboss.logging.Logger;
import org.rdex.server.common.DatabaseState;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The outbox worker: claims due messages, delivers each to our user (webhook or e-mail), records the
 * outcome, and retries failures with exponential backoff. Safe on several instances at once (SKIP LOCKED
 * claims); a message is retried only after its lease, always with the same idempotency key.
 */
@ApplicationScoped
public class RelayWorker {

    private static final Logger LOG = Logger.getLogger(RelayWorker.class);

    @Inject
    RelayConfig config;
    @Inject
    Outbox outbox;
    @Inject
    WebhookDelivery webhook;
    @Inject
    EmailDelivery email;
    @Inject
    DatabaseState database;

    /** The database failed during a round: the round stopped there (what it delivered before is counted). */
    public static class DatabaseFailure extends IllegalStateException {
        private final transient Round done;

        DatabaseFailure(String message, SQLException cause, Round done) {
            super(message, cause);
            this.done = done;
        }

        public Round done() {
            return done;
        }
    }

    /** The outcome of a round. */
    public record Round(int delivered, int retried, int failed) {
    }

    @Scheduled(identity = "rdex-relay", every = "${rdex.relay.every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RelayDisabled.class)
    void scheduled() {
        if (database.down()) {
            // The probe says when it is back; a round now would only wait for the pool.
            return;
        }
        try {
            runOnce();
        } catch (DatabaseFailure e) {
            database.failed(e);
            LOG.warnf("Relay round stopped: %s (%s)", e.getMessage(), e.getCause().getClass().getSimpleName());
        } catch (RuntimeException e) {
            LOG.error("Relay round failed", e);
        }
    }

    public RelayConfig.Channel channel() {
        return config.channel().orElse(config.webhookUrl().isPresent() ? RelayConfig.Channel.WEBHOOK : RelayConfig.Channel.EMAIL);
    }

    /**
     * Delivers everything due now (a few batches at most, so a round stays short). Stops at the first database
     * failure with a {@link DatabaseFailure}: a message delivered then could not be recorded, and delivering the
     * rest of the batch would only deliver more messages that will be delivered again.
     */
    public Round runOnce() {
        int delivered = 0;
        int retried = 0;
        int failed = 0;
        for (int batch = 0; batch < 20; batch++) {
            List<RelayMessage> messages;
            try {
                messages = outbox.claim(config.batchSize(), config.lease());
            } catch (SQLException e) {
                throw new DatabaseFailure("cannot read the outbox", e, new Round(delivered, retried, failed));
            }
            for (int i = 0; i < messages.size(); i++) {
                RelayMessage m = messages.get(i);
                try {
                    switch (deliver(m)) {
                        case 0 -> delivered++;
                        case 1 -> retried++;
                        default -> failed++;
                    }
                } catch (SQLException e) {
                    outbox.abandon(messages.subList(i + 1, messages.size()));
                    LOG.errorf("Relay stops its batch: the outcome of message %d could not be recorded (%s); "
                            + "%d claimed message(s) wait for the database", m.id(), e.getClass().getSimpleName(),
                            messages.size() - i - 1);
                    throw new DatabaseFailure("the database failed during a batch", e,
                            new Round(delivered, retried, failed));
                }
            }
            if (messages.size() < config.batchSize()) {
                break;
            }
        }
        if (delivered + retried + failed > 0) {
            LOG.infof("Relay: %d delivered, %d to retry, %d failed", delivered, retried, failed);
        }
        return new Round(delivered, retried, failed);
    }

    /** 0 delivered, 1 to retry, 2 given up; a {@link SQLException} when the outcome could not be recorded. */
    private int deliver(RelayMessage m) throws SQLException {
        RelayConfig.Channel channel = channel();
        String error;
        boolean permanent = false;
        try {
            if (channel == RelayConfig.Channel.WEBHOOK) {
                webhook.deliver(m);
            } else {
                email.deliver(m);
            }
            try {
                outbox.delivered(m.id(), channel.name());
            } catch (SQLException e) {
                // Delivered but not recorded: it will be delivered again, with the same idempotency key.
                LOG.errorf("Relay delivered message %d but could not record it: %s", m.id(), e.getClass().getSimpleName());
                throw e;
            }
            return 0;
        } catch (EmailDelivery.PermanentFailure e) {
            error = e.getMessage();
            permanent = true;
        } catch (IOException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        Duration backoff = permanent || m.attempts() >= config.maxAttempts() ? null : backoff(m.attempts());
        LOG.warnf("Relay attempt %d of message %d failed: %s%s", m.attempts(), m.id(), error,
                backoff == null ? " (giving up)" : " (retry in " + backoff + ")");
        outbox.failed(m.id(), channel.name(), abbreviate(error), backoff);
        return backoff == null ? 2 : 1;
    }

    Duration backoff(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
        Duration delay = config.initialBackoff().multipliedBy(factor);
        return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
    }

    private static String abbreviate(String error) {
        return error.length() <= 200 ? error : error.substring(0, 197) + "...";
    }

    /** Skips rounds when {@code rdex.relay.enabled=false}. */
    @ApplicationScoped
    public static class RelayDisabled implements Scheduled.SkipPredicate {
        @Inject
        RelayConfig config;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
