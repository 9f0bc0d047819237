package org.rdex.server.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The shared field checks: {@link FieldErrors} and {@link FieldRules}. */
class FieldChecksUnitTest {

    @Test
    void text_is_stripped_when_printable_and_short_enough() {
        FieldErrors errors = new FieldErrors();
        assertEquals("Acme", errors.text("operator", "  Acme ", true, 10));
        assertTrue(errors.isEmpty());
    }

    @Test
    void text_rejects_control_characters_and_overlong_values_with_one_message() {
        FieldErrors errors = new FieldErrors();
        assertNull(errors.text("a", "line\nbreak", false, 100));
        assertNull(errors.text("b", "x".repeat(11), false, 10));
        assertNull(errors.text("c", "bidi\u2028", false, 100));
        assertEquals(List.of(new FieldError("a", "must be at most 100 characters without control characters"),
                new FieldError("b", "must be at most 10 characters without control characters"),
                new FieldError("c", "must be at most 100 characters without control characters")), errors.list());
    }

    @Test
    void blank_text_is_missing_only_when_required() {
        FieldErrors errors = new FieldErrors();
        assertNull(errors.text("optional", "  ", false, 10));
        assertTrue(errors.isEmpty());
        assertNull(errors.text("name", null, true, 10));
        assertTrue(errors.has("name"));
        assertFalse(errors.has("optional"));
        ApiException refused = assertThrows(ApiException.class, errors::throwIfAny);
        assertEquals(400, refused.status());
        assertEquals("missing_mandatory_field", refused.name());
        assertEquals(List.of(new FieldError("name", "is required")), refused.fields());
    }

    @Test
    void every_rejected_field_is_named_in_one_invalid_input() {
        FieldErrors errors = new FieldErrors();
        errors.add("a", "is required");
        errors.add("b", "must be a string");
        ApiException refused = assertThrows(ApiException.class, errors::throwIfAny);
        assertEquals("invalid_input", refused.name());
        assertEquals(2, refused.fields().size());
    }

    @Test
    void no_error_no_exception() {
        new FieldErrors().throwIfAny();
    }

    @Test
    void printable_allows_line_breaks_only_when_multiline() {
        assertTrue(FieldRules.isPrintable("a\r\n\tb", 10, true));
        assertFalse(FieldRules.isPrintable("a\r\nb", 10, false));
        assertFalse(FieldRules.isPrintable("a\u0000b", 10, true));
        assertFalse(FieldRules.isPrintable(null, 10, true));
        assertFalse(FieldRules.isPrintable("abc", 2, true));
    }

    @Test
    void email_needs_a_dotted_domain_and_a_bounded_length() {
        assertTrue(FieldRules.isEmail("baptiste@example.net"));
        assertFalse(FieldRules.isEmail("a@localhost"));
        assertFalse(FieldRules.isEmail("not-an-email"));
        assertFalse(FieldRules.isEmail("a@b.c\nBcc: x@y.z"));
        assertFalse(FieldRules.isEmail("a@" + "b".repeat(250) + ".net"));
        assertFalse(FieldRules.isEmail(null));
    }

    @Test
    void http_url_is_absolute_http_or_https_with_a_host() {
        assertTrue(FieldRules.httpUrl("https://partner.example/feed.xml").isPresent());
        assertTrue(FieldRules.httpUrl("HTTP://partner.example").isPresent());
        assertFalse(FieldRules.httpUrl("ftp://partner.example/").isPresent());
        assertFalse(FieldRules.httpUrl("/relative").isPresent());
        assertFalse(FieldRules.httpUrl("https:///no-host").isPresent());
        assertFalse(FieldRules.httpUrl("not a url").isPresent());
        assertFalse(FieldRules.httpUrl(null).isPresent());
        assertEquals("user:pw", FieldRules.httpUrl("https://user:pw@partner.example/").orElseThrow().getUserInfo());
    }

    @Test
    void a_partner_link_without_scheme_is_completed_by_the_named_policy_and_other_schemes_are_dropped() {
        assertEquals("http://www.a.org/t", FieldRules.partnerLink("www.a.org/t", FieldRules.BareLink.HTTP));
        assertEquals("https://www.a.org/t", FieldRules.partnerLink("www.a.org/t", FieldRules.BareLink.HTTPS));
        assertEquals("https://a.org:8443/t", FieldRules.partnerLink(" a.org:8443/t ", FieldRules.BareLink.HTTPS));
        assertNull(FieldRules.partnerLink("localhost/t", FieldRules.BareLink.HTTP), "a file's site is a dotted host");
        assertEquals("https://localhost/t", FieldRules.partnerLink("localhost/t", FieldRules.BareLink.HTTPS));
        assertNull(FieldRules.partnerLink("https://a.org/a|b", FieldRules.BareLink.HTTPS), "not a URL");
        for (FieldRules.BareLink policy : FieldRules.BareLink.values()) {
            for (String bad : List.of("javascript:alert(1)", "data:text/html,x", "ftp://a.org", "https://",
                    "http://a b", "httpſ://a.org", "")) {
                assertNull(FieldRules.partnerLink(bad, policy), policy + " " + bad);
            }
            assertNull(FieldRules.partnerLink(null, policy));
            assertEquals("HTTP://A.ORG", FieldRules.partnerLink("HTTP://A.ORG", policy));
        }
    }
}
