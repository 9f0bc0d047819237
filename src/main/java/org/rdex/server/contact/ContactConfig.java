package org.rdex.server.contact;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The contact API: partners' messages to our users ({@code POST /rdex/contact}) and ours to theirs. */
@ConfigMapping(prefix = "rdex.contact")
public interface ContactConfig {

    /** Longest accepted message, in characters (code points); longer is answered 413. */
    @WithDefault("1000")
    int maxMessageLength();

    /** Largest accepted request body, in bytes, before any parsing; larger is answered 413. */
    @WithDefault("16384")
    int maxBodyBytes();

    /**
     * Proxies (addresses or CIDRs) whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} we believe.
     * Unset: the caller's address is the socket's, and forwarded headers are ignored.
     */
    Optional<List<String>> trustedProxies();

    RateLimit rateLimit();

    Outbound outbound();

    Store store();

    /**
     * How inbound messages are written: writer threads group concurrent messages into one INSERT and one
     * commit, and each request is answered once its batch is committed.
     */
    interface Store {
        /** Writer threads (each uses one database connection while it writes). */
        @WithDefault("2")
        int writers();

        /** Most messages per INSERT. */
        @WithDefault("256")
        int maxBatch();

        /** Messages waiting for a writer; beyond it the API answers 503. */
        @WithDefault("4096")
        int queueCapacity();

        /** Longest a batch INSERT may run before it is cancelled and its messages answered 503 (whole seconds). */
        @WithDefault("PT5S")
        Duration timeout();
    }

    /** Per-key limit on inbound messages, per instance (N instances allow N times as much). */
    interface RateLimit {
        /** Sustained messages per second per key. */
        @WithDefault("10")
        double perSecond();

        /** Messages a key may send at once before the sustained rate applies. */
        @WithDefault("50")
        int burst();
    }

    /** Our calls to partners' contact APIs ({@code POST /api/v1/contact}). */
    interface Outbound {
        /** Connection timeout. */
        @WithDefault("PT5S")
        Duration connectTimeout();

        /** Whole-request timeout; past it the platform gets 504. */
        @WithDefault("PT10S")
        Duration requestTimeout();

        /** The {@code site} we send as the sender's site; default {@code rdex.operator.site}. */
        Optional<String> site();
    }
}
