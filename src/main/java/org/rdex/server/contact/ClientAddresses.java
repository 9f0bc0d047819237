package org.rdex.server.contact;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.rdex.server.common.Texts;
import org.rdex.server.key.IpRange;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The caller's address as keys are checked against it: the socket's peer, unless that peer is one of
 * {@code rdex.contact.trusted-proxies}; then the right-most {@code X-Forwarded-For} entry that is not a
 * trusted proxy (entries further left are written by the client and prove nothing).
 */
@ApplicationScoped
public class ClientAddresses {

    private static final Logger LOG = Logger.getLogger(ClientAddresses.class);

    @Inject
    ContactConfig config;

    private List<IpRange> trusted = List.of();

    @PostConstruct
    void init() {
        trusted = parse(config.trustedProxies().orElse(List.of()));
    }

    static List<IpRange> parse(List<String> values) {
        List<IpRange> ranges = new ArrayList<>();
        for (String value : values) {
            if (value.isBlank()) {
                continue;
            }
            ranges.add(IpRange.parse(value).orElseThrow(() -> new IllegalArgumentException(
                    "rdex.contact.trusted-proxies: not an address or CIDR: " + Texts.abbreviate(value))));
        }
        return List.copyOf(ranges);
    }

    public InetAddress resolve(InetAddress peer, String forwardedFor) {
        return resolve(peer, forwardedFor, trusted);
    }

    /** True when the request reached us over TLS, directly or through a trusted proxy that says so. */
    public boolean secure(boolean socketSecure, InetAddress peer, String forwardedProto) {
        if (socketSecure) {
            return true;
        }
        return forwardedProto != null && isTrusted(peer, trusted)
                && forwardedProto.trim().equalsIgnoreCase("https");
    }

    static InetAddress resolve(InetAddress peer, String forwardedFor, List<IpRange> trusted) {
        if (peer == null || forwardedFor == null || !isTrusted(peer, trusted)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        InetAddress current = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpRange.literal(hops[i].trim());
            if (hop.isEmpty()) {
                // Garbage in the chain: stop at the last address we could vouch for.
                LOG.debugf("Unreadable X-Forwarded-For entry %s", Texts.abbreviate(hops[i]));
                return current;
            }
            current = hop.get();
            if (!isTrusted(current, trusted)) {
                return current;
            }
        }
        return current;
    }

    private static boolean isTrusted(InetAddress address, List<IpRange> trusted) {
        return address != null && trusted.stream().anyMatch(r -> r.contains(address));
    }
}
