package org.rdex.server.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class FormPairUnitTest {

    @Test
    void decodes_percent_escapes_and_plus_as_utf8() {
        assertEquals(new FormPair("from", "Sam <sam@example.net>"), FormPair.decode("from=Sam+%3Csam%40example.net%3E"));
        assertEquals(new FormPair("ville", "Bègles"), FormPair.decode("ville=B%C3%A8gles"));
    }

    @Test
    void a_pair_without_equals_is_a_name_with_an_empty_value() {
        assertEquals(new FormPair("flag", ""), FormPair.decode("flag"));
        assertEquals(new FormPair("a", "b=c"), FormPair.decode("a=b=c"));
    }

    @Test
    void decodes_the_escapes_in_the_charset_given() {
        assertEquals(new FormPair("message", "café"), FormPair.decode("message=caf%E9", StandardCharsets.ISO_8859_1));
        assertEquals(new FormPair("message", "café"), FormPair.decode("message=café", StandardCharsets.ISO_8859_1));
        assertEquals(new FormPair("message", "café é"), FormPair.decode("message=café+%C3%A9", StandardCharsets.UTF_8));
    }

    @Test
    void refuses_bytes_that_are_not_in_the_charset_instead_of_replacing_them() {
        assertThrows(IllegalArgumentException.class, () -> FormPair.decode("message=caf%E9"));
        assertThrows(IllegalArgumentException.class, () -> FormPair.decode("caf%E9=x", StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> FormPair.decode("message=%C3", StandardCharsets.UTF_8));
    }

    @Test
    void refuses_a_malformed_escape() {
        assertThrows(IllegalArgumentException.class, () -> FormPair.decode("id=%zz"));
        assertThrows(IllegalArgumentException.class, () -> FormPair.decode("id%4=1"));
    }
}
