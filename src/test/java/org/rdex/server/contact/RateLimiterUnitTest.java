package org.rdex.server.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterUnitTest {

    @Test
    void allows_a_burst_then_the_sustained_rate_per_key() {
        RateLimiter limiter = new RateLimiter(2, 3);
        long t = 1_000_000_000L;
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.acquire("k", t));
        }
        long wait = limiter.acquire("k", t);
        assertTrue(wait >= 1, "told to wait");
        assertEquals(0, limiter.acquire("other", t), "keys have their own buckets");
        assertEquals(0, limiter.acquire("k", t + 500_000_000L), "half a second refills one token at 2/s");
        assertTrue(limiter.acquire("k", t + 500_000_000L) > 0);
    }
}
