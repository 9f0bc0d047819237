package org.rdex.server.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyFormatUnitTest {

    @Test
    void generated_keys_parse_back_to_their_id_and_secret() {
        KeyFormat.Parsed key = KeyFormat.generate();
        String text = KeyFormat.format(key);
        assertTrue(text.startsWith("rdex_" + key.id() + "_"));
        assertEquals(key, KeyFormat.parse(text).orElseThrow());
        assertNotEquals(key.secret(), KeyFormat.generate().secret());
        assertFalse(key.toString().contains(key.secret()), "the secret never reaches a log line");
    }

    @Test
    void rejects_anything_not_shaped_like_a_key() {
        String good = KeyFormat.format(KeyFormat.generate());
        assertTrue(KeyFormat.parse(good.substring(1)).isEmpty());
        assertTrue(KeyFormat.parse(good + "x").isEmpty());
        assertTrue(KeyFormat.parse(good.replace("rdex_", "RDEX_")).isEmpty());
        assertTrue(KeyFormat.parse("rdex_ZZZZZZZZZZZZZZZZ_" + "a".repeat(43)).isEmpty());
        assertTrue(KeyFormat.parse("rdex_0123456789abcdef_" + "a".repeat(42) + "\n").isEmpty());
        assertTrue(KeyFormat.parse(null).isEmpty());
    }

    @Test
    void parses_expiry_as_end_of_day_utc_or_an_instant() {
        assertEquals("2030-01-02T00:00:00Z", KeyService.parseExpiry("2030-01-01").toString());
        assertEquals("2030-01-01T10:00:00Z", KeyService.parseExpiry("2030-01-01T12:00:00+02:00").toString());
        assertEquals(null, KeyService.parseExpiry("tomorrow"));
    }
}
