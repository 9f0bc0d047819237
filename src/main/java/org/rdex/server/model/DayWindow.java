package org.rdex.server.model;

import java.time.LocalTime;

/** Departure and return windows of one weekday; any pair may be null. */
public record DayWindow(LocalTime depMin, LocalTime depMax, LocalTime retMin, LocalTime retMax) {

    public boolean isEmpty() {
        return depMin == null && depMax == null && retMin == null && retMax == null;
    }
}
