package org.rdex.server.opendata;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The uuids of one public file: HMAC-SHA256 of the stable uuid under a salt drawn for this export and kept
 * nowhere. Within the file a journey has one id; between two files nothing links them, not even for us.
 * Written as RFC 9562 version 8 (custom) UUIDs, so they cannot be mistaken for the stable 40-hex ids.
 */
final class IdRotation {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Mac mac;

    private IdRotation(byte[] salt) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static IdRotation freshSalt() {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        return new IdRotation(salt);
    }

    /** For tests: a known salt. */
    static IdRotation withSalt(byte[] salt) {
        return new IdRotation(salt.clone());
    }

    String rotate(String stableUuid) {
        byte[] h = mac.doFinal(stableUuid.getBytes(StandardCharsets.UTF_8));
        h[6] = (byte) ((h[6] & 0x0f) | 0x80);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        String hex = HexFormat.of().formatHex(h, 0, 16);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }
}
