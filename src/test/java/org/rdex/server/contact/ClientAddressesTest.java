package org.rdex.server.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rdex.server.key.IpRange;

class ClientAddressesTest {

    private static InetAddress ip(String s) {
        return IpRange.literal(s).orElseThrow();
    }

    private final List<IpRange> proxies = ClientAddresses.parse(List.of("10.0.0.0/8", "::1"));

    @Test
    void uses_the_socket_address_when_the_peer_is_not_a_trusted_proxy() {
        assertEquals(ip("203.0.113.9"), ClientAddresses.resolve(ip("203.0.113.9"), "198.51.100.1", proxies));
    }

    @Test
    void takes_the_right_most_untrusted_forwarded_address_from_a_trusted_proxy() {
        assertEquals(ip("198.51.100.1"), ClientAddresses.resolve(ip("10.0.0.2"), "6.6.6.6, 198.51.100.1, 10.0.0.3", proxies));
        assertEquals(ip("198.51.100.1"), ClientAddresses.resolve(ip("::1"), "198.51.100.1", proxies));
    }

    @Test
    void stops_at_garbage_and_ignores_missing_headers() {
        assertEquals(ip("10.0.0.3"), ClientAddresses.resolve(ip("10.0.0.2"), "evil.example, 10.0.0.3", proxies));
        assertEquals(ip("10.0.0.2"), ClientAddresses.resolve(ip("10.0.0.2"), null, proxies));
        assertEquals(ip("10.0.0.2"), ClientAddresses.resolve(ip("10.0.0.2"), "1.2.3.4", List.of()));
    }
}
