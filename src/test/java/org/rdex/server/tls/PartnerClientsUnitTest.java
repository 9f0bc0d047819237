package org.rdex.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.http.HttpClient;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class PartnerClientsUnitTest {

    private static final String PIN = "AB".repeat(32);

    @Test
    void two_spellings_of_one_fingerprint_share_a_client() {
        PartnerClients clients = new PartnerClients();
        String colons = String.join(":", java.util.Collections.nCopies(32, "ab"));
        assertSame(clients.client(PartnerClients.Use.FEED, PIN, Duration.ofSeconds(5), null),
                clients.client(PartnerClients.Use.FEED, colons, Duration.ofSeconds(5), null));
    }

    @Test
    void uses_do_not_share_a_client_and_none_follows_redirects() {
        PartnerClients clients = new PartnerClients();
        HttpClient feed = clients.client(PartnerClients.Use.FEED, null, Duration.ofSeconds(5), null);
        HttpClient live = clients.client(PartnerClients.Use.LIVE, "", Duration.ofSeconds(5), null);
        assertNotSame(feed, live);
        assertEquals(HttpClient.Redirect.NEVER, feed.followRedirects());
        assertEquals(HttpClient.Redirect.NEVER, live.followRedirects());
        assertEquals(HttpClient.Version.HTTP_1_1, live.version());
    }
}
