package org.rdex.server.search;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;

/**
 * A validated journey search. Dates and times are those of the journeys (local time, as RDEX has no
 * time zone). {@code toLat}/{@code toLon} are null when the caller searches from an origin only.
 *
 * @param daysMask   weekdays searched (bit ISO day - 1): those of the date range, narrowed by {@code days}
 * @param timeFrom   start of the departure window, inclusive
 * @param timeTo     end of the departure window, inclusive
 * @param windowGiven false when the caller gave no window: time then does not order results
 */
public record SearchRequest(double fromLat, double fromLon, double fromRadiusKm, Double toLat, Double toLon,
        double toRadiusKm, LocalDate dateFrom, LocalDate dateTo, LocalTime timeFrom, LocalTime timeTo,
        boolean windowGiven, Role role, Frequency frequency, int daysMask, int page, int size) {

    public enum Role {
        DRIVER, PASSENGER
    }

    public enum Frequency {
        PUNCTUAL, REGULAR, ANY
    }

    /** Parses query parameters (first value of each), naming every invalid one. */
    public static SearchRequest parse(Map<String, String> q, SearchConfig config, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        Parser p = new Parser(q, errors);
        Double fromLat = p.number("fromLat", -90, 90, true);
        Double fromLon = p.number("fromLon", -180, 180, true);
        Double toLat = p.number("toLat", -90, 90, false);
        Double toLon = p.number("toLon", -180, 180, false);
        if ((toLat == null) != (toLon == null) && !q.containsKey(toLat == null ? "toLat" : "toLon")) {
            errors.add(new FieldError(toLat == null ? "toLat" : "toLon", "is required with "
                    + (toLat == null ? "toLon" : "toLat")));
        }
        Double fromRadius = p.number("fromRadiusKm", 0.01, config.maxRadiusKm(), false);
        Double toRadius = p.number("toRadiusKm", 0.01, config.maxRadiusKm(), false);

        LocalDate date = p.parse("date", LocalDate::parse, "must be a date YYYY-MM-DD");
        LocalDate dateFrom = p.parse("dateFrom", LocalDate::parse, "must be a date YYYY-MM-DD");
        LocalDate dateTo = p.parse("dateTo", LocalDate::parse, "must be a date YYYY-MM-DD");
        if (date != null && (q.containsKey("dateFrom") || q.containsKey("dateTo"))) {
            errors.add(new FieldError("date", "give either date or dateFrom/dateTo"));
        }
        if (date != null) {
            dateFrom = date;
            dateTo = date;
        }
        if (dateFrom == null) {
            dateFrom = dateTo != null && dateTo.isBefore(today) ? dateTo : today;
        }
        if (dateTo == null) {
            dateTo = dateFrom.plusDays(config.maxDateRangeDays() - 1L);
        }
        if (dateTo.isBefore(dateFrom)) {
            errors.add(new FieldError("dateTo", "must not be before dateFrom"));
        } else if (ChronoUnit.DAYS.between(dateFrom, dateTo) >= config.maxDateRangeDays()) {
            errors.add(new FieldError("dateTo", "the date range is limited to " + config.maxDateRangeDays() + " days"));
        }

        LocalTime timeFrom = p.parse("timeFrom", LocalTime::parse, "must be a time HH:MM");
        LocalTime timeTo = p.parse("timeTo", LocalTime::parse, "must be a time HH:MM");
        boolean windowGiven = timeFrom != null || timeTo != null;
        timeFrom = timeFrom == null ? LocalTime.MIN : timeFrom;
        timeTo = timeTo == null ? LocalTime.MAX : timeTo;
        if (timeTo.isBefore(timeFrom)) {
            errors.add(new FieldError("timeTo", "must not be before timeFrom (search each side of midnight apart)"));
        }

        Role role = p.choice("role", Role.class, null);
        Frequency frequency = p.choice("frequency", Frequency.class, Frequency.ANY);
        int mask = 0;
        if (!errors.isEmpty() || dateTo.isBefore(dateFrom)) {
            mask = 0x7f;
        } else {
            for (LocalDate d = dateFrom; !d.isAfter(dateTo) && mask != 0x7f; d = d.plusDays(1)) {
                mask |= bit(d.getDayOfWeek());
            }
        }
        String days = q.get("days");
        if (days != null && !days.isBlank()) {
            int wanted = 0;
            for (String day : days.split(",")) {
                try {
                    wanted |= bit(DayOfWeek.valueOf(day.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("days", "must be weekday names separated by commas (monday,friday)"));
                    break;
                }
            }
            mask &= wanted;
        }
        Double page = p.number("page", 1, config.maxPage(), false);
        Double size = p.number("size", 1, config.maxPageSize(), false);
        if (page != null && page != Math.rint(page) || size != null && size != Math.rint(size)) {
            errors.add(new FieldError(page != null && page != Math.rint(page) ? "page" : "size", "must be a whole number"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        double defaultRadius = Math.min(config.defaultRadiusKm(), config.maxRadiusKm());
        return new SearchRequest(fromLat, fromLon, fromRadius == null ? defaultRadius : fromRadius, toLat, toLon,
                toRadius == null ? defaultRadius : toRadius, dateFrom, dateTo, timeFrom, timeTo, windowGiven, role,
                frequency, mask, page == null ? 1 : page.intValue(),
                size == null ? config.defaultPageSize() : size.intValue());
    }

    static int bit(DayOfWeek day) {
        return 1 << (day.getValue() - 1);
    }

    private record Parser(Map<String, String> q, List<FieldError> errors) {

        Double number(String name, double min, double max, boolean required) {
            String v = q.get(name);
            if (v == null || v.isBlank()) {
                if (required) {
                    errors.add(new FieldError(name, "is required"));
                }
                return null;
            }
            try {
                double d = Double.parseDouble(v.trim());
                if (Double.isFinite(d) && d >= min && d <= max) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            errors.add(new FieldError(name, "must be a number from " + fmt(min) + " to " + fmt(max)));
            return null;
        }

        <T> T parse(String name, Function<String, T> parser, String message) {
            String v = q.get(name);
            if (v == null || v.isBlank()) {
                return null;
            }
            try {
                return parser.apply(v.trim());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(name, message));
                return null;
            }
        }

        <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
            String v = q.get(name);
            if (v == null || v.isBlank()) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(name, "must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                        .map(c -> c.name().toLowerCase(Locale.ROOT)).toList()));
                return fallback;
            }
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
