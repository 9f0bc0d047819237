package org.rdex.server.protocol;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The partner behind a request, whatever protocol carried its credentials: the key it used, the partner that
 * key was issued to (with its registered sites) and the address it called from, as keys are checked against it.
 */
public record Caller(String keyId, long partnerId, String partnerName, List<String> sites, InetAddress address) {

    /** The longest host name DNS allows. */
    public static final int MAX_SITE = 253;
    private static final Pattern HOST = Pattern.compile(
            "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$");

    public Caller {
        sites = sites == null ? List.of() : List.copyOf(sites);
    }

    /** True when {@code site} (a name or a URL) is one of the partner's registered sites, compared by host. */
    public boolean owns(String site) {
        String host = site == null ? null : siteHost(site);
        return host != null && sites.stream().map(Caller::siteHost).anyMatch(host::equals);
    }

    /** The address as text, empty when unknown (what the relay stores). */
    public String addressText() {
        return address == null ? "" : address.getHostAddress();
    }

    /** The host of a site given as a name or a URL, lower-case, without {@code www.}; null when it is not one. */
    public static String siteHost(String site) {
        String value = site.trim().toLowerCase(Locale.ROOT);
        if (value.contains("://")) {
            try {
                value = new URI(value).getHost();
            } catch (URISyntaxException e) {
                return null;
            }
            if (value == null) {
                return null;
            }
        } else {
            int slash = value.indexOf('/');
            if (slash >= 0) {
                value = value.substring(0, slash);
            }
        }
        if (value.endsWith(".")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.startsWith("www.")) {
            value = value.substring(4);
        }
        return !value.isEmpty() && value.length() <= MAX_SITE && HOST.matcher(value).matches() ? value : null;
    }
}
