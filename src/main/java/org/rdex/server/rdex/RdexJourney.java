package org.rdex.server.rdex;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;

/**
 * One journey as RDEX 1.0 describes it: the unit the writer streams out and the reader streams in.
 * It holds only what may leave the server: no owner reference, no e-mail.
 *
 * <p>Optional values are {@code null}. {@code route} is kept as the RDEX text form
 * {@code lat,lon;lat,lon;...} so that partner routes can be stored as received.
 */
public record RdexJourney(
        String operator,
        String site,
        String uuid,
        Place from,
        Place to,
        BigDecimal kilometers,
        Integer minutes,
        String route,
        String url,
        String name,
        String image,
        BigDecimal cost,
        String vehicleModel,
        String vehicleColour,
        boolean driver,
        boolean passenger,
        Integer seats,
        LocalDate activeFrom,
        LocalDate activeTo,
        String details,
        Punctual punctual,
        Regular regular) {

    /** Departure or arrival point. {@code lat}/{@code lon} are WGS84 degrees. */
    public record Place(String location, String insee, String postalCode, String address,
            double lat, double lon, String country) {
    }

    /** A one-off journey: a date and a departure window. */
    public record Punctual(LocalDate date, LocalTime minTime, LocalTime maxTime) {
    }

    /** Departure and return windows of one weekday; any pair may be null. */
    public record DayWindow(LocalTime depMin, LocalTime depMax, LocalTime retMin, LocalTime retMax) {
        public boolean isEmpty() {
            return depMin == null && depMax == null && retMin == null && retMax == null;
        }
    }

    /** A regular journey: windows per weekday; days absent from the map are not travelled. */
    public record Regular(Map<DayOfWeek, DayWindow> days) {
        public Regular {
            EnumMap<DayOfWeek, DayWindow> copy = new EnumMap<>(DayOfWeek.class);
            if (days != null) {
                copy.putAll(days);
            }
            days = java.util.Collections.unmodifiableMap(copy);
        }
    }

    public boolean isPunctual() {
        return punctual != null;
    }
}
