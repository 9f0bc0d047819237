package org.rdex.server.protocol.standard;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;

/**
 * The query parameters of the standard's search routes, with its defaults: radii 1 km, {@code timeDelta} 900
 * s, weekdays all, {@code count} unset (every match, up to {@code rdex.standard.max-results}). Pure logic.
 */
record StandardQuery(double departureLat, double departureLng, double arrivalLat, double arrivalLng,
        double departureRadius, double arrivalRadius, long timeDelta, Integer count, Long departureDate,
        LocalTime departureTimeOfDay, int weekdays, Long minDepartureDate, Long maxDepartureDate) {

    static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    static StandardQuery journeys(Map<String, String> q, double maxRadius, long maxDelta) {
        Long date = integer(q, "departureDate", true, 0, Long.MAX_VALUE);
        return common(q, maxRadius, maxDelta, date, null, 0x7f, null, null);
    }

    static StandardQuery regularTrips(Map<String, String> q, double maxRadius, long maxDelta) {
        String time = q.get("departureTimeOfDay");
        if (time == null || time.isBlank()) {
            throw invalid("departureTimeOfDay", "is required");
        }
        LocalTime timeOfDay;
        try {
            timeOfDay = LocalTime.parse(time.trim());
        } catch (DateTimeParseException e) {
            throw invalid("departureTimeOfDay", "must be a partial-time HH:MM:SS");
        }
        int mask = 0x7f;
        String days = q.get("departureWeekdays");
        if (days != null && !days.isBlank()) {
            mask = 0;
            for (String day : days.split(",")) {
                int i = DAYS.indexOf(day.trim().toUpperCase(Locale.ROOT));
                if (i < 0) {
                    throw invalid("departureWeekdays", "must be days among MON,TUE,WED,THU,FRI,SAT,SUN");
                }
                mask |= 1 << i;
            }
        }
        Long min = integer(q, "minDepartureDate", false, 0, Long.MAX_VALUE);
        Long max = integer(q, "maxDepartureDate", false, 0, Long.MAX_VALUE);
        if (min != null && max != null && max < min) {
            throw invalid("maxDepartureDate", "is before minDepartureDate");
        }
        return common(q, maxRadius, maxDelta, null, timeOfDay, mask, min, max);
    }

    private static StandardQuery common(Map<String, String> q, double maxRadius, long maxDelta, Long date,
            LocalTime timeOfDay, int weekdays, Long min, Long max) {
        double depLat = number(q, "departureLat", -90, 90, null);
        double depLng = number(q, "departureLng", -180, 180, null);
        double arrLat = number(q, "arrivalLat", -90, 90, null);
        double arrLng = number(q, "arrivalLng", -180, 180, null);
        double depRadius = number(q, "departureRadius", 0, maxRadius, 1.0);
        double arrRadius = number(q, "arrivalRadius", 0, maxRadius, 1.0);
        Long delta = integer(q, "timeDelta", false, 0, maxDelta);
        Long count = integer(q, "count", false, 0, Integer.MAX_VALUE);
        return new StandardQuery(depLat, depLng, arrLat, arrLng, depRadius, arrRadius, delta == null ? 900 : delta,
                count == null ? null : count.intValue(), date, timeOfDay, weekdays, min, max);
    }

    private static double number(Map<String, String> q, String name, double min, double max, Double fallback) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            if (fallback != null) {
                return fallback;
            }
            throw invalid(name, "is required");
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isFinite(d) && d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, "must be a number from " + fmt(min) + " to " + fmt(max));
    }

    private static Long integer(Map<String, String> q, String name, boolean required, long min, long max) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            if (required) {
                throw invalid(name, "is required");
            }
            return null;
        }
        try {
            long l = Long.parseLong(v.trim());
            if (l >= min && l <= max) {
                return l;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, "must be an integer from " + min + " to " + max);
    }

    static ApiException invalid(String field, String message) {
        return new ApiException(400, "invalid_input", field + " " + message, List.of(new FieldError(field, message)),
                Map.of());
    }

    static int bit(DayOfWeek day) {
        return 1 << (day.getValue() - 1);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
