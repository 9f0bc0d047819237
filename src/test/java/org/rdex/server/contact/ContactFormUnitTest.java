package org.rdex.server.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rdex.server.common.ApiException;

import com.fasterxml.jackson.databind.ObjectMapper;

class ContactFormUnitTest {

    private static Map<String, String> fields(String from) {
        Map<String, String> f = new HashMap<>();
        f.put("id", "6c0868c0cb8a7682768c7b9912b89b105df1c389");
        f.put("from", from);
        f.put("site", "https://www.Covoit.example.net/annonces");
        f.put("message", "Bonjour");
        return f;
    }

    @Test
    void reads_pseudonym_and_email_from_the_from_field_and_normalizes_the_site() {
        ContactForm.Message m = ContactForm.validate(fields("\"Baptiste D.\" <baptiste@example.net>"), 1000);
        assertEquals("Baptiste D.", m.pseudonym());
        assertEquals("baptiste@example.net", m.email());
        assertEquals("covoit.example.net", m.site());
        assertEquals("baptiste", ContactForm.validate(fields("baptiste@example.net"), 1000).pseudonym());
    }

    @Test
    void form_names_are_case_insensitive_and_duplicates_are_refused() {
        Map<String, String> f = ContactForm.parseForm("Key=k&ID=x&From=a%20%3Ca%40b.fr%3E".getBytes(StandardCharsets.UTF_8));
        assertEquals("k", f.get("key"));
        assertEquals("a <a@b.fr>", f.get("from"));
        ApiException e = assertThrows(ApiException.class,
                () -> ContactForm.parseForm("key=a&KEY=b".getBytes(StandardCharsets.UTF_8)));
        assertEquals("key", e.fields().get(0).field());
        assertThrows(ApiException.class, () -> ContactForm.parseForm("key=%zz".getBytes(StandardCharsets.UTF_8)));
        assertThrows(ApiException.class, () -> ContactForm.parseForm(new byte[] { 'k', '=', (byte) 0xff }));
    }

    @Test
    void decodes_a_form_in_the_charset_its_content_type_declares() {
        String form = "application/x-www-form-urlencoded";
        assertEquals(StandardCharsets.UTF_8, ContactForm.formCharset(form));
        assertEquals(StandardCharsets.ISO_8859_1, ContactForm.formCharset(form + "; charset=iso-8859-1"));
        assertEquals(StandardCharsets.ISO_8859_1, ContactForm.formCharset(form + ";charset=\"ISO-8859-1\""));
        assertEquals("café", ContactForm.parseForm("message=caf%E9".getBytes(StandardCharsets.US_ASCII),
                StandardCharsets.ISO_8859_1).get("message"));
        assertEquals("caféÿ", ContactForm.parseForm(new byte[] { 'm', '=', 'c', 'a', 'f', (byte) 0xe9, (byte) 0xff },
                StandardCharsets.ISO_8859_1).get("m"));
    }

    @Test
    void refuses_a_form_whose_bytes_are_not_in_its_charset_or_whose_charset_is_unusable() {
        ApiException utf8 = assertThrows(ApiException.class, () -> ContactForm.parseForm(
                "message=caf%E9".getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8));
        assertEquals(400, utf8.status());
        assertEquals("body", utf8.fields().get(0).field());
        assertTrue(utf8.fields().get(0).message().contains("UTF-8"), utf8.fields().get(0).message());
        for (String charset : new String[] { "x-no-such-charset", "utf-16", "UTF-32BE", "\"\"", "a b" }) {
            ApiException e = assertThrows(ApiException.class,
                    () -> ContactForm.formCharset("application/x-www-form-urlencoded; charset=" + charset), charset);
            assertEquals(400, e.status());
        }
    }

