package org.rdex.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.rdex.server.search.SearchRequest;

class ProtocolRegistryUnitTest {

    private static PartnerProtocol protocol(String kind, int order) {
        return new PartnerProtocol() {
            public String kind() {
                return kind;
            }

            public String title() {
                return kind;
            }

            public String description() {
                return kind;
            }

            public int order() {
                return order;
            }

            public String urlField() {
                return kind + "Url";
            }

            public List<Setting> settings() {
                return List.of();
            }

            public CompletableFuture<List<LiveJourney>> search(ProtocolEndpoint endpoint, SearchRequest query) {
                return null;
            }

            public HttpRequest contact(ProtocolEndpoint endpoint, ContactTarget target, OutboundMessage message,
                    Duration timeout) {
                return null;
            }
        };
    }

    @Test
    void lists_protocols_in_their_order_whatever_the_discovery_order() {
        assertEquals(List.of("b", "a", "c"), List.copyOf(ProtocolRegistry.index(
                List.of(protocol("c", 30), protocol("a", 20), protocol("b", 10))).keySet()));
    }

    @Test
    void refuses_two_protocols_of_one_kind() {
        assertThrows(IllegalStateException.class,
                () -> ProtocolRegistry.index(List.of(protocol("x", 10), protocol("x", 20))));
    }

    @Test
    void refuses_the_rdex10_kind_and_a_malformed_one() {
        assertThrows(IllegalStateException.class, () -> ProtocolRegistry.index(List.of(protocol("rdex10", 10))));
        assertThrows(IllegalStateException.class, () -> ProtocolRegistry.index(List.of(protocol("RDEX+", 10))));
    }
}
