package org.rdex.server.partner;

import java.time.Instant;
import java.util.List;


/**
 * A partner as the admin API shows it: never the key, only whether one is stored. {@code tlsFingerprint} is
 * the first pin, {@code tlsFingerprints} every accepted one (two during a certificate rotation).
 */
public record PartnerView(String name, String operator, String feedUrl, List<String> sites, String contactUrl,
        String tlsFingerprint, boolean hasKey, Instant createdAt, ImportReport lastImport,
        List<String> tlsFingerprints) {

    public static PartnerView of(Partner p, ImportReport lastImport) {
        return new PartnerView(p.name, p.operator, p.feedUrl, p.sites == null ? List.of() : List.of(p.sites),
                p.contactUrl, p.tlsFingerprint, p.hasOutboundKey(), p.createdAt, lastImport, p.pins());
    }
}
