package org.rdex.server.live;

import java.time.Instant;

/** A partner's live protocols as the admin API shows them: never a secret, only whether one is stored. */
public record ProtocolView(String partner, String rdex12Url, String rdex12Apikey, boolean hasRdex12PrivateKey,
        String standardUrl, boolean hasStandardApiKey, Integer timeoutMs, String contactVia, boolean liveSearch,
        Instant updatedAt) {

    static ProtocolView of(String partner, PartnerProtocol p) {
        if (p == null) {
            return new ProtocolView(partner, null, null, false, null, false, null, null, true, null);
        }
        return new ProtocolView(partner, p.rdex12Url, p.rdex12Apikey, p.rdex12PrivateKeyEncrypted != null,
                p.standardUrl, p.standardApiKeyEncrypted != null, p.timeoutMs, p.contactVia, p.liveSearch,
                p.updatedAt);
    }
}
