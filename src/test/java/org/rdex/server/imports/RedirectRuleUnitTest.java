package org.rdex.server.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.rdex.server.common.IpRange;

class RedirectRuleUnitTest {

    /** A fake DNS: names resolve to the literals given, literals to themselves. */
    private static RedirectRule rule(Map<String, List<String>> dns) {
        return new RedirectRule(host -> {
            Optional<InetAddress> literal = IpRange.literal(host);
            if (literal.isPresent()) {
                return new InetAddress[] { literal.get() };
            }
            List<String> addresses = dns.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            return addresses.stream().map(a -> IpRange.literal(a).orElseThrow()).toArray(InetAddress[]::new);
        });
    }

    private static final RedirectRule RULE = rule(Map.of(
            "feed.partner.example", List.of("203.0.113.10"),
            "cdn.partner.example", List.of("198.51.100.20", "2001:db8::20"),
            "sneaky.partner.example", List.of("198.51.100.21", "10.0.0.7"),
            "metadata.partner.example", List.of("169.254.169.254"),
            "intranet.partner.example", List.of("10.1.2.3")));

    private static boolean allowed(String feed, String target) {
        return RULE.refusal(URI.create(feed), URI.create(target)).isEmpty();
    }

    @Test
    void follows_redirects_to_public_addresses() {
        assertTrue(allowed("https://feed.partner.example/rdex.xml.gz", "https://cdn.partner.example/f.xml.gz"));
        assertTrue(allowed("https://feed.partner.example/rdex.xml.gz", "https://198.51.100.30/f.xml.gz"));
        assertTrue(allowed("http://127.0.0.1:8080/feed", "https://cdn.partner.example/f.xml.gz"));
    }

    @Test
    void refuses_loopback_link_local_and_private_targets_of_a_public_feed() {
        String feed = "https://feed.partner.example/rdex.xml.gz";
        for (String target : new String[] { "http://127.0.0.1:9000/admin", "http://127.9.9.9/",
                "http://[::1]:9000/", "http://169.254.169.254/latest/meta-data/", "http://metadata.partner.example/",
                "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.1.1/", "http://100.64.0.1/", "http://0.0.0.0:9000/",
                "http://[fd00::1]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/",
                "http://sneaky.partner.example/", "http://intranet.partner.example/" }) {
            Optional<String> refusal = RULE.refusal(URI.create(feed), URI.create(target));
            assertTrue(refusal.isPresent(), target);
            assertTrue(refusal.get().contains("internal address"), refusal.get());
        }
    }

    @Test
    void allows_internal_targets_only_at_the_addresses_the_feed_url_names() {
        assertTrue(allowed("http://127.0.0.1:8080/feed", "http://127.0.0.1:8080/other.xml"));
        assertTrue(allowed("http://intranet.partner.example/feed", "http://10.1.2.3/feed.xml"));
        assertTrue(allowed("http://intranet.partner.example/feed", "http://10.1.2.3:80/feed.xml"));
        assertFalse(allowed("http://127.0.0.1:8080/feed", "http://127.0.0.2:8080/feed"));
        assertFalse(allowed("http://127.0.0.1:8080/feed", "http://[::1]:8080/feed"));
        assertFalse(allowed("http://intranet.partner.example/feed", "http://10.1.2.4/feed.xml"));
        assertFalse(allowed("http://10.1.2.3/feed", "http://169.254.169.254/"));
    }

    @Test
    void refuses_an_internal_target_on_another_port_or_scheme_than_the_feed_url() {
        // The feed's own address, but another service on it: the management port, a database, an admin API.
        assertFalse(allowed("http://127.0.0.1:8080/feed", "http://127.0.0.1:9000/q/metrics"));
        assertFalse(allowed("http://127.0.0.1:8080/feed", "http://127.0.0.1/feed"));
        assertFalse(allowed("http://127.0.0.1:8080/feed", "https://127.0.0.1:8080/feed"));
        assertFalse(allowed("http://intranet.partner.example/feed", "http://10.1.2.3:8443/feed.xml"));
        assertFalse(allowed("https://intranet.partner.example/feed", "https://10.1.2.3:8443/feed.xml"));
        assertTrue(allowed("https://intranet.partner.example/feed", "https://10.1.2.3:443/feed.xml"));
    }

    @Test
    void refuses_other_spellings_of_the_feed_address_on_another_port() {
        // The JDK's own resolver, as the downloader uses it: it reads these spellings as 127.0.0.1 without DNS.
        RedirectRule jdk = new RedirectRule(InetAddress::getAllByName);
        String feed = "http://127.0.0.1:8080/feed";
        for (String target : new String[] { "http://[::ffff:127.0.0.1]:9000/q/metrics", "http://2130706433:9000/q/metrics",
                "http://127.0.0.1:9000/q/metrics", "http://127.1:9000/q/metrics" }) {
            assertTrue(jdk.refusal(URI.create(feed), URI.create(target)).isPresent(), target);
        }
        for (String target : new String[] { "http://[::ffff:127.0.0.1]:8080/f", "http://2130706433:8080/f" }) {
            assertTrue(jdk.refusal(URI.create(feed), URI.create(target)).isEmpty(), target);
        }
    }

    @Test
    void refuses_a_target_that_does_not_resolve() {
        assertEquals(Optional.of("redirect to a host that does not resolve"),
                RULE.refusal(URI.create("https://feed.partner.example/"), URI.create("https://nowhere.example/")));
    }

    @Test
    void classifies_addresses() {
        for (String internal : new String[] { "127.0.0.1", "10.255.0.1", "172.31.255.255", "192.168.0.1", "169.254.1.1",
                "100.127.255.255", "0.0.0.0", "224.0.0.1", "::1", "::", "fc00::1", "fe80::1", "::ffff:192.168.0.1" }) {
            assertTrue(RedirectRule.isInternal(IpRange.literal(internal).orElseThrow()), internal);
        }
        for (String external : new String[] { "203.0.113.10", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2001:db8::1",
                "2a00:1450::1" }) {
            assertFalse(RedirectRule.isInternal(IpRange.literal(external).orElseThrow()), external);
        }
    }
}
