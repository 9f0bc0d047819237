package org.rdex.server.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class IpRangeUnitTest {

    private static InetAddress ip(String s) {
        return IpRange.literal(s).orElseThrow();
    }

    private static IpRange range(String s) {
        return IpRange.parse(s).orElseThrow();
    }

    @Test
    void a_single_ipv4_address_matches_only_itself() {
        assertTrue(range("192.0.2.10").contains(ip("192.0.2.10")));
        assertFalse(range("192.0.2.10").contains(ip("192.0.2.11")));
        assertEquals("192.0.2.10/32", range("192.0.2.10").toString());
    }

    @Test
    void ipv4_cidr_matches_its_block_and_is_stored_canonical() {
        IpRange block = range("10.1.2.3/16");
        assertEquals("10.1.0.0/16", block.toString());
        assertTrue(block.contains(ip("10.1.255.255")));
        assertFalse(block.contains(ip("10.2.0.0")));
        assertTrue(range("0.0.0.0/0").contains(ip("203.0.113.5")));
        assertTrue(range("127.0.0.0/30").contains(ip("127.0.0.3")));
        assertFalse(range("127.0.0.0/30").contains(ip("127.0.0.4")));
    }

    @Test
    void ipv6_cidr_matches_its_block() {
        IpRange block = range("2001:db8::/32");
        assertTrue(block.contains(ip("2001:db8:ffff::1")));
        assertFalse(block.contains(ip("2001:db9::1")));
        assertTrue(range("::1").contains(ip("::1")));
        assertFalse(range("::1").contains(ip("127.0.0.1")));
    }

    @Test
    void ipv4_mapped_ipv6_callers_match_ipv4_ranges() {
        assertTrue(range("192.0.2.0/24").contains(ip("::ffff:192.0.2.7")));
        assertTrue(range("::ffff:192.0.2.0/120").contains(ip("192.0.2.7")));
        assertFalse(range("192.0.2.0/24").contains(ip("2001:db8::1")));
    }

    @Test
    void rejects_host_names_bad_prefixes_and_garbage_without_dns() {
        assertTrue(IpRange.parse("localhost").isEmpty());
        assertTrue(IpRange.parse("example.org/24").isEmpty());
        assertTrue(IpRange.parse("10.0.0.0/33").isEmpty());
        assertTrue(IpRange.parse("10.0.0.0/-1").isEmpty());
        assertTrue(IpRange.parse("2001:db8::/129").isEmpty());
        assertTrue(IpRange.parse("10.0.0").isEmpty());
        assertTrue(IpRange.parse("").isEmpty());
        assertTrue(IpRange.parse(null).isEmpty());
    }
}
