package org.rdex.server.imports;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.rdex.server.common.IpRange;

/**
 * Where a partner's feed may redirect us. A redirect to a loopback, link-local, private or otherwise internal
 * address is followed only when the operator named that very service: the configured feed URL's host is (or
 * resolves to) that address, and the target has the feed URL's scheme and port. Otherwise a partner could point
 * our server at another service on the same address (our own management port, a database), or at a cloud
 * metadata service. Addresses are compared once resolved, so {@code [::ffff:127.0.0.1]} or {@code 2130706433}
 * are {@code 127.0.0.1}. Public targets are always allowed.
 *
 * <p>The check resolves the target's host name before the request; a name that resolves differently a moment
 * later (DNS rebinding) is not caught here.
 */
final class RedirectRule {

    /** Name resolution, replaceable in tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final List<IpRange> INTERNAL = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/3",
            "::/127", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8")
            .stream().map(r -> IpRange.parse(r).orElseThrow()).toList();

    private final Resolver resolver;

    RedirectRule(Resolver resolver) {
        this.resolver = resolver;
    }

    /** The reason to refuse a redirect from a download of {@code feed} to {@code target}, if it must be refused. */
    Optional<String> refusal(URI feed, URI target) {
        if (target.getHost() == null || feed.getHost() == null) {
            return Optional.of("redirect to a URL without a host name");
        }
        InetAddress[] targets;
        try {
            targets = resolver.resolve(host(target));
        } catch (UnknownHostException e) {
            return Optional.of("redirect to a host that does not resolve");
        }
        List<InetAddress> internal = Arrays.stream(targets).map(RedirectRule::unmapped).filter(RedirectRule::isInternal)
                .toList();
        if (internal.isEmpty()) {
            return Optional.empty();
        }
        if (!feed.getScheme().equalsIgnoreCase(target.getScheme()) || port(feed) != port(target)) {
            return Optional.of("redirect to an internal address (" + unmapped(internal.get(0)).getHostAddress()
                    + ") on another scheme or port than the feed URL's");
        }
        Set<InetAddress> named;
        try {
            named = Arrays.stream(resolver.resolve(host(feed))).map(RedirectRule::unmapped).collect(Collectors.toSet());
        } catch (UnknownHostException e) {
            named = Set.of();
        }
        for (InetAddress address : internal) {
            if (!named.contains(address)) {
                return Optional.of("redirect to an internal address (" + address.getHostAddress()
                        + ") that the feed URL does not name");
            }
        }
        return Optional.empty();
    }

    /** Loopback, link-local, private, shared (CGNAT), unspecified, multicast and other non-public ranges. */
    static boolean isInternal(InetAddress address) {
        InetAddress a = unmapped(address);
        return a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress() || INTERNAL.stream().anyMatch(r -> r.contains(a));
    }

    /** {@code ::ffff:10.0.0.1} and {@code ::10.0.0.1} are the IPv4 address they carry. */
    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean zeros = true;
            for (int i = 0; i < 10; i++) {
                zeros &= b[i] == 0;
            }
            boolean mapped = zeros && (b[10] == (byte) 0xff && b[11] == (byte) 0xff || b[10] == 0 && b[11] == 0
                    && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1)));
            if (mapped) {
                try {
                    return Inet4Address.getByAddress(Arrays.copyOfRange(b, 12, 16));
                } catch (UnknownHostException e) {
                    return address;
                }
            }
        }
        return address;
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
