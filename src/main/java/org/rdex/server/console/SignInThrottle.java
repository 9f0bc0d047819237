package org.rdex.server.console;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Failed console sign-ins per client address: after {@code rdex.console.sign-in-failures} failures within
 * {@code rdex.console.sign-in-window}, every sign-in from that address is refused (even with the right
 * token, or the answer would tell a guesser when it hit) until the window since the first of them has passed.
 * A successful sign-in forgets the address. In memory, per instance: a restart forgets everything.
 */
@ApplicationScoped
public class SignInThrottle {

    /** Addresses remembered at most; past it, expired entries go, then all new addresses share one entry. */
    static final int MAX_ADDRESSES = 10_000;
    private static final String OVERFLOW = "*";

    /** Failures of one address since {@code since} (nanoTime). */
    private record Failures(long since, int count) {
    }

    @Inject
    ConsoleConfig config;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /** Seconds until {@code address} may try again; 0 when it may now. */
    public long retryAfter(String address, long now) {
        Failures f = failures.get(key(address));
        if (f == null || f.count() < config.signInFailures()) {
            return 0;
        }
        long left = f.since() + config.signInWindow().toNanos() - now;
        return left <= 0 ? 0 : Math.max(1, Duration.ofNanos(left).toSeconds());
    }

    /** Counts a failure; returns the failures of the address in the current window. */
    public int failed(String address, long now) {
        String key = key(address);
        long window = config.signInWindow().toNanos();
        return failures.compute(key, (k, f) -> f == null || now - f.since() >= window ? new Failures(now, 1)
                : new Failures(f.since(), f.count() + 1)).count();
    }

    public void succeeded(String address) {
        failures.remove(address);
    }

    private String key(String address) {
        if (failures.size() < MAX_ADDRESSES || failures.containsKey(address)) {
            return address;
        }
        long now = System.nanoTime();
        long window = config.signInWindow().toNanos();
        for (Iterator<Failures> it = failures.values().iterator(); it.hasNext();) {
            if (now - it.next().since() >= window) {
                it.remove();
            }
        }
        return failures.size() < MAX_ADDRESSES ? address : OVERFLOW;
    }
}
