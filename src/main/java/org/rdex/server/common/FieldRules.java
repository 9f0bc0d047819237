package org.rdex.server.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a valid value is, written once for every API: printable text, e-mail addresses, http(s) URLs. Pure
 * predicates; {@link FieldErrors} records what they refuse.
 */
public final class FieldRules {

    /** Longest e-mail address (RFC 5321 path limit). */
    public static final int MAX_EMAIL = 254;

    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    private FieldRules() {
    }

    /**
     * At most {@code max} characters and no control character ({@code multiline} lets CR, LF and TAB through).
     * A one-line value cannot inject a header or a log line.
     */
    public static boolean isPrintable(String value, int max, boolean multiline) {
        return value != null && value.length() <= max && !Texts.hasControlCharacters(value, multiline);
    }

    /** An address with a dotted domain: {@code a@localhost} is refused, so is anything over {@value #MAX_EMAIL}. */
    public static boolean isEmail(String value) {
        return value != null && value.length() <= MAX_EMAIL && EMAIL.matcher(value).matches();
    }

    /**
     * How a partner's link without a scheme is completed, the only thing that differs between the two places a
     * partner's journey comes from. Both refuse every other scheme ({@code javascript:}, {@code data:},
     * {@code ftp:}) instead of taking it for a host name, and any space or control character.
     */
    public enum BareLink {
        /**
         * RDEX 1.0 files: {@code www.site.org/t} becomes {@code http://www.site.org/t}, as RDEX 1.0 partners
         * wrote their links; the host must be dotted ({@code localhost} is not a site). Checked lexically only:
         * an import reads millions of links and stores what the partner published.
         */
        HTTP,
        /**
         * Live answers: a link without scheme becomes https, as Mobicoop's client reads it; the result must
         * then be an absolute URL with a host ({@link #httpUrl(String)}), since it goes straight into our answer.
         */
        HTTPS
    }

    /**
     * The one rule for a partner's journey link: the value stripped, kept when it is an http(s) URL, completed
     * by {@code bareLink} when it has no scheme, null otherwise.
     */
    public static String partnerLink(String value, BareLink bareLink) {
        if (value == null) {
            return null;
        }
        String t = value.strip();
        if (startsWithIgnoreCase(t, "http://") || startsWithIgnoreCase(t, "https://")) {
            if (t.length() <= "https://".length() || hasSpaceOrControl(t)) {
                return null;
            }
            return bareLink == BareLink.HTTP || httpUrl(t).isPresent() ? t : null;
        }
        int colon = t.indexOf(':');
        int slash = t.indexOf('/');
        boolean hasScheme = colon >= 0 && (slash < 0 || colon < slash) && !isPort(t, colon + 1);
        if (hasScheme || t.isEmpty() || !Character.isLetterOrDigit(t.charAt(0)) || hasSpaceOrControl(t)) {
            return null;
        }
        if (bareLink == BareLink.HTTPS) {
            String u = "https://" + t;
            return httpUrl(u).isPresent() ? u : null;
        }
        int dot = t.indexOf('.');
        return dot <= 0 || slash >= 0 && dot > slash ? null : "http://" + t;
    }

    /** ASCII case only: {@code httpſ://} is not {@code https://}. No allocation, as the import calls it per row. */
    private static boolean startsWithIgnoreCase(String t, String lowerPrefix) {
        if (t.length() < lowerPrefix.length()) {
            return false;
        }
        for (int i = 0; i < lowerPrefix.length(); i++) {
            char c = t.charAt(i);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != lowerPrefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasSpaceOrControl(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) <= 0x20) {
                return true;
            }
        }
        return false;
    }

    /** A port after a colon ({@code host:8080/...}): an ASCII digit, then no line terminator. */
    private static boolean isPort(String t, int from) {
        if (from >= t.length() || t.charAt(from) < '0' || t.charAt(from) > '9') {
            return false;
        }
        for (int i = from + 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    /** The value as an absolute http or https URL with a host; empty when it is not one. */
    public static Optional<URI> httpUrl(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
