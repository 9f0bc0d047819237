package org.rdex.server.protocol.rdexplus;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.rdex.server.common.ApiException;
import org.rdex.server.common.Texts;
import org.rdex.server.search.SearchRequest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The query of {@code GET /journeys} with the document's defaults: {@code carpoolerType=driver},
 * {@code frequency=punctual}, {@code departureDate} now, {@code timeDelta} 900 s, radii 1 km, {@code count}
 * unset (every match up to {@code rdex.rdexplus.max-results}). A parameter given twice is refused (which one
 * counts would be chance), as the other protocols refuse it; so are values out of range, non-finite numbers
 * and overlong texts. {@code regularSchedule}, an array of objects the document gives no query form for, is
 * read as JSON text ({@code [{"mondayTime":"07:30:00"}]}). Pure logic.
 *
 * @param role      null for {@code both}
 * @param schedules the UTC times asked per ISO weekday (index 0 = Monday), each with its margin; empty: any
 */
record RdexPlusQuery(double departureLat, double departureLng, double arrivalLat, double arrivalLng,
        SearchRequest.Role role, SearchRequest.Frequency frequency, long departureDate, Long maxDate,
        List<Slot> schedules, long timeDelta, double departureRadius, double arrivalRadius, Integer count) {

    static final int MAX_PARAMETERS = 40;
    static final int MAX_VALUE = 64;
    static final int MAX_SCHEDULE_TEXT = 4096;
    static final int MAX_SCHEDULES = 7;

    /** One asked departure: ISO weekday, UTC time of day, margin in seconds. */
    record Slot(int day, LocalTime time, long delta) {
    }

    static RdexPlusQuery parse(Map<String, List<String>> params, double maxRadius, long maxDelta, long now,
            ObjectMapper mapper) {
        if (params.size() > MAX_PARAMETERS) {
            throw RdexPlusErrors.invalid("query", "has more than " + MAX_PARAMETERS + " parameters");
        }
        Map<String, String> q = new HashMap<>();
        params.forEach((name, values) -> {
            if (values.size() > 1) {
                throw RdexPlusErrors.invalid(name.length() <= MAX_VALUE && !Texts.hasControlCharacters(name, false)
                        ? name : "query", "is given more than once");
            }
            q.put(name, values.isEmpty() ? "" : values.get(0));
        });
        double depLat = number(q, "departureLat", -90, 90, null);
        double depLng = number(q, "departureLng", -180, 180, null);
        double arrLat = number(q, "arrivalLat", -90, 90, null);
        double arrLng = number(q, "arrivalLng", -180, 180, null);
        SearchRequest.Role role = switch (choice(q, "carpoolerType", List.of("driver", "passenger", "both"), "driver")) {
        case "driver" -> SearchRequest.Role.DRIVER;
        case "passenger" -> SearchRequest.Role.PASSENGER;
        default -> null;
        };
        SearchRequest.Frequency frequency = switch (choice(q, "frequency", List.of("punctual", "regular", "both"),
                "punctual")) {
        case "regular" -> SearchRequest.Frequency.REGULAR;
        case "both" -> SearchRequest.Frequency.ANY;
        default -> SearchRequest.Frequency.PUNCTUAL;
        };
        // Up to the year 5000: beyond, no journey of ours runs, and a date that large overflows java.time.
        Long date = integer(q, "departureDate", 0, 95_617_584_000L);
        Long max = integer(q, "maxDate", 0, 95_617_584_000L);
        long start = date == null ? now : date;
        if (max != null && max < start) {
            throw RdexPlusErrors.invalid("maxDate", "is before departureDate");
        }
        Long delta = integer(q, "timeDelta", 0, maxDelta);
        long margin = delta == null ? 900 : delta;
        double depRadius = number(q, "departureRadius", 0, maxRadius, 1.0);
        double arrRadius = number(q, "arrivalRadius", 0, maxRadius, 1.0);
        Long count = integer(q, "count", 0, Integer.MAX_VALUE);
        List<Slot> slots = schedules(q.get("regularSchedule"), margin, maxDelta, mapper);
        return new RdexPlusQuery(depLat, depLng, arrLat, arrLng, role, frequency, start, max, slots, margin, depRadius,
                arrRadius, count == null ? null : count.intValue());
    }

    private static List<Slot> schedules(String text, long defaultDelta, long maxDelta, ObjectMapper mapper) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        if (text.length() > MAX_SCHEDULE_TEXT) {
            throw RdexPlusErrors.invalid("regularSchedule", "is longer than " + MAX_SCHEDULE_TEXT + " characters");
        }
        JsonNode root;
        try {
            root = mapper.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(text);
        } catch (Exception e) {
            throw RdexPlusErrors.invalid("regularSchedule", "is not a JSON array of WeekSchedule");
        }
        if (root == null || !root.isArray() || root.size() > MAX_SCHEDULES) {
            throw RdexPlusErrors.invalid("regularSchedule", "must be a JSON array of at most " + MAX_SCHEDULES
                    + " WeekSchedule objects");
        }
        List<Slot> slots = new ArrayList<>();
        for (JsonNode week : root) {
            if (!week.isObject()) {
                throw RdexPlusErrors.invalid("regularSchedule", "must hold WeekSchedule objects");
            }
            for (int day = 1; day <= 7; day++) {
                String name = RdexPlusService.DAY_NAMES.get(day - 1);
                JsonNode time = week.path(name + "Time");
                JsonNode d = week.path(name + "TimeDelta");
                if (time.isMissingNode() || time.isNull()) {
                    continue;
                }
                LocalTime at;
                try {
                    at = time.isTextual() && time.asText().length() <= 8 ? LocalTime.parse(time.asText()) : null;
                } catch (DateTimeParseException e) {
                    at = null;
                }
                if (at == null) {
                    throw RdexPlusErrors.invalid("regularSchedule", name + "Time must be a partial-time HH:MM:SS");
                }
                long margin = defaultDelta;
                if (!d.isMissingNode() && !d.isNull()) {
                    if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0 || d.asLong() > maxDelta) {
                        throw RdexPlusErrors.invalid("regularSchedule", name + "TimeDelta must be an integer from 0 to "
                                + maxDelta);
                    }
                    margin = d.asLong();
                }
                slots.add(new Slot(day, at, margin));
            }
        }
        return List.copyOf(slots);
    }

    private static String choice(Map<String, String> q, String name, List<String> allowed, String fallback) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        if (!allowed.contains(v)) {
            throw RdexPlusErrors.invalid(name, "must be one of " + String.join(", ", allowed));
        }
        return v;
    }

    private static double number(Map<String, String> q, String name, double min, double max, Double fallback) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            if (fallback != null) {
                return fallback;
            }
            throw RdexPlusErrors.missing(name);
        }
        if (v.length() <= MAX_VALUE) {
            try {
                double d = Double.parseDouble(v.strip());
                if (Double.isFinite(d) && d >= min && d <= max) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw RdexPlusErrors.invalid(name, "must be a number from " + fmt(min) + " to " + fmt(max));
    }

    private static Long integer(Map<String, String> q, String name, long min, long max) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.length() <= MAX_VALUE) {
            try {
                long l = Long.parseLong(v.strip());
                if (l >= min && l <= max) {
                    return l;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw RdexPlusErrors.invalid(name, "must be an integer from " + min + " to " + max);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
