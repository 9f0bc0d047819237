package org.rdex.server.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FormPairTest {

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
    void refuses_a_malformed_escape() {
        assertThrows(IllegalArgumentException.class, () -> FormPair.decode("id=%zz"));
        assertThrows(IllegalArgumentException.class, () -> FormPair.decode("id%4=1"));
    }
}
