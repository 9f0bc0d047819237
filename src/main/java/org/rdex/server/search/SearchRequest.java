package org.rdex.server.search;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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

    /** Every weekday in a {@link #daysMask}. */
    static final int ALL_DAYS = 0x7f;

    /**
     * Checks the query parameters, naming every invalid one in one {@code ApiException} (400), and fills in the
     * defaults: today and the longest range for dates, the whole day for the window, the configured radius and
     * page size.
     *
     * @param sent the names in the query string, empty values included: RESTEasy binds {@code ?dateFrom=} as
     *             absent, yet a parameter sent empty still counts as given where only its presence matters
     */
    public static SearchRequest parse(SearchQuery q, Set<String> sent, SearchConfig config, LocalDate today) {
        Checks check = new Checks();
        Double fromLat = check.number("fromLat", q.fromLat(), -90, 90, true);
        Double fromLon = check.number("fromLon", q.fromLon(), -180, 180, true);
        Double toLat = check.number("toLat", q.toLat(), -90, 90, false);
        Double toLon = check.number("toLon", q.toLon(), -180, 180, false);
        check.destinationComplete(sent, toLat, toLon);
        Double fromRadius = check.number("fromRadiusKm", q.fromRadiusKm(), 0.01, config.maxRadiusKm(), false);
        Double toRadius = check.number("toRadiusKm", q.toRadiusKm(), 0.01, config.maxRadiusKm(), false);
        Dates dates = dates(q, sent, config, today, check);
        Window window = window(q, check);
        Role role = check.choice("role", q.role(), Role.class, null);
        Frequency frequency = check.choice("frequency", q.frequency(), Frequency.class, Frequency.ANY);
        int mask = weekdays(dates) & check.days(q.days());
        Double page = check.number("page", q.page(), 1, config.maxPage(), false);
        Double size = check.number("size", q.size(), 1, config.maxPageSize(), false);
        check.wholeNumbers(page, size);
        check.throwIfAny();
        double defaultRadius = Math.min(config.defaultRadiusKm(), config.maxRadiusKm());
        return new SearchRequest(fromLat, fromLon, fromRadius == null ? defaultRadius : fromRadius, toLat, toLon,
                toRadius == null ? defaultRadius : toRadius, dates.from(), dates.to(), window.from(), window.to(),
                window.given(), role, frequency, mask, page == null ? 1 : page.intValue(),
                size == null ? config.defaultPageSize() : size.intValue());
    }

    /**
     * {@code live}: true or false (the default), checked apart because it chooses the service rather than the
     * journeys. Sent empty, it is neither.
     */
    public static boolean live(SearchQuery q, Set<String> sent) {
        String live = q.live() != null ? q.live().trim() : sent.contains("live") ? "" : "false";
        if (!live.equals("true") && !live.equals("false")) {
            throw ApiException.invalid(List.of(new FieldError("live", "must be true or false")));
        }
        return live.equals("true");
    }

    private record Dates(LocalDate from, LocalDate to) {
    }

    private record Window(LocalTime from, LocalTime to, boolean given) {
    }

    /** One {@code date}, or {@code dateFrom}..{@code dateTo} each defaulted, within the longest range. */
    private static Dates dates(SearchQuery q, Set<String> sent, SearchConfig config, LocalDate today, Checks check) {
        LocalDate date = check.parse("date", q.date(), LocalDate::parse, "must be a date YYYY-MM-DD");
        LocalDate from = check.parse("dateFrom", q.dateFrom(), LocalDate::parse, "must be a date YYYY-MM-DD");
        LocalDate to = check.parse("dateTo", q.dateTo(), LocalDate::parse, "must be a date YYYY-MM-DD");
        if (date != null && (sent.contains("dateFrom") || sent.contains("dateTo"))) {
            check.fail("date", "give either date or dateFrom/dateTo");
        }
        if (date != null) {
            from = date;
            to = date;
        }
        if (from == null) {
            from = to != null && to.isBefore(today) ? to : today;
        }
        if (to == null) {
            to = from.plusDays(config.maxDateRangeDays() - 1L);
        }
        if (to.isBefore(from)) {
            check.fail("dateTo", "must not be before dateFrom");
        } else if (ChronoUnit.DAYS.between(from, to) >= config.maxDateRangeDays()) {
            check.fail("dateTo", "the date range is limited to " + config.maxDateRangeDays() + " days");
        }
        return new Dates(from, to);
    }

    /** The departure window within one day; the whole day when not given. */
    private static Window window(SearchQuery q, Checks check) {
        LocalTime from = check.parse("timeFrom", q.timeFrom(), LocalTime::parse, "must be a time HH:MM");
        LocalTime to = check.parse("timeTo", q.timeTo(), LocalTime::parse, "must be a time HH:MM");
        boolean given = from != null || to != null;
        from = from == null ? LocalTime.MIN : from;
        to = to == null ? LocalTime.MAX : to;
        if (to.isBefore(from)) {
            check.fail("timeTo", "must not be before timeFrom (search each side of midnight apart)");
        }
        return new Window(from, to, given);
    }

    /** Weekdays (see {@link #bit}) the date range covers; a reversed range is refused elsewhere. */
    private static int weekdays(Dates dates) {
        int mask = 0;
        for (LocalDate d = dates.from(); !d.isAfter(dates.to()) && mask != ALL_DAYS; d = d.plusDays(1)) {
            mask |= bit(d.getDayOfWeek());
        }
        return mask;
    }

    static int bit(DayOfWeek day) {
        return 1 << (day.getValue() - 1);
    }

    /** Collects every invalid parameter, so that one answer names them all. */
    private static final class Checks {

        private final List<FieldError> errors = new ArrayList<>();

        void fail(String name, String message) {
            errors.add(new FieldError(name, message));
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
        }

        Double number(String name, String v, double min, double max, boolean required) {
            if (v == null || v.isBlank()) {
                if (required) {
                    fail(name, "is required");
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
            fail(name, "must be a number from " + fmt(min) + " to " + fmt(max));
            return null;
        }

        /** A destination needs both coordinates; one given alone (and valid) names the other unless it was sent. */
        void destinationComplete(Set<String> sent, Double toLat, Double toLon) {
            if ((toLat == null) != (toLon == null) && !sent.contains(toLat == null ? "toLat" : "toLon")) {
                fail(toLat == null ? "toLat" : "toLon", "is required with " + (toLat == null ? "toLon" : "toLat"));
            }
        }

        <T> T parse(String name, String v, Function<String, T> parser, String message) {
            if (v == null || v.isBlank()) {
                return null;
            }
            try {
                return parser.apply(v.trim());
            } catch (DateTimeParseException e) {
                fail(name, message);
                return null;
            }
        }

        <E extends Enum<E>> E choice(String name, String v, Class<E> type, E fallback) {
            if (v == null || v.isBlank()) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                fail(name, "must be one of " + Arrays.stream(type.getEnumConstants())
                        .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
                return fallback;
            }
        }

        /** {@code days}: weekday names separated by commas; every day when absent. */
        int days(String days) {
            if (days == null || days.isBlank()) {
                return ALL_DAYS;
            }
            int wanted = 0;
            for (String day : days.split(",")) {
                try {
                    wanted |= bit(DayOfWeek.valueOf(day.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    fail("days", "must be weekday names separated by commas (monday,friday)");
                    return ALL_DAYS;
                }
            }
            return wanted;
        }

        /** One error at most, naming {@code page} before {@code size}. */
        void wholeNumbers(Double page, Double size) {
            boolean pageFraction = page != null && page != Math.rint(page);
            if (pageFraction || size != null && size != Math.rint(size)) {
                fail(pageFraction ? "page" : "size", "must be a whole number");
            }
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
