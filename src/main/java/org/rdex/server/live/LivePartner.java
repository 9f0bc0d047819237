package org.rdex.server.live;

import java.time.Duration;
import java.util.List;
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

    public Optional<ProtocolEndpoint> endpoint(String kind) {
        return endpoints.stream().filter(e -> e.kind().equals(kind)).findFirst();
    }

    @Override
    public String toString() {
        return "LivePartner[" + name + endpoints.stream().map(e -> ", " + e.kind() + " " + e.url()).reduce("", String::concat)
                + "]";
    }
}
