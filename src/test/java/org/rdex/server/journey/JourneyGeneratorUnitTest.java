package org.rdex.server.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class JourneyGeneratorUnitTest {

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
    void a_regular_journeys_return_leaves_after_its_outward_trip_arrives() {
        JourneyGenerator generator = new JourneyGenerator(13, "covoiturage.example.org", LocalDate.of(2026, 11, 23));
        int regular = 0;
        int oneWay = 0;
        for (int i = 0; i < 5000; i++) {
            JourneyPayload p = generator.next("r-" + i);
            if (!"regular".equals(p.frequency())) {
                continue;
            }
            regular++;
            for (JourneyPayload.Day day : p.regular().values()) {
                if (day.retMin() == null) {
                    oneWay++;
                    int slack = (day.depMax().toSecondOfDay() - day.depMin().toSecondOfDay()) / 60;
                    assertTrue(5 * 60 + slack + p.durationMinutes() + 60 > 23 * 60,
                            "journey " + p.id() + ": only a trip too long for a same-day return is one way");
                    continue;
                }
                int arrival = day.depMax().toSecondOfDay() / 60 + p.durationMinutes();
                assertTrue(arrival < 24 * 60, "journey " + p.id() + " arrives the same day");
                assertTrue(day.retMin().toSecondOfDay() / 60 >= arrival + 60, "journey " + p.id() + ": return at "
                        + day.retMin() + " before arrival + 1 h (" + day.depMax() + " + " + p.durationMinutes() + " min)");
                assertTrue(!day.retMax().isBefore(day.retMin()));
            }
        }
        assertTrue(regular > 1000, "regular " + regular);
        assertTrue(oneWay < regular / 4, "most regular journeys return: one way " + oneWay + " of " + regular);
    }

    @Test
    void same_seed_gives_same_journeys() {
        LocalDate today = LocalDate.of(2026, 11, 23);
        assertEquals(new JourneyGenerator(9, "s", today).next("a"), new JourneyGenerator(9, "s", today).next("a"));
    }
}
