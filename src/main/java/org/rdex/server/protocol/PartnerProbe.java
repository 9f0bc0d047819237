package org.rdex.server.protocol;

import java.time.ZoneId;
import java.util.Map;

import org.rdex.server.model.SharedJourney;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a protocol's live check ({@link PartnerProtocol#check}) may do to a partner: GET requests only, through
 * the partner client with the partner's pins, so no message reaches a user and nothing is written on its side.
 * Implemented by {@code check/PartnerCheckService}.
 */
public interface PartnerProbe {

    /**
     * An answer (its status and JSON, null when the body is not JSON), or why there is none.
     *
     * @param failure null when answered; else a sentence for the report, never a secret
     */
    record Call(int status, JsonNode json, String failure) {
    }

    /** {@code GET url} with {@code Accept: application/json} and {@code headers}, within the check's timeout. */
    Call get(String url, Map<String, String> headers);

    /** One of the partner's own journeys (from its file) to search near; null when it has none. */
    SharedJourney sample();

    /** The zone our searches' dates and times are in. */
    ZoneId zone();
}
