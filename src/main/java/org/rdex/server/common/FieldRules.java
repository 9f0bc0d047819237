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