    @Test
    void json_names_are_case_insensitive_and_a_name_given_twice_is_refused() {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, String> f = ContactForm.parseJson("{\"Key\":\"k\",\"ID\":\"x\"}".getBytes(StandardCharsets.UTF_8), mapper);
        assertEquals("k", f.get("key"));
        assertEquals("x", f.get("id"));
        ApiException exact = assertThrows(ApiException.class,
                () -> ContactForm.parseJson("{\"key\":\"a\",\"key\":\"b\"}".getBytes(StandardCharsets.UTF_8), mapper));
        assertEquals(400, exact.status());
        assertEquals("key", exact.fields().get(0).field());
        ApiException cased = assertThrows(ApiException.class,
                () -> ContactForm.parseJson("{\"key\":\"a\",\"KEY\":\"b\"}".getBytes(StandardCharsets.UTF_8), mapper));
        assertEquals("key", cased.fields().get(0).field());
        ApiException broken = assertThrows(ApiException.class,
                () -> ContactForm.parseJson("{\"key\":\"a\",".getBytes(StandardCharsets.UTF_8), mapper));
        assertEquals("body", broken.fields().get(0).field());
    }

    @Test
    void refuses_header_injection_bad_emails_and_long_messages() {
        assertThrows(ApiException.class, () -> ContactForm.validate(fields("A <a@example.net>\r\nBcc: x@y.z"), 1000));
        assertThrows(ApiException.class, () -> ContactForm.validate(fields("A <a@example.net\nBcc: x@y.z>"), 1000));
        assertThrows(ApiException.class, () -> ContactForm.validate(fields("A <not-an-email>"), 1000));
        assertThrows(ApiException.class, () -> ContactForm.validate(fields("A <a@localhost>"), 1000));
        Map<String, String> f = fields("A <a@example.net>");
        f.put("message", "x".repeat(11));
        assertEquals(413, assertThrows(ApiException.class, () -> ContactForm.validate(f, 10)).status());
        f.put("message", "ok\r\nline\ttab");
        assertEquals("ok\nline\ttab", ContactForm.validate(f, 100).text());
        f.put("site", "site.example\u0000");
        assertTrue(assertThrows(ApiException.class, () -> ContactForm.validate(f, 100)).fields().stream()
                .anyMatch(e -> e.field().equals("site")));
    }
    private static java.util.List<org.rdex.server.common.FieldError> refused(Map<String, String> f) {
        return assertThrows(ApiException.class, () -> ContactForm.validate(f, 1000)).fields();
    }

    @Test
    void takes_pseudonym_and_email_fields_when_there_is_no_from() {
        Map<String, String> f = fields(null);
        f.remove("from");
        f.put("pseudonym", " Léa ");
        f.put("email", "lea@example.org");
        ContactForm.Message m = ContactForm.validate(f, 1000);
        assertEquals("Léa", m.pseudonym());
        assertEquals("lea@example.org", m.email());
    }

    @Test
    void names_the_field_each_sender_fault_comes_from() {
        Map<String, String> noSender = fields(null);
        noSender.remove("from");
        assertEquals("from", refused(noSender).get(0).field());
        assertEquals("is required: \"Pseudonym <email>\" (or fields pseudonym and email)", refused(noSender).get(0).message());

        Map<String, String> badEmail = fields(null);
        badEmail.remove("from");
        badEmail.put("email", "not-an-email");
        assertEquals(java.util.List.of(new org.rdex.server.common.FieldError("email", "is not a valid e-mail address")),
                refused(badEmail));

        Map<String, String> badPseudonym = fields("a@example.org");
        badPseudonym.put("pseudonym", "<script>");
        assertEquals("pseudonym", refused(badPseudonym).get(0).field());

        assertEquals("is too long", refused(fields("x".repeat(400) + "@example.org")).get(0).message());
    }

    @Test
    void reports_every_bad_field_at_once_in_the_order_of_the_form() {
        Map<String, String> f = fields("A <not-an-email>");
        f.put("id", "not a uuid!");
        f.put("site", "not a site");
        f.remove("message");
        assertEquals(java.util.List.of("id", "from", "site", "message"),
                refused(f).stream().map(org.rdex.server.common.FieldError::field).toList());
    }
}
