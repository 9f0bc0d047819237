package org.rdex.server.key;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Partner keys for the contact API. */
@ConfigMapping(prefix = "rdex.keys")
public interface KeysConfig {

    /**
     * How long a verified key stays in memory. Revocation does not wait for it: a revoke sends a
     * PostgreSQL NOTIFY that drops the entry on every instance, and expiry is checked on every request.
     * This bound only limits how long a change made behind the server's back (plain SQL) goes unseen.
     */
    @WithDefault("PT60S")
    Duration cacheTtl();

    /**
     * Listen for key changes on a dedicated database connection (LISTEN/NOTIFY). When off, or while that
     * connection is down, every request reads its key from the database (slower, never stale).
     */
    @WithDefault("true")
    boolean listen();
}
