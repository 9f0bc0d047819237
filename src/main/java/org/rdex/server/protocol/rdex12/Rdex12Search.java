package org.rdex.server.protocol.rdex12;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.rdex.server.search.SearchConfig;
import org.rdex.server.search.SearchRequest;

/**
 * Mobicoop's {@code p[...]} query of {@code GET /rdex/journeys} as one of our searches. Pure logic.
 *
 * <ul>
 * <li>{@code p[driver][state]}/{@code p[passenger][state]} (0/1): drivers, passengers, or both when both are
 * 1; both 0 means drivers, as at Mobicoop.
 * <li>{@code p[frequency]}: {@code punctual} (default) finds every journey running on the dates, regular ones
 * included; {@code regular} only regular journeys.
 * <li>{@code p[outward][mindate]}/{@code [maxdate]}: default today; a past date or mindate after maxdate is
 * 400.
 * <li>{@code p[outward][<day>][mintime]}/{@code [maxtime]}: the departure window; several days' windows are
 * searched as their envelope; one bound alone leaves the window open on the other side (Mobicoop's client
 * sends {@code mintime} alone).
 * <li>{@code p[days][<day>]}: weekdays searched, narrowing those of the dates; all 0 (what Mobicoop's client
 * sends when its user chose none) is no filter.
 * </ul>
 */
final class Rdex12Search {

    /** Mandatory, in Mobicoop's order: the first one missing is named. */
    static final List<String> MANDATORY = List.of("timestamp", "apikey", "p", "signature", "p[driver][state]",
            "p[passenger][state]", "p[from][longitude]", "p[from][latitude]", "p[to][longitude]", "p[to][latitude]");

    private Rdex12Search() {
    }

    /** The first mandatory parameter missing, as a 400 {@code missing_mandatory_field}; nothing when all are there. */
    static void requireMandatory(QueryPairs q) {
        for (String name : MANDATORY) {
            boolean present = name.equals("p") ? q.hasPrefix("p[") : q.has(name);
            if (!present) {
                throw QueryPairs.missing(name);
            }
        }
    }

    /** Whether the request returns {@code return} windows ({@code p[return][...]} given). */
    static boolean wantsReturn(QueryPairs q) {
        return q.hasPrefix("p[return]");
    }

