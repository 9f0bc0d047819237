package org.rdex.server.journey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rdex.server.model.DayWindow;

/** The per-weekday windows the search reads (V23), as minutes of the day. */
class ScheduleWindowsUnitTest {

    private static LocalTime t(String hhmm) {
        return LocalTime.parse(hhmm);
    }

    @Test
    void regular_windows_sit_at_their_iso_weekday_in_minutes_and_other_days_are_null() {
        Schedule.Windows w = Schedule.windows(Map.of(
                DayOfWeek.MONDAY, new DayWindow(t("07:30"), t("08:00"), t("17:30"), t("18:15")),
                DayOfWeek.SUNDAY, new DayWindow(t("10:00"), t("10:45"), null, null)));
        assertArrayEquals(new Short[] { 450, null, null, null, null, null, 600 }, w.depLo());
        assertArrayEquals(new Short[] { 480, null, null, null, null, null, 645 }, w.depHi());
        assertArrayEquals(new Short[] { 1050, null, null, null, null, null, null }, w.retLo());
        assertArrayEquals(new Short[] { 1095, null, null, null, null, null, null }, w.retHi());
    }

    @Test
    void a_window_with_one_end_gives_it_to_both() {
        Schedule.Windows w = Schedule.windows(Map.of(
                DayOfWeek.TUESDAY, new DayWindow(null, t("09:15"), t("23:59"), null)));
        assertArrayEquals(new Short[] { null, 555, null, null, null, null, null }, w.depLo());
        assertArrayEquals(new Short[] { null, 555, null, null, null, null, null }, w.depHi());
        assertArrayEquals(new Short[] { null, 1439, null, null, null, null, null }, w.retLo());
        assertArrayEquals(new Short[] { null, 1439, null, null, null, null, null }, w.retHi());
    }

    @Test
    void no_return_on_any_day_is_a_null_array_not_seven_nulls() {
        Schedule.Windows w = Schedule.windows(Map.of(DayOfWeek.FRIDAY, new DayWindow(t("06:00"), t("06:30"), null, null)));
        assertNull(w.retLo());
        assertNull(w.retHi());
        Schedule.Windows none = Schedule.windows(Map.of());
        assertNull(none.depLo());
        assertNull(none.depHi());
    }

    @Test
    void seconds_are_dropped() {
        Schedule.Windows w = Schedule.windows(Map.of(DayOfWeek.MONDAY,
                new DayWindow(t("08:00:59"), t("08:30:01"), null, null)));
        assertArrayEquals(new Short[] { 480, null, null, null, null, null, null }, w.depLo());
        assertArrayEquals(new Short[] { 510, null, null, null, null, null, null }, w.depHi());
    }

    @Test
    void a_punctual_journey_fills_the_weekday_of_its_date_and_has_no_return() {
        LocalDate thursday = LocalDate.of(2026, 1, 1);
        Schedule.Windows w = Schedule.windows(thursday, t("08:05"), t("08:35"));
        assertArrayEquals(new Short[] { null, null, null, 485, null, null, null }, w.depLo());
        assertArrayEquals(new Short[] { null, null, null, 515, null, null, null }, w.depHi());
        assertNull(w.retLo());
        assertNull(w.retHi());
        assertArrayEquals(new Short[] { null, null, null, 485, null, null, null },
                Schedule.windows(thursday, t("08:05"), null).depHi());
        assertNull(Schedule.windows(thursday, null, null).depLo());
    }

    @Test
    void envelopes_span_the_earliest_start_and_latest_end_of_the_week() {
        Schedule.Windows w = Schedule.windows(Map.of(
                DayOfWeek.MONDAY, new DayWindow(t("07:30"), t("08:00"), t("17:30"), t("18:15")),
                DayOfWeek.WEDNESDAY, new DayWindow(t("09:00"), t("09:10"), null, null),
                DayOfWeek.SUNDAY, new DayWindow(t("06:00"), t("06:30"), t("19:00"), t("19:05"))));
        assertEquals((short) 360, w.depLoMin());
        assertEquals((short) 550, w.depHiMax());
        assertEquals((short) 1050, w.retLoMin());
        assertEquals((short) 1145, w.retHiMax());
        Schedule.Windows outwardOnly = Schedule.windows(Map.of(DayOfWeek.FRIDAY,
                new DayWindow(t("06:00"), t("06:30"), null, null)));
        assertNull(outwardOnly.retLoMin());
        assertNull(outwardOnly.retHiMax());
    }

    @Test
    void derivable_schedules_come_back_unchanged_from_their_windows() {
        Map<DayOfWeek, DayWindow> days = Map.of(
                DayOfWeek.MONDAY, new DayWindow(t("07:30"), t("08:00"), t("17:30"), t("18:15")),
                DayOfWeek.WEDNESDAY, new DayWindow(null, null, t("19:00"), t("19:05")),
                DayOfWeek.SUNDAY, new DayWindow(t("10:00"), t("09:45"), null, null));
        assertTrue(Schedule.derivable(days));
        Schedule.Windows w = Schedule.windows(days);
        Map<DayOfWeek, DayWindow> back = Schedule.fromWindows(w.depLo(), w.depHi(), w.retLo(), w.retHi());
        assertEquals(days, back);
        assertEquals(List.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.SUNDAY), List.copyOf(back.keySet()));
        assertTrue(Schedule.derivable(Map.of()));
        assertEquals(Map.of(), Schedule.fromWindows(null, null, null, null));
    }

    @Test
    void schedules_the_windows_would_alter_are_not_derivable() {
        assertFalse(Schedule.derivable(Map.of(DayOfWeek.MONDAY, new DayWindow(t("07:30"), null, null, null))));
        assertFalse(Schedule.derivable(Map.of(DayOfWeek.MONDAY,
                new DayWindow(t("07:30"), t("08:00"), null, t("18:00")))));
        assertFalse(Schedule.derivable(Map.of(DayOfWeek.MONDAY, new DayWindow(t("07:30:10"), t("08:00"), null, null))));
        assertFalse(Schedule.derivable(Map.of(DayOfWeek.MONDAY, new DayWindow(null, null, null, null))));
    }
}
