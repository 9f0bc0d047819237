package org.rdex.server.live;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.rdex.server.protocol.ProtocolEndpoint;

/**
 * A partner's live protocols (its {@code partner_protocol} rows, in the protocols' order) with their secrets
 * decrypted, and its partner-wide live settings ({@code partner_live}), held in memory by
 * {@link PartnerProtocols} for the calls. {@code contactKind} is null for automatic. {@link #toString()} never
 * shows a secret.
 */
public record LivePartner(long id, String name, String operator, String fingerprint, List<ProtocolEndpoint> endpoints,
        Duration timeout, String contactKind, boolean liveSearch) {

    public LivePartner {
        endpoints = List.copyOf(endpoints);
    }

    /**
     * The shape of V45's wide row, kept for the console's partner list until it loops over {@link #endpoints()}.
     *
     * @deprecated use the canonical constructor
     */
    @Deprecated
    public LivePartner(long id, String name, String operator, String fingerprint, String rdex12Url,
            String rdex12Apikey, String rdex12PrivateKey, String standardUrl, String standardApiKey, Duration timeout,
            Via contactVia, boolean liveSearch) {
        this(id, name, operator, fingerprint, legacy(id, name, operator, fingerprint, rdex12Url, rdex12Apikey,
                rdex12PrivateKey, standardUrl, standardApiKey, timeout), timeout,
                contactVia == null ? null : contactVia.name().toLowerCase(Locale.ROOT), liveSearch);
    }

    /**
     * How contacts to this partner's journeys go, as the console shows it.
     *
     * @deprecated a kind is a string ({@link #contactKind()}): a new protocol has no constant here
     */
    @Deprecated
    public enum Via {
        RDEX10, RDEX12, STANDARD
    }

    public Optional<ProtocolEndpoint> endpoint(String kind) {
        return endpoints.stream().filter(e -> e.kind().equals(kind)).findFirst();
    }

    /** @deprecated for the console; loop over {@link #endpoints()} */
    @Deprecated
    public Via contactVia() {
        if (contactKind == null) {
            return null;
        }
        try {
            return Via.valueOf(contactKind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** @deprecated for the console; loop over {@link #endpoints()} */
    @Deprecated
    public boolean speaksRdex12() {
        return endpoint("rdex12").isPresent();
    }

    /** @deprecated for the console; loop over {@link #endpoints()} */
    @Deprecated
    public boolean speaksStandard() {
        return endpoint("standard").isPresent();
    }

    private static List<ProtocolEndpoint> legacy(long id, String name, String operator, String fingerprint,
            String rdex12Url, String rdex12Apikey, String rdex12PrivateKey, String standardUrl, String standardApiKey,
            Duration timeout) {
        java.util.ArrayList<ProtocolEndpoint> out = new java.util.ArrayList<>();
        if (rdex12Url != null && rdex12Apikey != null && rdex12PrivateKey != null) {
            out.add(new ProtocolEndpoint(id, name, operator, fingerprint, "rdex12", rdex12Url,
                    Map.of("apikey", rdex12Apikey), Map.of("privateKey", rdex12PrivateKey), timeout));
        }
        if (standardUrl != null && standardApiKey != null) {
            out.add(new ProtocolEndpoint(id, name, operator, fingerprint, "standard", standardUrl, Map.of(),
                    Map.of("apiKey", standardApiKey), timeout));
        }
        return out;
    }

    @Override
    public String toString() {
        return "LivePartner[" + name + endpoints.stream().map(e -> ", " + e.kind() + " " + e.url()).reduce("", String::concat)
                + "]";
    }
}
