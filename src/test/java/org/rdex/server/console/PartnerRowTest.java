package org.rdex.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.rdex.server.live.LivePartner;

class PartnerRowTest {

    private static LivePartner live(String rdex12Url, String standardUrl, LivePartner.Via via) {
        return new LivePartner(1, "p", "op", null, rdex12Url, rdex12Url == null ? null : "pub",
                rdex12Url == null ? null : "priv", standardUrl, standardUrl == null ? null : "key", Duration.ofSeconds(2),
                via, true);
    }

    @Test
    void a_file_only_partner_is_an_rdex_1_0_file() {
        assertEquals("RDEX 1.0 file", PartnerRow.protocols(true, Optional.empty()));
    }

    @Test
    void names_every_live_protocol_and_how_contacts_go() {
        assertEquals("RDEX 1.0 file, RDEX 1.2, standard-covoiturage; contacts over standard-covoiturage",
                PartnerRow.protocols(true, Optional.of(live("https://b/rdex", "https://b/standard", LivePartner.Via.STANDARD))));
        assertEquals("RDEX 1.2", PartnerRow.protocols(false, Optional.of(live("https://b/rdex", null, LivePartner.Via.RDEX10))));
    }

    @Test
    void a_partner_without_file_or_live_api_shows_a_dash() {
        assertEquals("-", PartnerRow.protocols(false, Optional.of(live(null, null, LivePartner.Via.RDEX10))));
    }
}
