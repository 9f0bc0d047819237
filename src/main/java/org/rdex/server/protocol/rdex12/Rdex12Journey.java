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

    static Rdex12Wire.Journey of(SearchResult.Item item, boolean withReturn) {
        // Always a number, as Mobicoop sends it: a passenger-only journey offers no seat.
        Rdex12Wire.Driver driver = new Rdex12Wire.Driver(item.uuid(), item.pseudonym(), null, null,
                item.driver() && item.seats() != null ? item.seats() : 0, item.driver() ? 1 : 0);
        Rdex12Wire.Passenger passenger = new Rdex12Wire.Passenger(item.uuid(), item.pseudonym(), null, null, 0,
                item.passenger() ? 1 : 0);
        Integer distance = item.distanceKm() == null ? null
                : item.distanceKm().multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.HALF_UP).intValue();
        Integer duration = item.durationMinutes() == null ? null : item.durationMinutes() * 60;
        Rdex12Wire.Cost cost = new Rdex12Wire.Cost(item.price(),
                item.price() == null || item.distanceKm() == null || item.distanceKm().signum() <= 0 ? null
                        : item.price().divide(item.distanceKm(), 4, RoundingMode.HALF_UP));
        boolean regular = "regular".equals(item.frequency());
        // As at Mobicoop: type tells whether the journey has a return; the return's windows are sent only
        // when the search asked for them (p[return]).
        Rdex12Wire.Windows returnWindows = regular ? windows(item, true) : null;
        Rdex12Wire.Windows back = withReturn ? returnWindows : null;
        Rdex12Wire.Windows outward = windows(item, false);
        Map<String, Integer> days = new LinkedHashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            days.put(name(d), outward.day(name(d)) != null ? 1 : 0);
        }
        return new Rdex12Wire.Journey(item.uuid(), item.operator(), item.site(), item.url(), driver, passenger,
                place(item.from()), place(item.to()), distance, duration, null, 0, Map.of(), cost, null, null,
                regular ? "regular" : "punctual", returnWindows != null ? "round-trip" : "one-way", null, null, days,
                outward, back);
    }

    private static Rdex12Wire.Place place(SearchResult.Place p) {
        return new Rdex12Wire.Place(null, p.location(), p.postalCode(), null, p.lat(), p.lon());
    }

    /** {@code {mindate, maxdate, monday..sunday}}; null when a regular journey has no return windows. */
    @SuppressWarnings("unchecked")
    private static Rdex12Wire.Windows windows(SearchResult.Item item, boolean back) {
        Rdex12Wire.Time[] week = new Rdex12Wire.Time[7];
        if (item.punctual() != null) {
            SearchResult.Punctual p = item.punctual();
            week[p.date().getDayOfWeek().ordinal()] = window(p.minTime(), p.maxTime());
            return Rdex12Wire.Windows.of(p.date().toString(), p.date().toString(), week);
        }
        boolean any = false;
        Map<String, Object> regular = item.regular() == null ? Map.of() : item.regular();
        for (DayOfWeek d : DayOfWeek.values()) {
            Map<String, Object> day = (Map<String, Object>) regular.get(name(d));
            Object min = day == null ? null : day.get(back ? "retMin" : "depMin");
            Object max = day == null ? null : day.get(back ? "retMax" : "depMax");
            if (min != null && max != null) {
                week[d.ordinal()] = window(LocalTime.parse(min.toString()), LocalTime.parse(max.toString()));
                any = true;
            }
        }
        return back && !any ? null : Rdex12Wire.Windows.of(item.validFrom() == null ? null : item.validFrom().toString(),
                item.validTo() == null ? null : item.validTo().toString(), week);
    }

    private static Rdex12Wire.Time window(LocalTime min, LocalTime max) {
        return new Rdex12Wire.Time(min == null ? null : hms(min), max == null ? null : hms(max != null ? max : min));
    }

    private static String hms(LocalTime t) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
    }

    static String name(DayOfWeek d) {
        return d.name().toLowerCase(Locale.ROOT);
    }
}