    static SearchRequest parse(QueryPairs q, Rdex12Config config, SearchConfig search, LocalDate today) {
        boolean driver = state(q, "p[driver][state]");
        boolean passenger = state(q, "p[passenger][state]");
        SearchRequest.Role role = driver && passenger ? null
                : passenger ? SearchRequest.Role.PASSENGER : SearchRequest.Role.DRIVER;
        double fromLat = coordinate(q, "p[from][latitude]", 90);
        double fromLon = coordinate(q, "p[from][longitude]", 180);
        double toLat = coordinate(q, "p[to][latitude]", 90);
        double toLon = coordinate(q, "p[to][longitude]", 180);

        String frequency = q.get("p[frequency]");
        boolean regular;
        if (frequency == null || frequency.isBlank() || frequency.trim().equalsIgnoreCase("punctual")) {
            regular = false;
        } else if (frequency.trim().equalsIgnoreCase("regular")) {
            regular = true;
        } else {
            throw QueryPairs.invalid("p[frequency]", "must be punctual or regular");
        }

        LocalDate min = date(q, "p[outward][mindate]");
        LocalDate max = date(q, "p[outward][maxdate]");
        if (min == null) {
            min = max != null && max.isBefore(today) ? max : today;
        }
        if (max == null) {
            max = regular ? min.plusDays(search.maxDateRangeDays() - 1L) : min;
        }
        if (min.isBefore(today)) {
            throw QueryPairs.invalid("p[outward][mindate]", "is in the past");
        }
        if (max.isBefore(min)) {
            throw QueryPairs.invalid("p[outward][maxdate]", "is before mindate");
        }
        if (ChronoUnit.DAYS.between(min, max) >= search.maxDateRangeDays()) {
            throw QueryPairs.invalid("p[outward][maxdate]", "the date range is limited to "
                    + search.maxDateRangeDays() + " days");
        }

        int mask = 0;
        for (LocalDate d = min; !d.isAfter(max) && mask != 0x7f; d = d.plusDays(1)) {
            mask |= bit(d.getDayOfWeek());
        }
        int daysGiven = 0;
        boolean anyDayParameter = false;
        LocalTime from = null;
        LocalTime to = null;
        int timedDays = 0;
        for (DayOfWeek day : DayOfWeek.values()) {
            String name = day.name().toLowerCase(Locale.ROOT);
            String flag = q.get("p[days][" + name + "]");
            if (flag != null && !flag.isBlank()) {
                anyDayParameter = true;
                if (state(q, "p[days][" + name + "]")) {
                    daysGiven |= bit(day);
                }
            }
            LocalTime mintime = time(q, "p[outward][" + name + "][mintime]");
            LocalTime maxtime = time(q, "p[outward][" + name + "][maxtime]");
            if (mintime != null || maxtime != null) {
                // One bound alone is open on the other side, as Mobicoop reads it: its client sends only
                // mintime when its user gives a time.
                LocalTime dayFrom = mintime == null ? LocalTime.MIN : mintime;
                LocalTime dayTo = maxtime == null ? LocalTime.MAX : maxtime;
                if (dayTo.isBefore(dayFrom)) {
                    throw QueryPairs.invalid("p[outward][" + name + "][maxtime]", "is before mintime");
                }
                timedDays |= bit(day);
                from = from == null || dayFrom.isBefore(from) ? dayFrom : from;
                to = to == null || dayTo.isAfter(to) ? dayTo : to;
            }
        }
        // Every day 0 is what Mobicoop's client sends when its user chose no day: no filter, as at Mobicoop,
        // which filters on the days set to 1 only.
        if (anyDayParameter && daysGiven != 0) {
            mask &= daysGiven;
        }
        if (timedDays != 0) {
            mask &= timedDays;
        }
        double radius = Math.min(config.radiusKm(), search.maxRadiusKm());
        int size = Math.max(1, Math.min(config.maxResults(), search.maxPageSize()));
        return new SearchRequest(fromLat, fromLon, radius, toLat, toLon, radius, min, max,
                from == null ? LocalTime.MIN : from, to == null ? LocalTime.MAX : to, from != null, role,
                regular ? SearchRequest.Frequency.REGULAR : SearchRequest.Frequency.ANY, mask, 1, size);
    }

    static int bit(DayOfWeek day) {
        return 1 << (day.getValue() - 1);
    }

    private static boolean state(QueryPairs q, String name) {
        String v = q.get(name).trim();
        if (v.equals("1")) {
            return true;
        }
        if (v.equals("0")) {
            return false;
        }
        throw QueryPairs.invalid(name, "must be 0 or 1");
    }

    private static double coordinate(QueryPairs q, String name, double bound) {
        try {
            double d = Double.parseDouble(q.get(name).trim());
            if (Double.isFinite(d) && d >= -bound && d <= bound) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw QueryPairs.invalid(name, "must be decimal degrees from -" + (int) bound + " to " + (int) bound);
    }

    private static LocalDate date(QueryPairs q, String name) {
        return parsed(q, name, LocalDate::parse, "must be a date YYYY-MM-DD");
    }

    private static LocalTime time(QueryPairs q, String name) {
        return parsed(q, name, LocalTime::parse, "must be a time HH:MM:SS");
    }

    /** The parameter parsed, null when absent or blank; unparsable, refused with {@code expected}. */
    private static <T> T parsed(QueryPairs q, String name, Function<String, T> parse, String expected) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return parse.apply(v.trim());
        } catch (DateTimeParseException e) {
            throw QueryPairs.invalid(name, expected);
        }
    }
}
