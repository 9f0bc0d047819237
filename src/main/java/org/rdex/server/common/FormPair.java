package org.rdex.server.common;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** One {@code name=value} pair of a query string or form body, decoded as UTF-8 ({@code +} is a space). */
public record FormPair(String name, String value) {

    /**
     * Decodes one pair as sent; a pair without {@code =} is a name with an empty value.
     *
     * @throws IllegalArgumentException on a malformed percent escape
     */
    public static FormPair decode(String pair) {
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        return new FormPair(name, value);
    }
}
