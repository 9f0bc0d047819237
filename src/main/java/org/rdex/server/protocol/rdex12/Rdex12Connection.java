package org.rdex.server.protocol.rdex12;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.common.Texts;
import org.rdex.server.contact.ContactForm;

/**
 * The form body of {@code POST /rdex/connections}, checked in Mobicoop's order: {@code driver},
 * {@code passenger} ({@code state} sender|recipient, the recipient's {@code uuid} required),
 * {@code journeys[uuid]}, {@code details} (1 to 500 bytes); then {@code origin}, the sender's domain. Pure
 * logic.
 *
 * @param journeyUuid the uuid of our journey the message is about
 * @param alias       how the sender is called: their alias, else the operator's name, else the origin
 * @param origin      the sender platform's host
 */
record Rdex12Connection(String journeyUuid, String alias, String origin, String details) {

    static final int MAX_DETAILS_BYTES = 500;
    private static final Pattern UUID = Pattern.compile("[0-9A-Za-z-]{1," + ContactForm.MAX_ID + "}");

    static Rdex12Connection parse(QueryPairs form) {
        String driver = state(form, "driver");
        String passenger = state(form, "passenger");
        if (driver.equals(passenger)) {
            throw QueryPairs.invalid("passenger[state]", "one of driver and passenger is the sender, the other the recipient");
        }
        String recipient = driver.equals("recipient") ? "driver" : "passenger";
        String sender = recipient.equals("driver") ? "passenger" : "driver";
        if (!form.has(recipient + "[uuid]")) {
            throw QueryPairs.missing(recipient + "[uuid]");
        }
        if (!form.has("journeys[uuid]")) {
            throw QueryPairs.missing("journeys[uuid]");
        }
        String uuid = form.get("journeys[uuid]").trim();
        if (!UUID.matcher(uuid).matches()) {
            throw QueryPairs.invalid("journeys[uuid]", "is not a journey uuid");
        }
        String details = form.get("details");
        if (details == null || details.isBlank()) {
            throw QueryPairs.missing("details");
        }
        if (details.getBytes(StandardCharsets.UTF_8).length > MAX_DETAILS_BYTES) {
            throw QueryPairs.invalid("details", "is longer than " + MAX_DETAILS_BYTES + " bytes");
        }
        if (Texts.hasControlCharacters(details, true)) {
            throw QueryPairs.invalid("details", "contains control characters");
        }
        if (!form.has("origin")) {
            throw QueryPairs.missing("origin");
        }
        String origin = ContactForm.siteHost(form.get("origin"));
        if (origin == null) {
            throw QueryPairs.invalid("origin", "is not a domain name");
        }
        String alias = oneLine(form.get(sender + "[alias]"));
        if (alias == null) {
            alias = oneLine(form.get("operator"));
        }
        return new Rdex12Connection(uuid.toLowerCase(Locale.ROOT), alias == null ? origin : alias, origin,
                details.replace("\r\n", "\n").replace('\r', '\n').strip());
    }

    private static String state(QueryPairs form, String who) {
        String name = who + "[state]";
        if (!form.has(name)) {
            throw QueryPairs.missing(name);
        }
        String v = form.get(name).trim().toLowerCase(Locale.ROOT);
        if (!v.equals("sender") && !v.equals("recipient")) {
            throw QueryPairs.invalid(name, "must be sender or recipient");
        }
        return v;
    }

    /** A pseudonym fit for a mail subject, or null. */
    private static String oneLine(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.length() > ContactForm.MAX_PSEUDONYM || Texts.hasControlCharacters(v, false)
                || v.chars().anyMatch(c -> c == '<' || c == '>' || c == '"' || c == '\\')) {
            return null;
        }
        return v;
    }

    static ApiException originMismatch(String partner) {
        return new ApiException(403, "origin_mismatch", "origin is not a site of this partner",
                List.of(new FieldError("origin", "is not a site of partner " + partner)), Map.of());
    }
}
