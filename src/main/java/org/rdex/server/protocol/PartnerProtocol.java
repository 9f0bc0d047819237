package org.rdex.server.protocol;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.rdex.server.common.FieldError;
import org.rdex.server.search.SearchRequest;

/**
 * What a partner protocol does, on the client side, for the features that loop over a partner's protocols:
 * live search ({@code live/LiveSearchService}), outbound contact ({@code live/ProtocolContacts}), the admin
 * API and the CLI ({@code live/PartnerProtocols}), the partner check ({@code check/PartnerCheckService}). Each
 * implementation is an {@code @ApplicationScoped} bean in
 * its own package {@code protocol/<kind>} (with its server side, wire records and signer), found by
 * {@link ProtocolRegistry}; a partner's settings for it are one {@code partner_protocol} row of that
 * {@link #kind()}. Adding a protocol is adding such a bean: no other feature names it.
 */
public interface PartnerProtocol {

    /** RDEX 1.0's contact ({@code {contact url}/rdex/contact}): no row, the partner's own settings. */
    String RDEX10 = "rdex10";

    /**
     * One setting of a row besides its URL: its name in the row, its field in the admin API, whether secret, and
     * how the console labels it after the protocol's title.
     */
    record Setting(String name, String field, boolean secret, String label) {

        /** A setting labelled by its name. */
        public Setting(String name, String field, boolean secret) {
            this(name, field, secret, name);
        }
    }

    /** The row's kind: lower-case letters and digits ({@code rdex12}); also its name in {@code contactVia}. */
    String kind();

    /** Human name for messages, the console and the CLI ({@code RDEX 1.2}). */
    String title();

    /** One line: what the partner's URL must serve. */
    String description();

    /**
     * Rank among the partner's protocols: live search asks the first that {@link #searches()}, an automatic
     * contact goes through the first that {@link #contacts()}. Lower first.
     */
    int order();

    /** The admin API field holding the row's URL ({@code rdex12Url}). */
    String urlField();

    /** The row's other settings; every one is required once any of the protocol's fields is given. */
    List<Setting> settings();

    /** Further checks of a complete row (URL already checked); adds to {@code errors}. */
    default void validate(ProtocolEndpoint endpoint, List<FieldError> errors) {
    }

    /** Whether {@link #search} can be called. */
    default boolean searches() {
        return true;
    }

    /**
     * Asks the partner live for journeys matching {@code query}, within {@code endpoint.timeout()}; the
     * future fails for a partner that fails (the live search counts it). Null when the protocol cannot express
     * this search (no call is made).
     */
    CompletableFuture<List<LiveJourney>> search(ProtocolEndpoint endpoint, SearchRequest query);

    /** Whether {@link #contact} can be called. */
    default boolean contacts() {
        return true;
    }

    /**
     * The request relaying {@code message} to the partner's user behind {@code target}; the caller sends it
     * through the partner client and reads the RDEX-style error name of the answer.
     */
    HttpRequest contact(ProtocolEndpoint endpoint, ContactTarget target, OutboundMessage message, Duration timeout);

    /**
     * The protocol's part of a partner's conformance check ({@code check/PartnerCheckService}): the rules it
     * runs against the partner at {@code endpoint}, by {@code probe}'s GET requests only. None by default.
     */
    default List<CheckResult> check(ProtocolEndpoint endpoint, PartnerProbe probe) {
        return List.of();
    }
}
