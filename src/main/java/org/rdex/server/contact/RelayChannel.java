package org.rdex.server.contact;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.rdex.server.common.RuntimeSettings;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Whether the relay has a channel that can deliver at all. Without one (no webhook and no reachable SMTP
 * server, the state the example environment file leaves) every message for our users waits and retries for
 * hours without a word, so the server says it at start and readiness is DOWN with the reason. The webhook is
 * not called (a probe would be a message); the SMTP server is only connected to, at most every
 * {@link #PROBE_EVERY}, so readiness stays cheap. {@link RelayChannelCheck} is the readiness check.
 */
@ApplicationScoped
public class RelayChannel {

    private static final Logger LOG = Logger.getLogger(RelayChannel.class);
    static final Duration PROBE_EVERY = Duration.ofSeconds(30);
    private static final int CONNECT_TIMEOUT_MS = 2000;

    @Inject
    RelayConfig config;
    @Inject
    RuntimeSettings runtime;
    @Inject
    EmailDelivery email;
    @Inject
    RelayWorker worker;

    private volatile Optional<String> lastProblem = Optional.empty();
    private volatile long probedAtNanos;
    private volatile boolean probed;

    void warnAtStart(@Observes StartupEvent event) {
        if (runtime.cli()) {
            return;
        }
        problem().ifPresent(p -> LOG.warnf("Relay: contact messages for our users cannot be delivered: %s."
                + " They wait in the queue until a channel works (README, \"Run in production\").", p));
    }

    /** Why no message can be delivered now, if so; empty when a channel looks usable or the relay is off here. */
    public synchronized Optional<String> problem() {
        if (!config.enabled()) {
            return Optional.empty();
        }
        if (probed && System.nanoTime() - probedAtNanos < PROBE_EVERY.toNanos()) {
            return lastProblem;
        }
        lastProblem = check();
        probedAtNanos = System.nanoTime();
        probed = true;
        return lastProblem;
    }

    private Optional<String> check() {
        if (channel() == RelayConfig.Channel.WEBHOOK) {
            if (config.webhookUrl().isEmpty()) {
                return Optional.of("rdex.relay.channel is WEBHOOK but no webhook URL is set (RDEX_RELAY_WEBHOOK_URL)");
            }
            if (config.webhookSecret().filter(s -> !s.isBlank()).isEmpty()) {
                return Optional.of("the webhook secret (RDEX_RELAY_WEBHOOK_SECRET) is not set, and messages are never"
                        + " sent unsigned");
            }
            return Optional.empty();
        }
        if (email.mailerMock()) {
            return Optional.empty();
        }
        if (config.mailFrom().filter(f -> !f.isBlank()).isEmpty() && email.defaultFrom().isEmpty()) {
            return Optional.of("no webhook (RDEX_RELAY_WEBHOOK_URL) and no sender address for e-mails"
                    + " (QUARKUS_MAILER_FROM or RDEX_RELAY_MAIL_FROM): the mailer refuses every message");
        }
        String host = email.smtpHost();
        int port = email.smtpPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("no webhook (RDEX_RELAY_WEBHOOK_URL) and the SMTP server " + host + ":" + port
                    + " is unreachable (" + RelayErrors.reason(e) + "); set a webhook, or quarkus.mailer.host and port");
        }
    }

    /** The channel in use, for the health check's details. */
    String describe() {
        if (channel() == RelayConfig.Channel.WEBHOOK) {
            return "webhook " + config.webhookUrl().map(u -> u.getHost() + ":" + RelayErrors.port(u)).orElse("?");
        }
        return email.mailerMock() ? "e-mail (mock mailer: messages are only logged)" : "e-mail via " + email.smtpHost() + ":" + email.smtpPort();
    }

    private RelayConfig.Channel channel() {
        return worker.channel();
    }
}
