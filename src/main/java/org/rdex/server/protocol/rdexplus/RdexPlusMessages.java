package org.rdex.server.protocol.rdexplus;

import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

import org.rdex.server.common.ApiException;
import org.rdex.server.common.Texts;
import org.rdex.server.contact.ContactForm;
import org.rdex.server.contact.ContactStore;
import org.rdex.server.model.FieldLimits;
import org.rdex.server.protocol.Caller;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * RDEX+ {@code POST /messages} into the outbox the RDEX contact API fills, delivered by the same relay. The
 * recipient is our journey {@code driverJourneyId} or {@code passengerJourneyId}, as
 * {@code recipientCarpoolerType} says (a {@code -return} id we gave a return leg names its journey). The
 * sender's operator ({@code passengerOperatorUrl}, else {@code passengerOperator}, for a message to a driver;
 * the driver's for one to a passenger), when given, must be one of the calling partner's sites; absent, the
 * partner's first site stands in. {@code details} is required here (the document leaves it optional, but a
 * message without text relays nothing). Nothing about our user is answered: 201, or 404 when no current
 * journey of ours has that id.
 */
@ApplicationScoped
public class RdexPlusMessages {

    static final int MAX_DETAILS = 500;
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z-]{1," + ContactForm.MAX_ID + "}");
    private static final String[] REQUIRED = { "driverJourneyId", "driverUserid", "passengerJourneyId",
            "passengerUserid", "recipientCarpoolerType" };
    private static final String[] TEXTS = { "driverJourneyId", "driverUserid", "driverAlias", "passengerJourneyId",
            "passengerUserid", "passengerAlias", "details", "driverOperator", "driverOperatorUrl", "passengerOperator",
            "passengerOperatorUrl", "recipientCarpoolerType" };

    @Inject
    ObjectMapper mapper;
    @Inject
    ContactStore store;

    public void post(Caller caller, byte[] body) {
        RdexPlusWire.Message m = read(body);
        boolean toDriver = switch (m.recipientCarpoolerType()) {
        case "driver" -> true;
        case "passenger" -> false;
        default -> throw RdexPlusErrors.invalid("recipientCarpoolerType", "must be driver or passenger");
        };
        String details = m.details();
        if (details == null || details.isBlank()) {
            throw RdexPlusErrors.missing("details");
        }
        if (details.codePointCount(0, details.length()) > MAX_DETAILS) {
            throw RdexPlusErrors.invalid("details", "is longer than " + MAX_DETAILS + " characters");
        }
        if (Texts.hasControlCharacters(details, true)) {
            throw RdexPlusErrors.invalid("details", "contains control characters");
        }
        String given = toDriver ? firstOf(m.passengerOperatorUrl(), m.passengerOperator())
                : firstOf(m.driverOperatorUrl(), m.driverOperator());
        String site;
        if (given == null) {
            site = caller.sites().stream().map(Caller::siteHost).filter(h -> h != null).findFirst()
                    .orElseThrow(() -> RdexPlusErrors.missing(toDriver ? "passengerOperatorUrl" : "driverOperatorUrl"));
        } else {
            site = ContactForm.siteHost(given);
            String field = toDriver ? "passengerOperator" : "driverOperator";
            if (site == null) {
                throw RdexPlusErrors.invalid(field, "is not a domain name");
            }
            if (!caller.owns(site)) {
                throw new ApiException(403, "origin_mismatch", field + " is not a site of the partner this key belongs to");
            }
        }
        String journey = toDriver ? m.driverJourneyId() : m.passengerJourneyId();
        if (journey.endsWith(RdexPlusService.RETURN_SUFFIX)) {
            journey = journey.substring(0, journey.length() - RdexPlusService.RETURN_SUFFIX.length());
        }
        String alias = (toDriver ? m.passengerAlias() : m.driverAlias());
        alias = alias == null ? "" : alias.strip();
        if (alias.isEmpty() || alias.length() > ContactForm.MAX_PSEUDONYM || Texts.hasControlCharacters(alias, false)
                || alias.chars().anyMatch(c -> c == '<' || c == '>' || c == '"' || c == '\\')) {
            alias = site;
        }
        if (!ID.matcher(journey).matches()) {
            throw notFound();
        }
        InetAddress address = caller.address();
        ContactForm.Message stored = new ContactForm.Message(journey.toLowerCase(Locale.ROOT), alias, "", site,
                details.replace("\r\n", "\n").replace('\r', '\n').strip());
        if (!store.store(caller, stored, address == null ? "" : address.getHostAddress())) {
            throw notFound();
        }
    }

    /**
     * The body as the document's message: a JSON object naming no member twice, whose known members are
     * strings of bounded length and whose required ones are present.
     */
    private RdexPlusWire.Message read(byte[] body) {
        JsonNode root;
        try {
            root = ContactForm.jsonReader(mapper).readTree(body);
        } catch (StreamReadException e) {
            throw RdexPlusErrors.invalid("body", "is not JSON, or names a member more than once");
        } catch (Exception e) {
            throw RdexPlusErrors.invalid("body", "is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(400, "no_post_data", "The body must be a JSON object");
        }
        for (String name : TEXTS) {
            JsonNode v = root.path(name);
            if (!v.isMissingNode() && !v.isNull() && !v.isTextual()) {
                throw RdexPlusErrors.invalid(name, "must be a string");
            }
            if (v.isTextual() && v.asText().length() > (name.equals("details") ? 4 * MAX_DETAILS : FieldLimits.UUID)) {
                throw RdexPlusErrors.invalid(name, "is too long");
            }
        }
        for (String name : REQUIRED) {
            if (!root.path(name).isTextual() || root.path(name).asText().isBlank()) {
                throw RdexPlusErrors.missing(name);
            }
        }
        return new RdexPlusWire.Message(text(root, "driverJourneyId"), text(root, "driverUserid"),
                text(root, "driverAlias"), text(root, "passengerJourneyId"), text(root, "passengerUserid"),
                text(root, "passengerAlias"), text(root, "details"), text(root, "driverOperator"),
                text(root, "driverOperatorUrl"), text(root, "passengerOperator"), text(root, "passengerOperatorUrl"),
                text(root, "recipientCarpoolerType"));
    }

    private static String text(JsonNode root, String name) {
        JsonNode v = root.path(name);
        return v.isTextual() ? v.asText().strip() : null;
    }

    private static String firstOf(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }

    private static ApiException notFound() {
        return new ApiException(404, "resource_not_found", "The targeted journey or user no longer exists");
    }
}
