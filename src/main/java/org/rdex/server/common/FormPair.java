package org.rdex.server.common;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One {@code name=value} pair of a query string or form body ({@code +} is a space), decoded in a charset,
 * UTF-8 unless told: escaped bytes that are not text in that charset are refused, never replaced by U+FFFD.
 */
public record FormPair(String name, String value) {

    /**
     * Decodes one pair as sent, in UTF-8; a pair without {@code =} is a name with an empty value.
     *
     * @throws IllegalArgumentException on a malformed percent escape or escaped bytes that are not UTF-8
     */
    public static FormPair decode(String pair) {
        return decode(pair, StandardCharsets.UTF_8);
    }

    /**
     * The same in {@code charset}, the charset the text around the pair was read in (an ASCII superset).
     *
     * @throws IllegalArgumentException on a malformed percent escape or escaped bytes that are not text in it
     */
    public static FormPair decode(String pair, Charset charset) {
        int eq = pair.indexOf('=');
        String name = part(eq < 0 ? pair : pair.substring(0, eq), charset);
        String value = eq < 0 ? "" : part(pair.substring(eq + 1), charset);
        return new FormPair(name, value);
    }

    private static String part(String text, Charset charset) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        try {
            // URLDecoder replaces bytes its charset cannot read. Through ISO-8859-1 every escape is one char
            // standing for one byte; the bytes are then read in the real charset, refusing what is not text.
            ByteBuffer raw = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            String bytes = URLDecoder.decode(StandardCharsets.ISO_8859_1.decode(raw).toString(),
                    StandardCharsets.ISO_8859_1);
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not " + charset.name() + " text");
        }
    }
}
