package org.rdex.server.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.IpRange;

class ClientAddressesUnitTest {

    private static InetAddress ip(String s) {
        return IpRange.literal(s).orElseThrow();
    }

    private final List<IpRange> proxies = ClientAddresses.parse(List.of("10.0.0.0/8", "::1"));

    @Test
    void uses_the_socket_address_when_the_peer_is_not_a_trusted_proxy() {
        assertEquals(ip("203.0.113.9"), ClientAddresses.resolve(ip("203.0.113.9"), List.of("198.51.100.1"), proxies));
    }

    @Test
    void takes_the_right_most_untrusted_forwarded_address_from_a_trusted_proxy() {
        assertEquals(ip("198.51.100.1"), ClientAddresses.resolve(ip("10.0.0.2"), List.of("6.6.6.6, 198.51.100.1, 10.0.0.3"), proxies));
        assertEquals(ip("198.51.100.1"), ClientAddresses.resolve(ip("::1"), List.of("198.51.100.1"), proxies));
    }

    @Test
    void reads_every_line_of_a_repeated_forwarded_for_header() {
        // The client wrote the first line itself; the proxy appended the second with the address it saw.
        assertEquals(ip("203.0.113.66"), ClientAddresses.resolve(ip("10.0.0.2"),
                List.of("198.51.100.7", "203.0.113.66"), proxies));
        assertEquals(ip("203.0.113.66"), ClientAddresses.resolve(ip("10.0.0.2"),
                List.of("198.51.100.7, 10.0.0.5", "203.0.113.66, 10.0.0.3"), proxies));
        assertEquals(ip("198.51.100.7"), ClientAddresses.resolve(ip("10.0.0.2"),
                List.of("6.6.6.6, 198.51.100.7", "10.0.0.3"), proxies));
    }

    @Test
    void is_secure_only_when_every_forwarded_proto_of_a_trusted_proxy_says_https() {
        ClientAddresses addresses = new ClientAddresses();
        addresses.trusted = proxies;
        assertTrue(addresses.secure(true, ip("203.0.113.9"), List.of()));
        assertTrue(addresses.secure(false, ip("10.0.0.2"), List.of("https")));
        assertTrue(addresses.secure(false, ip("10.0.0.2"), List.of("https", "HTTPS, https")));
        assertFalse(addresses.secure(false, ip("10.0.0.2"), List.of("https", "http")));
        assertFalse(addresses.secure(false, ip("10.0.0.2"), List.of("https, http")));
        assertFalse(addresses.secure(false, ip("10.0.0.2"), List.of()));
        assertFalse(addresses.secure(false, ip("203.0.113.9"), List.of("https")));
    }

    @Test
    void refuses_an_unreadable_entry_before_the_first_untrusted_address() {
        // Behind a trusted proxy, the first entry we cannot read would leave the proxy itself as the caller.
        for (String line : new String[] { "203.0.113.9, garbage", "unknown", "fe80::1%eth0", "evil.example, 10.0.0.3",
                "203.0.113.9, 10.0.0.3, _hidden", "198.51.100.1:4711" }) {
            ApiException e = assertThrows(ApiException.class,
                    () -> ClientAddresses.resolve(ip("10.0.0.2"), List.of(line), proxies), line);
            assertEquals(400, e.status(), line);
            assertEquals("invalid_input", e.name(), line);
        }
        assertThrows(ApiException.class,
                () -> ClientAddresses.resolve(ip("10.0.0.2"), List.of("198.51.100.7", "garbage"), proxies));
    }

    @Test
    void ignores_unreadable_entries_the_client_wrote_and_headers_of_untrusted_peers() {
        assertEquals(ip("198.51.100.1"), ClientAddresses.resolve(ip("10.0.0.2"), List.of("evil.example, 198.51.100.1"), proxies));
        assertEquals(ip("198.51.100.1"), ClientAddresses.resolve(ip("10.0.0.2"), List.of("unknown, 198.51.100.1, 10.0.0.3"), proxies));
        assertEquals(ip("203.0.113.9"), ClientAddresses.resolve(ip("203.0.113.9"), List.of("garbage"), proxies));
    }

    @Test
    void ignores_missing_headers() {
        assertEquals(ip("10.0.0.2"), ClientAddresses.resolve(ip("10.0.0.2"), List.of(), proxies));
        assertEquals(ip("10.0.0.2"), ClientAddresses.resolve(ip("10.0.0.2"), List.of("1.2.3.4"), List.of()));
    }
}
