package org.rdex.server.search;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The searched window in whole minutes of the day, as the journeys' windows are stored (seconds dropped on
 * both sides, so no window is missed), and the ISO numbers (1 = Monday) of the searched weekdays.
 */
record SearchedTime(int fromMinute, int toMinute, List<Integer> days) {

    static SearchedTime of(SearchRequest r) {
        return new SearchedTime(r.timeFrom().toSecondOfDay() / 60, r.timeTo().toSecondOfDay() / 60,
                isoDays(r.daysMask()));
    }

    /** The ISO day numbers whose bit (ISO day - 1) is set in {@code mask}, Monday first. */
    static List<Integer> isoDays(int mask) {
        List<Integer> days = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            if ((mask & SearchRequest.bit(d)) != 0) {
                days.add(d.getValue());
            }
        }
        return days;
    }

    /**
     * Twice the middle of the window, in minutes, rounded: a journey's window {@code lo..hi} is then
     * {@code |lo + hi - twiceMiddle|} half minutes from it, in integers only.
     */
    static int twiceMiddle(LocalTime from, LocalTime to) {
        return (int) Math.round((from.toSecondOfDay() + (double) to.toSecondOfDay()) / 60);
    }
}
