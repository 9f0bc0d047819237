package org.rdex.server.search;

import java.time.LocalDate;

import org.rdex.server.model.GreatCircle;

/**
 * Whether a journey answers a search, written once in Java: the rule {@link LegQuery} states in SQL over the
 * stored rows, for the journeys that are not stored (partners' live answers) and for the checks made on a
 * stored search's results (the standard's routes). {@code JourneyMatchAgreementTest} holds the two to the same
 * answers on generated journeys and searches; a change to one is a change to both.
 *
 * <p>The SQL's other conditions (grid cells, boxes, the weekly envelope of the windows) only make it fast: each
 * is implied by the ones below.
 */
public final class JourneyMatch {

    private JourneyMatch() {
    }

    /**
     * One way of travelling a journey, as a row of the search holds it: outward from its departure within its
     * departure windows, or back (regular journeys only) from its arrival within its return windows.
     *
     * @param punctualDate null for a regular journey
     * @param windowLo     start of the leg's window per weekday (entry ISO day - 1), minutes of the day; null
     *                     entries (or a null array) for days without one
     */
    public record Travel(boolean outward, boolean driver, boolean passenger, LocalDate punctualDate,
            LocalDate activeFrom, LocalDate activeTo, int daysMask, Short[] windowLo, Short[] windowHi,
            double startLat, double startLon, double endLat, double endLon) {
    }

    /** The whole rule: what {@link LegQuery} selects for this leg. */
    public static boolean matches(SearchRequest r, Travel t) {
        if (r.daysMask() == 0 || !t.outward() && (t.punctualDate() != null
                || r.frequency() == SearchRequest.Frequency.PUNCTUAL)) {
            return false;
        }
        return inRole(r, t.driver(), t.passenger())
                && activeOnSearchedDays(r, t.activeFrom(), t.activeTo(), t.daysMask())
                && (!t.outward() || onSearchedDates(r, t.punctualDate()))
                && overlapsOnSomeSearchedDay(r, t.windowLo(), t.windowHi())
                && withinRadii(r, t.startLat(), t.startLon(), t.endLat(), t.endLon());
    }

    /** The searched role: a driver's journey for a passenger's search, and so on; no role, any. */
    public static boolean inRole(SearchRequest r, boolean driver, boolean passenger) {
        if (r.role() == null) {
            return true;
        }
        return r.role() == SearchRequest.Role.DRIVER ? driver : passenger;
    }

    /** The searched frequency: punctual or regular, or either. */
    public static boolean inFrequency(SearchRequest r, boolean regular) {
        return r.frequency() == SearchRequest.Frequency.ANY
                || (r.frequency() == SearchRequest.Frequency.REGULAR) == regular;
    }

    /** Valid on some searched date, on a searched weekday (mask: bit ISO day - 1). */
    public static boolean activeOnSearchedDays(SearchRequest r, LocalDate activeFrom, LocalDate activeTo, int mask) {
        return activeFrom != null && activeTo != null && !activeTo.isBefore(r.dateFrom())
                && !activeFrom.isAfter(r.dateTo()) && (mask & r.daysMask()) != 0;
    }

    /** A punctual journey on a searched date when punctual ones are searched; a regular one when they are. */
    public static boolean onSearchedDates(SearchRequest r, LocalDate punctualDate) {
        boolean onDates = punctualDate != null && !punctualDate.isBefore(r.dateFrom())
                && !punctualDate.isAfter(r.dateTo());
        return switch (r.frequency()) {
            case PUNCTUAL -> onDates;
            case REGULAR -> punctualDate == null;
            case ANY -> onDates || punctualDate == null;
        };
    }

    /** A window of the journey overlaps the searched hours on one of the searched weekdays. */
    public static boolean overlapsOnSomeSearchedDay(SearchRequest r, Short[] windowLo, Short[] windowHi) {
        if (windowLo == null || windowHi == null) {
            return false;
        }
        SearchedTime time = SearchedTime.of(r);
        for (int day : time.days()) {
            Short lo = windowLo[day - 1];
            Short hi = windowHi[day - 1];
            if (lo != null && hi != null && overlaps(time, lo, hi)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The window {@code loMinute..hiMinute} (minutes of the day) overlaps the searched hours, both compared in
     * whole minutes (seconds dropped on both sides, so no window is missed).
     */
    public static boolean overlapsSearchedHours(SearchRequest r, int loMinute, int hiMinute) {
        return overlaps(SearchedTime.of(r), loMinute, hiMinute);
    }

    private static boolean overlaps(SearchedTime time, int lo, int hi) {
        return lo <= time.toMinute() && hi >= time.fromMinute();
    }

    /** Kilometres from the searched departure. */
    public static double startKm(SearchRequest r, double lat, double lon) {
        return GreatCircle.km(r.fromLat(), r.fromLon(), lat, lon);
    }

    /** Kilometres from the searched destination; 0 when the search names none. */
    public static double endKm(SearchRequest r, double lat, double lon) {
        return r.toLat() == null ? 0 : GreatCircle.km(r.toLat(), r.toLon(), lat, lon);
    }

    /** {@link #withinRadii} for a result's leg, as the routes that filter the search's results apply it. */
    public static boolean withinRadii(SearchRequest r, SearchResult.Item item) {
        return withinRadii(r, item.from().lat(), item.from().lon(), item.to().lat(), item.to().lon());
    }

    /** The leg starts within the departure radius and ends within the destination's (when one is searched). */
    public static boolean withinRadii(SearchRequest r, double startLat, double startLon, double endLat,
            double endLon) {
        return startKm(r, startLat, startLon) <= r.fromRadiusKm()
                && (r.toLat() == null || endKm(r, endLat, endLon) <= r.toRadiusKm());
    }
}
