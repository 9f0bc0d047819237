package org.rdex.server.protocol.rdex12;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.rdex.server.search.SearchResult;

/**
 * One search result as RDEX 1.2 journey JSON: every key of Mobicoop's object, in its order, {@code null} when
 * unknown. The carpooler's {@code uuid} is the journey's (a pseudonym per journey: our user ids never leave),
 * {@code gender} is null (we do not hold it), {@code persons} 0 as at Mobicoop, {@code driver.seats} 0 for a
 * passenger-only journey. Pure logic.
 */
final class Rdex12Journey {

    private Rdex12Journey() {
    }

    static Map<String, Object> of(SearchResult.Item item, boolean withReturn) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("uuid", item.uuid());
        j.put("operator", item.operator());
        j.put("origin", item.site());
        j.put("url", item.url());
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("uuid", item.uuid());
        driver.put("alias", item.pseudonym());
        driver.put("image", null);
        driver.put("gender", null);
        // Always a number, as Mobicoop sends it: a passenger-only journey offers no seat.
        driver.put("seats", item.driver() && item.seats() != null ? item.seats() : 0);
        driver.put("state", item.driver() ? 1 : 0);
        j.put("driver", driver);
        Map<String, Object> passenger = new LinkedHashMap<>();
        passenger.put("uuid", item.uuid());
        passenger.put("alias", item.pseudonym());
        passenger.put("image", null);
        passenger.put("gender", null);
        passenger.put("persons", 0);
        passenger.put("state", item.passenger() ? 1 : 0);
        j.put("passenger", passenger);
        j.put("from", place(item.from()));
        j.put("to", place(item.to()));
        j.put("distance", item.distanceKm() == null ? null
                : item.distanceKm().multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.HALF_UP).intValue());
        j.put("duration", item.durationMinutes() == null ? null : item.durationMinutes() * 60);
        j.put("route", null);
        j.put("number_of_waypoints", 0);
        j.put("waypoints", Map.of());
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("fixed", item.price());
        cost.put("variable", item.price() == null || item.distanceKm() == null || item.distanceKm().signum() <= 0 ? null
                : item.price().divide(item.distanceKm(), 4, RoundingMode.HALF_UP));
        j.put("cost", cost);
        j.put("details", null);
        j.put("vehicle", null);
        boolean regular = "regular".equals(item.frequency());
        j.put("frequency", regular ? "regular" : "punctual");
        // As at Mobicoop: type tells whether the journey has a return; the return's windows are sent only
        // when the search asked for them (p[return]).
        Map<String, Object> returnWindows = regular ? windows(item, true) : null;
        Map<String, Object> back = withReturn ? returnWindows : null;
        j.put("type", returnWindows != null ? "round-trip" : "one-way");
        j.put("real_time", null);
        j.put("stopped", null);
        Map<String, Object> outward = windows(item, false);
        Map<String, Object> days = new LinkedHashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            days.put(name(d), outward.get(name(d)) != null ? 1 : 0);
        }
        j.put("days", days);
        j.put("outward", outward);
        j.put("return", back);
        return j;
    }

    private static Map<String, Object> place(SearchResult.Place p) {
        Map<String, Object> place = new LinkedHashMap<>();
        place.put("address", null);
        place.put("city", p.location());
        place.put("postalcode", p.postalCode());
        place.put("country", null);
        place.put("latitude", p.lat());
        place.put("longitude", p.lon());
        return place;
    }

    /** {@code {mindate, maxdate, monday..sunday}}; null when a regular journey has no return windows. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> windows(SearchResult.Item item, boolean back) {
        Map<String, Object> w = new LinkedHashMap<>();
        boolean any = false;
        if (item.punctual() != null) {
            SearchResult.Punctual p = item.punctual();
            w.put("mindate", p.date().toString());
            w.put("maxdate", p.date().toString());
            for (DayOfWeek d : DayOfWeek.values()) {
                w.put(name(d), d == p.date().getDayOfWeek() ? window(p.minTime(), p.maxTime()) : null);
            }
            return w;
        }
        w.put("mindate", item.validFrom() == null ? null : item.validFrom().toString());
        w.put("maxdate", item.validTo() == null ? null : item.validTo().toString());
        Map<String, Object> regular = item.regular() == null ? Map.of() : item.regular();
        for (DayOfWeek d : DayOfWeek.values()) {
            Map<String, Object> day = (Map<String, Object>) regular.get(name(d));
            Object min = day == null ? null : day.get(back ? "retMin" : "depMin");
            Object max = day == null ? null : day.get(back ? "retMax" : "depMax");
            if (min != null && max != null) {
                w.put(name(d), window(LocalTime.parse(min.toString()), LocalTime.parse(max.toString())));
                any = true;
            } else {
                w.put(name(d), null);
            }
        }
        return back && !any ? null : w;
    }

    private static Map<String, Object> window(LocalTime min, LocalTime max) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("mintime", min == null ? null : hms(min));
        t.put("maxtime", max == null ? null : hms(max != null ? max : min));
        return t;
    }

    private static String hms(LocalTime t) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
    }

    static String name(DayOfWeek d) {
        return d.name().toLowerCase(Locale.ROOT);
    }
}
