package org.rdex.server.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PartnerWarningsUnitTest {

    private static Partner partner(String contactUrl, String... sites) {
        Partner p = new Partner();
        p.sites = sites;
        p.contactUrl = contactUrl;
        return p;
    }

    @Test
    void warns_on_a_site_that_is_not_a_host_name() {
        List<String> warnings = PartnerWarnings.of(partner(null, "covoiturage-b.example.org", "not a site at all", "localhost"));
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("\"not a site at all\" is not a host name"), warnings.get(0));
        assertTrue(warnings.get(1).contains("\"localhost\""), warnings.get(1));
    }

    @Test
    void warns_on_a_plain_http_contact_url() {
        List<String> warnings = PartnerWarnings.of(partner("http://rdex.b.example.org/", "b.example.org"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("not HTTPS"), warnings.get(0));
    }

    @Test
    void a_partner_that_can_work_gets_no_warning() {
        assertEquals(List.of(), PartnerWarnings.of(partner("https://rdex.b.example.org:8543/", "covoiturage-b.example.org",
                "XN--covoit-9ua.example")));
        assertEquals(List.of(), PartnerWarnings.of(partner(null, "b.example.org")));
    }
}
