package org.rdex.server.live;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A partner's live protocols as the admin API shows them: never a secret, only whether one is stored. RDEX 1.2
 * and standard-covoiturage keep the members they always had; every other protocol's fields are members of the
 * same object by the names its {@code PartnerProtocol} declares ({@code xyzUrl}; a secret as
 * {@code hasXyzApiKey}), from {@link #others()}.
 */
public record ProtocolView(String partner, String rdex12Url, String rdex12Apikey, boolean hasRdex12PrivateKey,
        String standardUrl, boolean hasStandardApiKey, Integer timeoutMs, String contactVia, boolean liveSearch,
        Instant updatedAt, @JsonIgnore Map<String, Object> others) {

    /** The protocols' fields the members above show. */
    private static final java.util.Set<String> MEMBERS = java.util.Set.of("rdex12Url", "rdex12Apikey",
            "rdex12PrivateKey", "standardUrl", "standardApiKey");

    public ProtocolView {
        others = others == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(others));
    }

    /** The other protocols' fields, written as members of the view. */
    @JsonAnyGetter
    Map<String, Object> otherMembers() {
        return others;
    }

    /**
     * The view from the protocols' fields by admin API name (a secret's field holds whether it is stored).
     *
     * @param secrets the fields that are secrets: shown as {@code has<Field>}
     */
    static ProtocolView of(String partner, Map<String, Object> fields, java.util.Set<String> secrets, Integer timeoutMs,
            String contactVia, boolean liveSearch, Instant updatedAt) {
        Map<String, Object> others = new TreeMap<>();
        fields.forEach((field, value) -> {
            if (!MEMBERS.contains(field)) {
                others.put(secrets.contains(field) ? hasName(field) : field,
                        secrets.contains(field) ? Boolean.TRUE.equals(value) : value);
            }
        });
        return new ProtocolView(partner, (String) fields.get("rdex12Url"), (String) fields.get("rdex12Apikey"),
                Boolean.TRUE.equals(fields.get("rdex12PrivateKey")), (String) fields.get("standardUrl"),
                Boolean.TRUE.equals(fields.get("standardApiKey")), timeoutMs, contactVia, liveSearch, updatedAt, others);
    }

    /**
     * A protocol's field by admin API name, as this view shows it: the text of a public field (null when unset),
     * or for a secret whether one is stored.
     */
    public Object field(String field, boolean secret) {
        Object value = switch (field) {
            case "rdex12Url" -> rdex12Url;
            case "rdex12Apikey" -> rdex12Apikey;
            case "rdex12PrivateKey" -> hasRdex12PrivateKey;
            case "standardUrl" -> standardUrl;
            case "standardApiKey" -> hasStandardApiKey;
            default -> others.get(secret ? hasName(field) : field);
        };
        return secret ? Boolean.TRUE.equals(value) : value;
    }

    /** How a secret field shows: {@code xyzApiKey} as {@code hasXyzApiKey}. */
    static String hasName(String field) {
        return "has" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }
}
