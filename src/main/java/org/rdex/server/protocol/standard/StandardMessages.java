package org.rdex.server.protocol.standard;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.rdex.server.protocol.Caller;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.Texts;
import org.rdex.server.contact.ContactForm;
import org.rdex.server.contact.ContactStore;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code POST /messages} into the outbox the RDEX contact API fills, delivered by the same relay. The
 * recipient is the journey: {@code driverJourneyId} (or {@code passengerJourneyId}, as
 * {@code recipientCarpoolerType} says), else {@code to.id}, our users' ids being their journeys' uuids. The
 * sender's {@code from.operator} must be one of the calling partner's sites. Nothing about our user is
 * answered: 201, or 404 when no current journey of ours has that id.
 */
@ApplicationScoped
public class StandardMessages {

    static final int MAX_MESSAGE = 500;
    private static final Pattern FIELD_PATH = Pattern.compile("[A-Za-z0-9_.]+");
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z-]{1," + ContactForm.MAX_ID + "}");

    @Inject
    ObjectMapper mapper;
    @Inject
    ContactStore store;

    public void post(Caller caller, byte[] body) {
        StandardWire.Message m = read(body);
        String type = m.recipientCarpoolerType();
        if (!type.equals("DRIVER") && !type.equals("PASSENGER")) {
            throw StandardQuery.invalid("recipientCarpoolerType", "must be DRIVER or PASSENGER");
        }
        String site = ContactForm.siteHost(m.from().operator());
        if (site == null) {
            throw StandardQuery.invalid("from.operator", "is not a domain name");
        }
        if (!caller.owns(site)) {
            throw StandardQuery.invalid("from.operator", "is not a site of the partner this key belongs to");
        }
        String named = type.equals("DRIVER") ? m.driverJourneyId() : m.passengerJourneyId();
        String journey = named != null ? named : m.to().id();
        String alias = m.from().alias().trim();
        if (alias.isEmpty() || alias.length() > ContactForm.MAX_PSEUDONYM || Texts.hasControlCharacters(alias, false)
                || alias.chars().anyMatch(c -> c == '<' || c == '>' || c == '"' || c == '\\')) {
            alias = site;
        }
        if (!ID.matcher(journey).matches()) {
            throw notFound();
        }
        String message = m.message();
        InetAddress address = caller.address();
        ContactForm.Message stored = new ContactForm.Message(journey.toLowerCase(Locale.ROOT), alias, "", site,
                message.replace("\r\n", "\n").replace('\r', '\n').strip());
        if (!store.store(caller, stored, address == null ? "" : address.getHostAddress())) {
            throw notFound();
        }
    }

    /**
     * The body as the standard's {@link StandardWire.Message}, read strictly (a field named twice is refused)
     * and checked in the standard's order: {@code from}, {@code to}, {@code message} (at most
     * {@value #MAX_MESSAGE} characters, no control characters), {@code recipientCarpoolerType}. A journey id
     * that is not a JSON string is taken as absent.
     */
    private StandardWire.Message read(byte[] body) {
        JsonNode root;
        try {
            root = ContactForm.jsonReader(mapper).readTree(body);
        } catch (StreamReadException e) {
            String duplicate = duplicateField(e, body);
            throw duplicate == null ? StandardQuery.invalid("body", "is not JSON")
                    : StandardQuery.invalid(duplicate, "is given more than once");
        } catch (Exception e) {
            throw StandardQuery.invalid("body", "is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw StandardQuery.invalid("body", "is not a JSON object");
        }
        StandardWire.User from = user(root, "from");
        StandardWire.User to = user(root, "to");
        String message = text(root, "message");
        if (message.codePointCount(0, message.length()) > MAX_MESSAGE) {
            throw StandardQuery.invalid("message", "is longer than " + MAX_MESSAGE + " characters");
        }
        if (Texts.hasControlCharacters(message, true)) {
            throw StandardQuery.invalid("message", "contains control characters");
        }
        // Required by the standard: without it, whose journey driverJourneyId or passengerJourneyId names is a guess.
        String type = text(root, "recipientCarpoolerType");
        return new StandardWire.Message(from, to, message, type, textual(root, "driverJourneyId"),
                textual(root, "passengerJourneyId"));
    }

    private static String textual(JsonNode root, String name) {
        return root.path(name).isTextual() ? root.path(name).asText() : null;
    }

    private static ApiException notFound() {
        return new ApiException(404, "resource_not_found", "The targeted journey or user no longer exists", List.of(),
                Map.of());
    }

    /**
     * The dotted path of the field a strict parse stopped at ({@code from.alias}), when the body is otherwise
     * valid JSON, so the fault was a field named twice (Jackson alone would keep the last one); null for any
     * other fault, or a name unfit to echo.
     */
    private String duplicateField(StreamReadException e, byte[] body) {
        List<String> names = new ArrayList<>();
        try {
            for (JsonStreamContext c = e.getProcessor() == null ? null : e.getProcessor().getParsingContext(); c != null;
                    c = c.getParent()) {
                if (c.getCurrentName() != null) {
                    names.add(0, c.getCurrentName());
                }
            }
            mapper.readTree(body);
        } catch (Exception other) {
            return null;
        }
        String path = String.join(".", names);
        return names.isEmpty() || path.length() > 64 || !FIELD_PATH.matcher(path).matches() ? null : path;
    }

    private static StandardWire.User user(JsonNode root, String name) {
        JsonNode user = root.path(name);
        if (!user.isObject()) {
            throw StandardQuery.invalid(name, "is required: a User object");
        }
        for (String field : List.of("id", "alias", "operator")) {
            if (!user.path(field).isTextual() || user.path(field).asText().isBlank()) {
                throw StandardQuery.invalid(name + "." + field, "is required");
            }
        }
        return new StandardWire.User(user.path("id").asText(), user.path("operator").asText(),
                user.path("alias").asText());
    }

    private static String text(JsonNode root, String name) {
        JsonNode node = root.path(name);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw StandardQuery.invalid(name, "is required");
        }
        return node.asText();
    }
}
