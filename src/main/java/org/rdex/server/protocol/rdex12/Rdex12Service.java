package org.rdex.server.protocol.rdex12;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.contact.ContactForm;
import org.rdex.server.contact.ContactStore;
import org.rdex.server.protocol.Caller;
import org.rdex.server.search.SearchConfig;
import org.rdex.server.search.SearchRequest;
import org.rdex.server.search.SearchResult;
import org.rdex.server.search.SearchService;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * RDEX 1.2 over our store: journeys from the one search (ours and partners'), connections into the one
 * outbox the RDEX contact API fills, delivered by the same relay. Nothing about our user is answered.
 */
@ApplicationScoped
public class Rdex12Service {

    private static final Logger LOG = Logger.getLogger(Rdex12Service.class);

    @Inject
    Rdex12Guard guard;
    @Inject
    Rdex12Config config;
    @Inject
    SearchService search;
    @Inject
    SearchConfig searchConfig;
    @Inject
    ContactStore store;

    /** Null when the request has none of RDEX's parameters (Mobicoop then answers {@code 200 {}}). */
    public List<Rdex12Wire.Item> journeys(HttpServerRequest request) {
        Rdex12Guard.Call call = guard.call(request);
        QueryPairs query = QueryPairs.parse(call.rawQuery());
        if (!query.has("timestamp") && !query.has("apikey") && !query.has("signature") && !query.hasPrefix("p[")) {
            return null;
        }
        Rdex12Search.requireMandatory(query);
        Caller caller = guard.check(call, query, "journeys");
        SearchRequest r = Rdex12Search.parse(query, config, searchConfig, LocalDate.now());
        boolean withReturn = Rdex12Search.wantsReturn(query);
        List<Rdex12Wire.Item> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SearchResult.Item item : search.search(r).results()) {
            // A regular journey's return leg is the journey travelled backwards: RDEX 1.2 describes journeys
            // from their origin, so only outward matches are listed.
            if ("outward".equals(item.leg()) && seen.add(item.operator() + "\u0000" + item.uuid())) {
                out.add(new Rdex12Wire.Item(Rdex12Journey.of(item, withReturn)));
            }
        }
        LOG.debugf("RDEX 1.2 search by %s: %d journeys", caller.partnerName(), out.size());
        return out;
    }

    /** False when the request has none of RDEX's parameters (Mobicoop then answers 200, empty). */
    public boolean connect(HttpServerRequest request, byte[] body) {
        Rdex12Guard.Call call = guard.call(request);
        QueryPairs query = QueryPairs.parse(call.rawQuery());
        if (body != null && body.length > config.maxBodyBytes()) {
            throw new ApiException(413, "invalid_input", "The request body is larger than " + config.maxBodyBytes() + " bytes");
        }
        QueryPairs form = QueryPairs.parse(body == null ? "" : utf8(body));
        if (!query.has("timestamp") && !query.has("apikey") && !query.has("signature") && !query.hasPrefix("p[")
                && form.values().isEmpty()) {
            return false;
        }
        for (String name : List.of("timestamp", "apikey", "signature")) {
            if (!query.has(name)) {
                throw QueryPairs.missing(name);
            }
        }
        Caller caller = guard.check(call, query, "connections");
        Rdex12Connection connection = Rdex12Connection.parse(form);
        if (!caller.owns(connection.origin())) {
            throw Rdex12Connection.originMismatch(caller.partnerName());
        }
        ContactForm.Message message = new ContactForm.Message(connection.journeyUuid(), connection.alias(), "",
                connection.origin(), connection.details());
        if (!store.store(caller, message, caller.addressText())) {
            throw new ApiException(404, "resource_not_found", "No journey of ours with this uuid, or it has expired",
                    List.of(new FieldError("journeys[uuid]", "is not a current journey of ours")), Map.of());
        }
        return true;
    }

    private static String utf8(byte[] body) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw QueryPairs.invalid("body", "is not UTF-8");
        }
    }
}
