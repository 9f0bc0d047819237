package org.rdex.server.key;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text of a partner key: {@code rdex_<id>_<secret>}. The id (16 hex characters) finds the row
 * without scanning; the secret (32 random bytes, base64url) is only ever stored hashed.
 */
public final class KeyFormat {

    public static final String PREFIX = "rdex_";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The two parts of a presented key. */
    public record Parsed(String id, String secret) {
        @Override
        public String toString() {
            return "Parsed[id=" + id + "]";
        }
    }

    private KeyFormat() {
    }

    public static Parsed generate() {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        return new Parsed(HexFormat.of().formatHex(id), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    public static String format(Parsed key) {
        return PREFIX + key.id() + "_" + key.secret();
    }

    /**
     * The public half of a key, {@code rdex_<id>}: RDEX 1.2's {@code apikey}. The private half, the secret,
     * keys the request signatures and never travels.
     */
    public static String publicHalf(Parsed key) {
        return PREFIX + key.id();
    }

    /** The key id in a public half ({@code rdex_<id>}); empty when the text is not one. */
    public static Optional<String> parsePublicHalf(String text) {
        if (text == null || text.length() != PREFIX.length() + 16 || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String id = text.substring(PREFIX.length());
        return ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    /** Empty when the text is not shaped like one of our keys (so nothing is looked up for it). */
    public static Optional<Parsed> parse(String text) {
        if (text == null || text.length() != PREFIX.length() + 16 + 1 + 43 || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String id = text.substring(PREFIX.length(), PREFIX.length() + 16);
        if (text.charAt(PREFIX.length() + 16) != '_') {
            return Optional.empty();
        }
        String secret = text.substring(PREFIX.length() + 17);
        return ID.matcher(id).matches() && SECRET.matcher(secret).matches()
                ? Optional.of(new Parsed(id, secret)) : Optional.empty();
    }
}
