package org.rdex.server.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import io.netty.util.NetUtil;
import io.quarkus.qute.TemplateData;

/**
 * How the console prints values for a person: times in the operator's zone to the second with how long ago,
 * durations, sizes and counts as people read them, certificate pins as the CLI prints them, IPv6 compressed.
 * Pure (a zone and a clock), so that a plain test covers it.
 */
@TemplateData
public final class Readable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final String[] UNITS = { "kB", "MB", "GB", "TB", "PB" };

    private final ZoneId zone;
    private final Clock clock;

    public Readable(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    public String zone() {
        return zone.getId();
    }

    /** {@code 2026-12-08 01:02:03 (3 h ago)} in the operator's zone; {@code -} for none. */
    public String when(Instant t) {
        return t == null ? "-" : time(t) + " (" + ago(t) + ")";
    }

    /** {@code 2026-12-08 01:02:03} in the operator's zone; {@code -} for none. */
    public String time(Instant t) {
        return t == null ? "-" : TIME.format(t.atZone(zone));
    }

    /** {@code 3 h ago}, {@code in 5 min}, {@code just now}: the largest whole unit, as a glance needs. */
    public String ago(Instant t) {
        if (t == null) {
            return "-";
        }
        Duration d = Duration.between(t, clock.instant());
        boolean future = d.isNegative();
        long s = Math.abs(d.getSeconds());
        if (s < 5) {
            return "just now";
        }
        String span = s < 60 ? s + " s" : s < 3600 ? s / 60 + " min" : s < 172_800 ? s / 3600 + " h" : s / 86_400 + " days";
        return future ? "in " + span : span + " ago";
    }

    /** A duration that may still be running. */
    public String elapsed(Optional<Duration> d) {
        return d.map(Readable::durationText).orElse("running");
    }

    /** {@code 850 ms}, {@code 1.2 s}, {@code 3 min 20 s}, {@code 2 h 5 min}. */
    public String duration(Duration d) {
        return d == null ? "-" : durationText(d);
    }

    static String durationText(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min " + d.toSecondsPart() + " s";
        }
        return d.toHours() + " h " + d.toMinutesPart() + " min";
    }

    public String millis(Number ms) {
        return ms == null ? "-" : durationText(Duration.ofMillis(ms.longValue()));
    }

    /** Bytes in decimal units, one decimal: {@code 12.7 MB}; under a kilobyte, {@code 512 B}. */
    public String size(Number given) {
        if (given == null) {
            return "-";
        }
        long bytes = given.longValue();
        if (bytes < 1000) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 999.95 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@code 1,234,567}. */
    public String count(Number n) {
        return n == null ? "-" : String.format(Locale.ROOT, "%,d", n.longValue());
    }

    /** A SHA-256 pin as the CLI prints a fingerprint: upper-case hex pairs joined by colons. */
    public String pin(String pin) {
        if (pin == null) {
            return "-";
        }
        String hex = pin.replace(":", "").strip();
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            return pin;
        }
    }

    /**
     * An address or CIDR with IPv6 compressed (RFC 5952: {@code 2001:db8::1}); anything that is not an IP
     * literal as given. Never a DNS lookup.
     */
    public String address(String value) {
        if (value == null) {
            return "-";
        }
        int slash = value.indexOf('/');
        String ip = slash < 0 ? value : value.substring(0, slash);
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(ip);
        if (bytes == null) {
            return value;
        }
        String compressed;
        try {
            compressed = NetUtil.toAddressString(java.net.InetAddress.getByAddress(bytes));
        } catch (java.net.UnknownHostException e) {
            return value;
        }
        return slash < 0 ? compressed : compressed + value.substring(slash);
    }
}
