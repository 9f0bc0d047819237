package org.rdex.server.protocol.rdexplus;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rdex.server.common.OperatorConfig;
import org.rdex.server.model.FieldLimits;
import org.rdex.server.model.GreatCircle;
import org.rdex.server.protocol.Hosts;
import org.rdex.server.search.SearchConfig;
import org.rdex.server.search.JourneyMatch;
import org.rdex.server.search.SearchRequest;
import org.rdex.server.search.SearchResult;
import org.rdex.server.search.SearchService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * RDEX+ {@code GET /journeys} over the one search (our journeys and partners' imported ones), with RDEX+'s
 * rules on every answer: at most {@code count} journeys, each within the radii (great circle) and, when the
 * query dates it, within {@code timeDelta} of the asked time; one journey per operator and id.
 *
 * <p>Mapping, as the standard-covoiturage routes do: the departure and arrival are the journey's ends (we
 * hold no detours); a punctual journey departs at the middle of its window, {@code timeDelta} being half the
 * window; a regular one lists, per weekday it runs, the middle of its window as a UTC time (at the UTC offset
 * of the day, see {@link #utcOffset}: RDEX+ has no time zone for times of day); the user's {@code id} is the
 * journey's uuid (our users' ids never leave); a missing duration is estimated at 60 km/h over the great
 * circle, the field being required; the return leg of a regular journey is a journey of its own, id
 * {@code <uuid>-return}.
 */
@ApplicationScoped
public class RdexPlusService {

    static final List<String> DAY_NAMES = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday");
    static final String RETURN_SUFFIX = "-return";
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Inject
    SearchService search;
    @Inject
    SearchConfig searchConfig;
    @Inject
    RdexPlusConfig config;
    @Inject
    OperatorConfig operator;

    private record Candidate(SearchResult.Item item, RdexPlusWire.WaySchedule outward, long diff) {
    }

    public RdexPlusWire.JourneysAnswer journeys(RdexPlusQuery q) {
        int limit = q.count() == null ? Math.max(1, config.maxResults()) : Math.min(q.count(), Math.max(1, config.maxResults()));
        if (limit == 0) {
            return new RdexPlusWire.JourneysAnswer(List.of(), null);
        }
        List<Candidate> found = q.frequency() == SearchRequest.Frequency.REGULAR ? regular(q) : dated(q);
        found.sort(Comparator.comparingLong(Candidate::diff).thenComparingDouble(c -> c.item().detourKm()));
        List<RdexPlusWire.Journey> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Candidate c : found) {
            if (out.size() == limit) {
                break;
            }
            if (ids.add(operatorOf(c.item()) + "\u0000" + id(c.item()))) {
                out.add(journey(c));
            }
        }
        return new RdexPlusWire.JourneysAnswer(out, null);
    }

    /** {@code punctual} or {@code both}: journeys departing within {@code timeDelta} of {@code departureDate}. */
    private List<Candidate> dated(RdexPlusQuery q) {
        ZoneId zone = config.timeZone();
        long t = q.departureDate();
        ZonedDateTime start = Instant.ofEpochSecond(t - q.timeDelta()).atZone(zone);
        ZonedDateTime end = Instant.ofEpochSecond(t + q.timeDelta()).atZone(zone);
        List<Candidate> found = new ArrayList<>();
        for (LocalDate d = start.toLocalDate(); !d.isAfter(end.toLocalDate()); d = d.plusDays(1)) {
            LocalTime from = d.equals(start.toLocalDate()) ? start.toLocalTime() : LocalTime.MIN;
            LocalTime to = d.equals(end.toLocalDate()) ? end.toLocalTime() : LocalTime.MAX;
            SearchRequest r = new SearchRequest(q.departureLat(), q.departureLng(), q.departureRadius(), q.arrivalLat(),
                    q.arrivalLng(), q.arrivalRadius(), d, d, from, to, true, q.role(), q.frequency(),
                    bit(d.getDayOfWeek()), 1, pageSize());
            for (SearchResult.Item item : search.search(r).results()) {
                if (!JourneyMatch.withinRadii(r, item)) {
                    continue;
                }
                Window w = item.punctual() != null && item.punctual().date().equals(d)
                        ? window(item.punctual().minTime(), item.punctual().maxTime())
                        : item.regular() != null ? regularWindow(item.regular(), d.getDayOfWeek(), returnLeg(item)) : null;
                if (w == null) {
                    continue;
                }
                long pickup = LocalDateTime.of(d, w.middle()).atZone(zone).toEpochSecond();
                if (Math.abs(pickup - t) <= q.timeDelta()) {
                    // A regular journey found for a date still answers as regular: its validity and week.
                    found.add(new Candidate(item, item.punctual() != null
                            ? new RdexPlusWire.WaySchedule(pickup, null, null, w.halfSeconds())
                            : regularSchedule(item, zone), Math.abs(pickup - t)));
                }
            }
        }
        return found;
    }

    /** {@code regular}: journeys running between the dates, on the asked weekdays and times when given. */
    private List<Candidate> regular(RdexPlusQuery q) {
        ZoneId zone = config.timeZone();
        LocalDate min = Instant.ofEpochSecond(q.departureDate()).atZone(zone).toLocalDate();
        LocalDate max = q.maxDate() == null ? min.plusDays(searchConfig.maxDateRangeDays() - 1L)
                : Instant.ofEpochSecond(q.maxDate()).atZone(zone).toLocalDate();
        if (max.isAfter(min.plusDays(searchConfig.maxDateRangeDays() - 1L))) {
            max = min.plusDays(searchConfig.maxDateRangeDays() - 1L);
        }
        int mask = 0;
        for (LocalDate d = min; !d.isAfter(max) && mask != 0x7f; d = d.plusDays(1)) {
            mask |= bit(d.getDayOfWeek());
        }
        // The asked UTC times in our zone, at today's offset (see utcOffset).
        ZoneOffset offset = utcOffset(zone);
        List<RdexPlusQuery.Slot> slots = q.schedules().stream().map(s -> new RdexPlusQuery.Slot(s.day(),
                s.time().atOffset(ZoneOffset.UTC).withOffsetSameInstant(offset).toLocalTime(), s.delta())).toList();
        LocalTime from = LocalTime.MIN;
        LocalTime to = LocalTime.MAX;
        if (!slots.isEmpty()) {
            int asked = 0;
            int lo = Integer.MAX_VALUE;
            int hi = 0;
            for (RdexPlusQuery.Slot s : slots) {
                asked |= 1 << (s.day() - 1);
                // Windows do not wrap around midnight in the store: the searched one is clamped to the day.
                lo = (int) Math.min(lo, Math.max(0, s.time().toSecondOfDay() - s.delta()));
                hi = (int) Math.max(hi, Math.min(LocalTime.MAX.toSecondOfDay(), s.time().toSecondOfDay() + s.delta()));
            }
            mask &= asked;
            from = LocalTime.ofSecondOfDay(lo);
            to = LocalTime.ofSecondOfDay(hi);
        }
        if (mask == 0) {
            return new ArrayList<>();
        }
        SearchRequest r = new SearchRequest(q.departureLat(), q.departureLng(), q.departureRadius(), q.arrivalLat(),
                q.arrivalLng(), q.arrivalRadius(), min, max, from, to, !slots.isEmpty(), q.role(),
                SearchRequest.Frequency.REGULAR, mask, 1, pageSize());
        List<Candidate> found = new ArrayList<>();
        for (SearchResult.Item item : search.search(r).results()) {
            if (item.regular() == null || !JourneyMatch.withinRadii(r, item)) {
                continue;
            }
            long best = slots.isEmpty() ? 0 : Long.MAX_VALUE;
            for (RdexPlusQuery.Slot s : slots) {
                Window w = regularWindow(item.regular(), DayOfWeek.of(s.day()), returnLeg(item));
                if (w != null) {
                    long diff = Math.abs(w.middle().toSecondOfDay() - s.time().toSecondOfDay());
                    if (diff <= s.delta()) {
                        best = Math.min(best, diff);
                    }
                }
            }
            if (best != Long.MAX_VALUE) {
                found.add(new Candidate(item, regularSchedule(item, zone), best));
            }
        }
        return found;
    }

    /** A regular journey's validity and, per weekday it runs, the middle of its window as a UTC time. */
    private static RdexPlusWire.WaySchedule regularSchedule(SearchResult.Item item, ZoneId zone) {
        LocalDate today = LocalDate.now(zone);
        ZoneOffset offset = utcOffset(zone);
        String[] times = new String[7];
        Long[] deltas = new Long[7];
        for (DayOfWeek day : DayOfWeek.values()) {
            Window w = regularWindow(item.regular(), day, returnLeg(item));
            if (w != null) {
                times[day.getValue() - 1] = w.middle().atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC)
                        .toLocalTime().format(HH_MM_SS);
                deltas[day.getValue() - 1] = w.halfSeconds();
            }
        }
        long start = (item.validFrom() == null ? today : item.validFrom()).atStartOfDay(zone).toEpochSecond();
        Long end = item.validTo() == null ? null : item.validTo().atTime(LocalTime.MAX).atZone(zone).toEpochSecond();
        return new RdexPlusWire.WaySchedule(start, end, List.of(RdexPlusWire.WeekSchedule.of(times, deltas)), null);
    }

    private RdexPlusWire.Journey journey(Candidate c) {
        SearchResult.Item item = c.item();
        String op = operatorOf(item);
        String type = item.driver() && item.passenger() ? "both" : item.driver() ? "driver" : "passenger";
        String alias = item.pseudonym() == null || item.pseudonym().isBlank() ? "-" : item.pseudonym();
        double km = item.distanceKm() != null ? item.distanceKm().doubleValue()
                : GreatCircle.km(GreatCircle.MEAN_EARTH_KM, item.from().lat(), item.from().lon(), item.to().lat(),
                        item.to().lon());
        Long duration = item.durationMinutes() != null ? item.durationMinutes() * 60L : Math.round(km * 60);
        BigDecimal amount = item.price();
        // No price rather than type unknown: the document's Price requires an amount its text says to leave out.
        RdexPlusWire.Price price = amount == null ? null
                : amount.signum() == 0 ? new RdexPlusWire.Price(0.0, "EUR", "free", null)
                        : new RdexPlusWire.Price(amount.doubleValue(), "EUR", "fixed", null);
        return new RdexPlusWire.Journey(id(item), item.url(), "planned", op, op.isEmpty() ? null : "https://" + op, type,
                new RdexPlusWire.User(item.uuid(), alias, null, null), item.driver() ? item.seats() : null,
                !item.driver() && item.passenger() ? item.seats() : null, place(item.from()), place(item.to()), duration,
                item.distanceKm() == null ? null : Math.round(km * 1000), price, null,
                "regular".equals(item.frequency()) ? "regular" : "punctual", null, null, c.outward(), null);
    }

    private static RdexPlusWire.Geopoint place(SearchResult.Place p) {
        return new RdexPlusWire.Geopoint(p.lat(), p.lon(), null, p.location(), p.postalCode(), null);
    }

    static String id(SearchResult.Item item) {
        return returnLeg(item) ? item.uuid() + RETURN_SUFFIX : item.uuid();
    }

    private static boolean returnLeg(SearchResult.Item item) {
        return "return".equals(item.leg());
    }

    /** Ours: {@code rdex.rdexplus.operator} or the host of our site; a partner's: the host of its site. */
    String operatorOf(SearchResult.Item item) {
        return Hosts.operatorOf(item, config.operator(), operator.site());
    }



    /** A departure window: its middle and half its width. */
    private record Window(LocalTime middle, long halfSeconds) {
    }

    private static Window window(LocalTime min, LocalTime max) {
        LocalTime lo = min == null ? max : min;
        LocalTime hi = max == null ? lo : max;
        if (lo == null) {
            return null;
        }
        int a = lo.toSecondOfDay();
        int b = Math.max(a, hi.toSecondOfDay());
        return new Window(LocalTime.ofSecondOfDay((a + b) / 2), (b - a) / 2);
    }

    /** A regular journey's window on {@code day} (departure, or return for the return leg), or null. */
    @SuppressWarnings("unchecked")
    private static Window regularWindow(Map<String, Object> regular, DayOfWeek day, boolean back) {
        Object value = regular.get(DAY_NAMES.get(day.getValue() - 1));
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, Object> w = (Map<String, Object>) map;
        Object min = w.get(back ? "retMin" : "depMin");
        Object max = w.get(back ? "retMax" : "depMax");
        if (min == null || max == null) {
            return null;
        }
        return window(LocalTime.parse(min.toString()), LocalTime.parse(max.toString()));
    }

    /**
     * The offset between our zone's times of day and RDEX+'s UTC ones: the zone's offset now. A time of day
     * has no date, so any rule is off by an hour across a DST change for some dates; this one is the same on
     * both sides ({@link RdexPlusClient}) and in queries and answers, so a round trip agrees.
     */
    static ZoneOffset utcOffset(ZoneId zone) {
        return zone.getRules().getOffset(Instant.now());
    }

    private static int bit(DayOfWeek day) {
        return 1 << (day.getValue() - 1);
    }

    private int pageSize() {
        return Math.max(1, Math.min(config.maxResults(), searchConfig.maxPageSize()));
    }
}
