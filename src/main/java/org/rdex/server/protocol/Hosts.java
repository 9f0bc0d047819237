package org.rdex.server.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

import org.rdex.server.model.FieldLimits;
import org.rdex.server.search.SearchResult;

/** How the protocols that name an operator by host (standard-covoiturage, RDEX+) turn a site into that name. */
public final class Hosts {

    private Hosts() {
    }

    /**
     * A bare host name: no scheme, port, path, user info or trailing dot; lower-case; empty when the value has
     * none or is longer than a host name can be.
     */
    public static String bare(String site) {
        String v = site == null ? "" : site.strip().toLowerCase(Locale.ROOT);
        if (v.contains("://")) {
            try {
                String h = new URI(v).getHost();
                v = h == null ? "" : h;
            } catch (URISyntaxException e) {
                v = "";
            }
        }
        int cut = v.indexOf('/');
        v = cut >= 0 ? v.substring(0, cut) : v;
        int at = v.lastIndexOf('@');
        v = at >= 0 ? v.substring(at + 1) : v;
        int colon = v.indexOf(':');
        v = colon >= 0 ? v.substring(0, colon) : v;
        v = v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
        return v.length() <= FieldLimits.HOST ? v : "";
    }

    /**
     * The operator a result is shown under: for ours the configured name, else the host of our site; for a
     * partner's, the host of its site.
     */
    public static String operatorOf(SearchResult.Item item, Optional<String> configured, String ourSite) {
        return bare(item.partner() ? item.site() : configured.filter(o -> !o.isBlank()).orElse(ourSite));
    }
}
