package org.rdex.server.contact;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.Texts;
import org.rdex.server.common.IpRange;
import org.rdex.server.protocol.CallerAddresses;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The caller's address as keys are checked against it: the socket's peer, unless that peer is one of
 * {@code rdex.contact.trusted-proxies}; then the right-most {@code X-Forwarded-For} entry, over all lines of
 * the header, that is not a trusted proxy (entries further left are written by the client and prove nothing).
 * An entry that is not an IP address ({@code unknown}, a name, a zone id) before that one refuses the request.
 * Quarkus's own forwarded-header support ({@code quarkus.http.proxy.*}) is off on purpose: it believes the
 * left-most entry of the first line, which the client writes.
 */
@ApplicationScoped
public class ClientAddresses implements CallerAddresses {

    private static final Logger LOG = Logger.getLogger(ClientAddresses.class);

    @Inject
    ContactConfig config;

    List<IpRange> trusted = List.of();

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

    /**
     * The caller's address, from every {@code X-Forwarded-For} line of the request, in order.
     *
     * @throws ApiException 400 when an entry the trusted proxies wrote cannot be read
     */
    @Override
    public InetAddress resolve(InetAddress peer, List<String> forwardedFor) {
        return resolve(peer, forwardedFor, trusted);
    }

    /**
     * True when the request reached us over TLS, directly or through a trusted proxy that says so: every
     * {@code X-Forwarded-Proto} value, on every line, must be {@code https}. A value a client wrote itself
     * ahead of the proxy's can only make its own request refused.
     */
    @Override
    public boolean secure(boolean socketSecure, InetAddress peer, List<String> forwardedProto) {
        if (socketSecure) {
            return true;
        }
        if (!isTrusted(peer, trusted)) {
            return false;
        }
        boolean https = false;
        for (String line : forwardedProto == null ? List.<String>of() : forwardedProto) {
            for (String value : line.split(",")) {
                if (value.isBlank()) {
                    continue;
                }
                if (!value.trim().equalsIgnoreCase("https")) {
                    return false;
                }
                https = true;
            }
        }
        return https;
    }

    /**
     * Repeated header lines are one comma-separated list (RFC 9110, 5.3): a client's own line comes
     * before the lines its proxies add, so all lines are read, right to left.
     */
    static InetAddress resolve(InetAddress peer, List<String> forwardedFor, List<IpRange> trusted) {
        if (peer == null || forwardedFor == null || forwardedFor.isEmpty() || !isTrusted(peer, trusted)) {
            return peer;
        }
        String[] hops = String.join(",", forwardedFor).split(",");
        InetAddress current = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            if (hops[i].isBlank()) {
                continue;
            }
            Optional<InetAddress> hop = IpRange.literal(hops[i].trim());
            if (hop.isEmpty()) {
                // Stopping here would make the last trusted proxy the caller, and a key bound to the proxy's
                // range would pass: refuse instead.
                LOG.debugf("Unreadable X-Forwarded-For entry %s", Texts.abbreviate(hops[i]));
                throw new ApiException(400, "invalid_input",
                        "X-Forwarded-For has an entry that is not an IP address");
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
