package org.rdex.server.live;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

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
 * @param contactVia       {@code rdex10}, or the kind of a protocol that contacts ({@code rdex12},
 *                         {@code standard}, ...), or {@code auto} / "" for the first configured in
 *                         that order
 * @param liveSearch       whether {@code live=true} searches ask this partner (default true)
 * @param others           every other protocol's fields, by the names its {@code PartnerProtocol#urlField} and
 *                         {@code PartnerProtocol#settings} give ({@code xyzUrl}); the admin API reads them
 *                         from the body's other members, the CLI from {@code --set} and {@code --secret-*}, so
 *                         that a protocol added later needs no member here
 */
public record ProtocolUpdate(String rdex12Url, String rdex12Apikey, String rdex12PrivateKey, String standardUrl,
        String standardApiKey, Integer timeoutMs, String contactVia, Boolean liveSearch,
        @JsonIgnore Map<String, String> others) {

    /** The members this record names; the body's other members are protocols' fields. */
    static final java.util.Set<String> MEMBERS = java.util.Set.of("rdex12Url", "rdex12Apikey", "rdex12PrivateKey",
            "standardUrl", "standardApiKey", "timeoutMs", "contactVia", "liveSearch");

    public ProtocolUpdate {
        others = others == null ? Map.of() : Map.copyOf(others);
    }

    /** A change of RDEX 1.2 and standard-covoiturage only. */
    public ProtocolUpdate(String rdex12Url, String rdex12Apikey, String rdex12PrivateKey, String standardUrl,
            String standardApiKey, Integer timeoutMs, String contactVia, Boolean liveSearch) {
        this(rdex12Url, rdex12Apikey, rdex12PrivateKey, standardUrl, standardApiKey, timeoutMs, contactVia, liveSearch,
                null);
    }

    /** The same change with the other protocols' fields {@code others}. */
    ProtocolUpdate with(Map<String, String> more) {
        return new ProtocolUpdate(rdex12Url, rdex12Apikey, rdex12PrivateKey, standardUrl, standardApiKey, timeoutMs,
                contactVia, liveSearch, more);
    }

    /** The protocols' fields that were given, by admin API name: each protocol reads its own (see {@code PartnerProtocol#urlField}). */
    Map<String, String> fields() {
        Map<String, String> out = new HashMap<>(others);
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
