package org.rdex.server.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The one intake rule of a partner's journey, whichever way it comes. */
class JourneyIntakeUnitTest {

    private static SharedJourney.Builder journey() {
        return SharedJourney.builder().operator("op").site("site.example").uuid("u-1")
                .from(new SharedJourney.Place("A", null, null, null, 45, 5, null))
                .to(new SharedJourney.Place("B", null, null, null, 46, 6, null)).driver(true)
                .activeFrom(LocalDate.of(2099, 1, 1)).activeTo(LocalDate.of(2099, 1, 1));
    }

    @Test
    void seats_out_of_the_one_range_are_dropped_not_the_journey() {
        assertEquals(0, JourneyIntake.seats(0));
        assertEquals(FieldLimits.MAX_SEATS, JourneyIntake.seats(FieldLimits.MAX_SEATS));
        assertNull(JourneyIntake.seats(FieldLimits.MAX_SEATS + 1));
        assertNull(JourneyIntake.seats(-1));
        JourneyIntake.Accepted accepted = assertInstanceOf(JourneyIntake.Accepted.class,
                JourneyIntake.check(journey().seats(32767).build()));
        assertNull(accepted.journey().seats());
    }

    @Test
    void a_value_beyond_its_limit_or_a_point_off_the_globe_refuses_the_journey_with_reasons() {
        JourneyIntake.Rejected rejected = assertInstanceOf(JourneyIntake.Rejected.class, JourneyIntake.check(
                journey().pseudonym("x".repeat(FieldLimits.SHORT_TEXT + 1))
                        .to(new SharedJourney.Place("B", null, null, null, 91, 6, null)).build()));
        assertEquals(List.of("name longer than 200 characters", "to coordinates off the globe"), rejected.reasons());
        assertTrue(JourneyIntake.validPoint(-90.0, 180.0));
        assertFalse(JourneyIntake.validPoint(null, 0.0));
        assertFalse(JourneyIntake.validPoint(0.0, -180.5));
    }
}
