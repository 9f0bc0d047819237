package org.rdex.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.rdex.server.live.LivePartner;
import org.rdex.server.protocol.ProtocolEndpoint;

class PartnerRowUnitTest {

    private static final Map<String, String> TITLES = Map.of("rdex12", "RDEX 1.2", "standard", "standard-covoiturage",
            "rdex10", "RDEX 1.0");
    private static final Function<String, String> TITLE = TITLES::get;

    private static LivePartner live(String rdex12Url, String standardUrl, String contactKind) {
        Duration timeout = Duration.ofSeconds(2);
        List<ProtocolEndpoint> endpoints = new ArrayList<>();
        if (rdex12Url != null) {
            endpoints.add(new ProtocolEndpoint(1, "p", "op", null, "rdex12", rdex12Url, Map.of("apikey", "pub"),
                    Map.of("privateKey", "priv"), timeout));
        }
        if (standardUrl != null) {
            endpoints.add(new ProtocolEndpoint(1, "p", "op", null, "standard", standardUrl, Map.of(),
                    Map.of("apiKey", "key"), timeout));
        }
        return new LivePartner(1, "p", "op", null, endpoints, timeout, contactKind, true);
    }

    @Test
    void a_file_only_partner_is_an_rdex_1_0_file() {
        assertEquals("RDEX 1.0 file", PartnerRow.protocols(true, Optional.empty(), TITLE));
    }

    @Test
    void names_every_live_protocol_and_how_contacts_go() {
        assertEquals("RDEX 1.0 file, RDEX 1.2, standard-covoiturage; contacts over standard-covoiturage",
                PartnerRow.protocols(true, Optional.of(live("https://b/rdex", "https://b/standard", "standard")), TITLE));
        assertEquals("RDEX 1.2", PartnerRow.protocols(false, Optional.of(live("https://b/rdex", null, "rdex10")), TITLE));
    }

    @Test
    void automatic_contacts_add_nothing() {
        assertEquals("RDEX 1.2", PartnerRow.protocols(false, Optional.of(live("https://b/rdex", null, null)), TITLE));
    }

    @Test
    void names_a_protocol_by_its_title_whatever_its_kind() {
        LivePartner other = new LivePartner(1, "p", "op", null, List.of(new ProtocolEndpoint(1, "p", "op", null,
                "rdexplus", "https://b/plus", Map.of(), Map.of(), Duration.ofSeconds(2))), Duration.ofSeconds(2),
                "rdexplus", true);
        assertEquals("RDEX+; contacts over RDEX+",
                PartnerRow.protocols(false, Optional.of(other), kind -> kind.equals("rdexplus") ? "RDEX+" : "?"));
    }

    @Test
    void a_partner_without_file_or_live_api_shows_a_dash() {
        assertEquals("-", PartnerRow.protocols(false, Optional.of(live(null, null, "rdex10")), TITLE));
    }
}
