package org.rdex.server.partner;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What makes a registered partner unable to work although it is accepted: a site that is not a host name (a
 * contact message names the site it comes from, a domain such as {@code covoiturage-b.example.org}, so it can
 * never match) and a plain-HTTP contact URL (we contact partners over HTTPS only). Warnings, not refusals:
 * the partner may be registered before its details are final, and a refusal would block the file exchange too.
 */
public final class PartnerWarnings {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private PartnerWarnings() {
    }

    public static List<String> of(Partner p) {
        List<String> warnings = new ArrayList<>();
        for (String site : p.sites == null ? new String[0] : p.sites) {
            if (!isHostName(site)) {
                warnings.add("site \"" + site + "\" is not a host name (like covoiturage.example.org): contact messages"
                        + " from this partner name their site, and none can match it");
            }
        }
        if (p.contactUrl != null && !p.contactUrl.isBlank()) {
            String scheme = scheme(p.contactUrl);
            if (!"https".equals(scheme)) {
                warnings.add("contact URL " + p.contactUrl + " is not HTTPS: we contact partners over HTTPS only, so"
                        + " messages to this partner's journeys will fail");
            }
        }
        return warnings;
    }

    /** A DNS host name with at least two labels, as a site is published. */
    static boolean isHostName(String site) {
        if (site == null || site.isEmpty() || site.length() > 253) {
            return false;
        }
        String[] labels = site.toLowerCase(Locale.ROOT).split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static String scheme(String url) {
        try {
            String scheme = URI.create(url.strip()).getScheme();
            return scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
