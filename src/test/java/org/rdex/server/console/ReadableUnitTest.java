package org.rdex.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** How the console prints values; plain JUnit, no server. */
class ReadableUnitTest {

    private static final Instant NOW = Instant.parse("2026-12-08T12:00:00Z");
    private final Readable fmt = new Readable(ZoneId.of("Europe/Paris"), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void prints_times_in_the_operators_zone_to_the_second_with_how_long_ago() {
        assertEquals("2026-12-08 10:00:00 (3 h ago)", fmt.when(Instant.parse("2026-12-08T09:00:00Z")));
        assertEquals("2026-12-08 10:00:05 (2 h ago)", fmt.when(Instant.parse("2026-12-08T09:00:05Z")), "whole hours, never rounded up");
        assertEquals("2026-12-08 13:05:00 (in 5 min)", fmt.when(Instant.parse("2026-12-08T12:05:00Z")));
        assertEquals("just now", fmt.ago(NOW.minusSeconds(2)));
        assertEquals("42 s ago", fmt.ago(NOW.minusSeconds(42)));
        assertEquals("3 days ago", fmt.ago(NOW.minus(Duration.ofDays(3))));
        assertEquals("-", fmt.when(null));
    }

    @Test
    void prints_durations_sizes_and_counts_as_people_read_them() {
        assertEquals("850 ms", fmt.duration(Duration.ofMillis(850)));
        assertEquals("1.2 s", fmt.duration(Duration.ofMillis(1234)));
        assertEquals("3 min 20 s", fmt.duration(Duration.ofSeconds(200)));
        assertEquals("2 h 5 min", fmt.duration(Duration.ofMinutes(125)));
        assertEquals("running", fmt.elapsed(Optional.empty()));
        assertEquals("1.2 s", fmt.millis(1200));
        assertEquals("512 B", fmt.size(512));
        assertEquals("12.7 MB", fmt.size(12_700_000L));
        assertEquals("1.0 MB", fmt.size(999_999L));
        assertEquals("1,234,567", fmt.count(1_234_567L));
        assertEquals("-", fmt.count(null));
    }

    @Test
    void prints_pins_with_colons_and_ipv6_compressed() {
        assertEquals("AB:CD:" + "00:".repeat(29) + "01", fmt.pin("abcd" + "00".repeat(29) + "01"));
        assertEquals("AB:CD", fmt.pin("ab:cd"));
        assertEquals("not hex", fmt.pin("not hex"));
        assertEquals("2001:db8::1", fmt.address("2001:0db8:0:0:0:0:0:1"));
        assertEquals("2001:db8::/32", fmt.address("2001:0DB8:0000:0000:0000:0000:0000:0000/32"));
        assertEquals("::1", fmt.address("0:0:0:0:0:0:0:1"));
        assertEquals("192.0.2.7/32", fmt.address("192.0.2.7/32"));
        assertEquals("host.example", fmt.address("host.example"));
    }
}
