package org.rdex.server.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CallerUnitTest {

    private final Caller caller = new Caller("k1", 7, "Acme", List.of("https://www.acme.example/", "covoit.example"), null);

    @Test
    void owns_a_registered_site_given_as_name_or_url() {
        assertTrue(caller.owns("acme.example"));
        assertTrue(caller.owns("https://ACME.example/path"));
        assertTrue(caller.owns("covoit.example."));
    }

    @Test
    void does_not_own_another_site_nor_a_malformed_one() {
        assertFalse(caller.owns("other.example"));
        assertFalse(caller.owns("sub.acme.example"));
        assertFalse(caller.owns("not a host"));
        assertFalse(caller.owns(null));
    }
}
