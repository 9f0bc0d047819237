package org.rdex.server.model;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;

/**
 * One journey as it is shared with partners, whatever the protocol (RDEX 1.0 files, RDEX 1.2 JSON,
 * standard-covoiturage): the unit exports stream out and imports stream in. It holds only what may leave
 * the server: no owner reference, no e-mail. Formats map to and from it; it depends on none of them.
 *
 * <p>Optional values are {@code null}. {@code route} is kept as the RDEX text form
 * {@code lat,lon;lat,lon;...} so that partner routes can be stored as received.
 */
public record SharedJourney(
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
