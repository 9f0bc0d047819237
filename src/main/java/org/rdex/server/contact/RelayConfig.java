package org.rdex.server.contact;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Delivery of stored contact messages to our users (the outbox worker). */
@ConfigMapping(prefix = "rdex.relay")
public interface RelayConfig {

    enum Channel {
        /** POST JSON to {@link #webhookUrl()}, signed with HMAC-SHA256. */
        WEBHOOK,
        /** E-mail to the journey owner's address through the Quarkus Mailer ({@code quarkus.mailer.*}). */
        EMAIL
    }

    /** Run the worker on this instance. Several instances may run it: rows are claimed with SKIP LOCKED. */
    @WithDefault("true")
    boolean enabled();

    /** How often the worker looks for due messages. */
    @WithDefault("1s")
    String every();

    /** WEBHOOK or EMAIL; by default WEBHOOK when {@link #webhookUrl()} is set, else EMAIL. */
    Optional<Channel> channel();

    /** The platform's endpoint receiving messages (JSON). */
    Optional<URI> webhookUrl();

    /**
     * Secret of the webhook signature ({@code RDEX_RELAY_WEBHOOK_SECRET}): header
     * {@code X-RDEX-Signature: sha256=<hex HMAC-SHA256 of the body>}. Without it nothing is sent (fails closed).
     */
    Optional<String> webhookSecret();

    /** Timeout of one webhook call; keep it well under {@link #lease()}. */
    @WithDefault("PT10S")
    Duration webhookTimeout();

    /** Messages claimed per round. */
    @WithDefault("50")
    int batchSize();

    /** First retry delay; doubles with every failed attempt up to {@link #maxBackoff()}. */
    @WithDefault("PT10S")
    Duration initialBackoff();

    @WithDefault("PT1H")
    Duration maxBackoff();

    /** Attempts before a message is marked FAILED (visible in {@code GET /admin/messages}). */
    @WithDefault("12")
    int maxAttempts();

    /**
     * How long a claimed message belongs to the worker that claimed it. A worker that dies mid-delivery
     * leaves it to be retried by another after this, with the same idempotency key.
     */
    @WithDefault("PT2M")
    Duration lease();

    /** Sender address of relay e-mails; default {@code quarkus.mailer.from}. */
    Optional<String> mailFrom();
}
