package org.rdex.server.live;

import java.time.Duration;

/**
 * A partner's live protocols with their secrets decrypted, held in memory by {@link PartnerProtocols} for the
 * calls. {@link #toString()} never shows a secret.
 */
public record LivePartner(long id, String name, String operator, String fingerprint, String rdex12Url,
        String rdex12Apikey, String rdex12PrivateKey, String standardUrl, String standardApiKey, Duration timeout,
        Via contactVia, boolean liveSearch) {

    /** How contacts to this partner's journeys go. */
    public enum Via {
        RDEX10, RDEX12, STANDARD
    }

    public boolean speaksRdex12() {
        return rdex12Url != null && rdex12Apikey != null && rdex12PrivateKey != null;
    }

    public boolean speaksStandard() {
        return standardUrl != null && standardApiKey != null;
    }

    @Override
    public String toString() {
        return "LivePartner[" + name + (speaksRdex12() ? ", rdex12 " + rdex12Url : "")
                + (speaksStandard() ? ", standard " + standardUrl : "") + "]";
    }
}
