package org.rdex.server.live;

import java.util.HashMap;
import java.util.Map;

/**
 * A change to a partner's live protocols (admin API {@code PUT/PATCH /admin/partners/{name}/protocol}, CLI
 * {@code partners protocol NAME}). With PATCH a null member leaves the setting as it is and an empty string
 * (or {@code timeoutMs} 0) clears it; PUT replaces the whole configuration.
 *
 * @param rdex12Url        API root of the partner's RDEX 1.2 ({@code {url}/journeys}, {@code {url}/connections})
 * @param rdex12Apikey     the public key the partner gave us (sent in every URL)
 * @param rdex12PrivateKey the private key the partner gave us, to sign our calls (stored encrypted)
 * @param standardUrl      API root of the partner's standard-covoiturage ({@code {url}/driver_journeys}, ...)
 * @param standardApiKey   the {@code X-API-Key} the partner gave us (stored encrypted)
 * @param timeoutMs        this partner's live-search timeout, 50..60000 ms; 0 or absent: {@code rdex.live.timeout}
 * @param contactVia       {@code rdex10}, {@code rdex12}, {@code standard}, or {@code auto} / "" for the first
 *                         configured in that order
 * @param liveSearch       whether {@code live=true} searches ask this partner (default true)
 */
public record ProtocolUpdate(String rdex12Url, String rdex12Apikey, String rdex12PrivateKey, String standardUrl,
        String standardApiKey, Integer timeoutMs, String contactVia, Boolean liveSearch) {

    /** The protocols' fields that were given, by admin API name: each protocol reads its own (see {@code PartnerProtocol#urlField}). */
    Map<String, String> fields() {
        Map<String, String> out = new HashMap<>();
        put(out, "rdex12Url", rdex12Url);
        put(out, "rdex12Apikey", rdex12Apikey);
        put(out, "rdex12PrivateKey", rdex12PrivateKey);
        put(out, "standardUrl", standardUrl);
        put(out, "standardApiKey", standardApiKey);
        return out;
    }

    private static void put(Map<String, String> out, String field, String value) {
        if (value != null) {
            out.put(field, value);
        }
    }
}
