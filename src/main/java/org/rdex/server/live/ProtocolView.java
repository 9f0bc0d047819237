package org.rdex.server.live;

import java.time.Instant;
import java.util.Map;

/** A partner's live protocols as the admin API shows them: never a secret, only whether one is stored. */
public record ProtocolView(String partner, String rdex12Url, String rdex12Apikey, boolean hasRdex12PrivateKey,
        String standardUrl, boolean hasStandardApiKey, Integer timeoutMs, String contactVia, boolean liveSearch,
        Instant updatedAt) {

    /** The view from the protocols' fields by admin API name (a secret's field holds whether it is stored). */
    static ProtocolView of(String partner, Map<String, Object> fields, Integer timeoutMs, String contactVia,
            boolean liveSearch, Instant updatedAt) {
        return new ProtocolView(partner, (String) fields.get("rdex12Url"), (String) fields.get("rdex12Apikey"),
                Boolean.TRUE.equals(fields.get("rdex12PrivateKey")), (String) fields.get("standardUrl"),
                Boolean.TRUE.equals(fields.get("standardApiKey")), timeoutMs, contactVia, liveSearch, updatedAt);
    }
}
