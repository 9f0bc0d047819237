package org.rdex.server.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class JourneyGeneratorTest {

    @Test
    void generated_journeys_pass_the_platform_validation_and_mix_kinds_and_roles() {
        JourneyGenerator generator = new JourneyGenerator(5, "covoiturage.example.org", LocalDate.of(2026, 11, 23));
        int punctual = 0;
        int both = 0;
        for (int i = 0; i < 2000; i++) {
            JourneyPayload p = generator.next("g-" + i);
            assertEquals(java.util.List.of(), JourneyValidator.validate(p.id(), p), "journey " + i);
            assertTrue(p.route().size() >= 5 && p.route().size() <= 50);
            punctual += "punctual".equals(p.frequency()) ? 1 : 0;
            both += "both".equals(p.role()) ? 1 : 0;
        }
        assertTrue(punctual > 800 && punctual < 1600, "punctual " + punctual);
        assertTrue(both > 50, "both " + both);
    }

    @Test
    void same_seed_gives_same_journeys() {
        LocalDate today = LocalDate.of(2026, 11, 23);
        assertEquals(new JourneyGenerator(9, "s", today).next("a"), new JourneyGenerator(9, "s", today).next("a"));
    }
}
