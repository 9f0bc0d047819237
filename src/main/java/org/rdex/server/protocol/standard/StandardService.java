package org.rdex.server.protocol.standard;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.rdex.server.common.OperatorConfig;
import org.rdex.server.model.GreatCircle;
import org.rdex.server.protocol.Hosts;
import org.rdex.server.search.JourneyMatch;
import org.rdex.server.search.SearchConfig;
import org.rdex.server.search.SearchRequest;
import org.rdex.server.search.SearchResult;
import org.rdex.server.search.SearchService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * standard-covoiturage searches over the one search (our journeys and partners'), with the standard's rules
 * enforced on every answer: at most {@code count} results, each within {@code departureRadius} and
 * {@code arrivalRadius} (haversine) and within {@code timeDelta} of the requested time, one result per
 * operator and id, {@code operator} a bare host name.
 *
 * <p>Mapping: the passenger is picked up where the journey starts and dropped where it ends (we hold no
 * detours); the pickup time is the middle of the journey's departure window; a driver's or passenger's
 * {@code id} is the journey's uuid (our users' ids never leave); a missing duration is estimated at 60 km/h
 * over the great-circle distance, the field being required.
 */
@ApplicationScoped
public class StandardService {

    @Inject
    SearchService search;
    @Inject
    SearchConfig searchConfig;
    @Inject
    StandardConfig config;
    @Inject
    OperatorConfig operator;

    /** {@code driver}: driver journeys, else passenger journeys; punctual, outward. */
    public List<StandardWire.Journey> journeys(StandardQuery q, boolean driver) {
        int limit = limit(q);
        if (limit == 0) {
            return List.of();
        }
        ZoneId zone = config.timeZone();
        long t = q.departureDate();
        ZonedDateTime start = Instant.ofEpochSecond(t - q.timeDelta()).atZone(zone);
        ZonedDateTime end = Instant.ofEpochSecond(t + q.timeDelta()).atZone(zone);
        List<Candidate> found = new ArrayList<>();
        for (LocalDate d = start.toLocalDate(); !d.isAfter(end.toLocalDate()); d = d.plusDays(1)) {
            LocalTime from = d.equals(start.toLocalDate()) ? start.toLocalTime() : LocalTime.MIN;
            LocalTime to = d.equals(end.toLocalDate()) ? end.toLocalTime() : LocalTime.MAX;
            SearchRequest r = new SearchRequest(q.departureLat(), q.departureLng(), q.departureRadius(), q.arrivalLat(),
                    q.arrivalLng(), q.arrivalRadius(), d, d, from, to, true,
                    driver ? SearchRequest.Role.DRIVER : SearchRequest.Role.PASSENGER,
                    SearchRequest.Frequency.PUNCTUAL, StandardQuery.bit(d.getDayOfWeek()), 1, pageSize());
            for (SearchResult.Item item : search.search(r).results()) {
                if (item.punctual() == null || !JourneyMatch.withinRadii(r, item)) {
                    continue;
                }
                long pickup = middle(item.punctual().date(), item.punctual().minTime(), item.punctual().maxTime(), zone);
                if (Math.abs(pickup - t) <= q.timeDelta()) {
                    found.add(new Candidate(item, pickup, Math.abs(pickup - t), List.of()));
                }
            }
        }
        return answer(found, limit, c -> journey(c, driver));
    }

    /** {@code driver}: driver trips, else passenger trips; regular journeys, both legs. */
    public List<StandardWire.RegularTrip> regularTrips(StandardQuery q, boolean driver) {
        int limit = limit(q);
        if (limit == 0) {
            return List.of();
        }
        ZoneId zone = config.timeZone();
        LocalDate min = q.minDepartureDate() == null ? LocalDate.now(zone)
                : Instant.ofEpochSecond(q.minDepartureDate()).atZone(zone).toLocalDate();
        LocalDate max = q.maxDepartureDate() == null ? min.plusDays(searchConfig.maxDateRangeDays() - 1L)
                : Instant.ofEpochSecond(q.maxDepartureDate()).atZone(zone).toLocalDate();
        int mask = 0;
        for (LocalDate d = min; !d.isAfter(max) && mask != 0x7f; d = d.plusDays(1)) {
            mask |= StandardQuery.bit(d.getDayOfWeek());
        }
        mask &= q.weekdays();
        if (mask == 0) {
            return List.of();
        }
        int second = q.departureTimeOfDay().toSecondOfDay();
        // Windows do not wrap around midnight in the store: the searched one is clamped to the day.
        LocalTime from = LocalTime.ofSecondOfDay(Math.max(0, second - q.timeDelta()));
        LocalTime to = LocalTime.ofSecondOfDay(Math.min(LocalTime.MAX.toSecondOfDay(), second + q.timeDelta()));
        SearchRequest r = new SearchRequest(q.departureLat(), q.departureLng(), q.departureRadius(), q.arrivalLat(),
                q.arrivalLng(), q.arrivalRadius(), min, max, from, to, true,
                driver ? SearchRequest.Role.DRIVER : SearchRequest.Role.PASSENGER, SearchRequest.Frequency.REGULAR,
                mask, 1, pageSize());
        List<Candidate> found = new ArrayList<>();
        for (SearchResult.Item item : search.search(r).results()) {
            if (item.regular() == null || !JourneyMatch.withinRadii(r, item)) {
                continue;
            }
            boolean back = "return".equals(item.leg());
            List<StandardWire.Schedule> schedules = new ArrayList<>();
            long best = Long.MAX_VALUE;
            for (DayOfWeek day : DayOfWeek.values()) {
                if ((mask & StandardQuery.bit(day)) == 0) {
                    continue;
                }
                LocalTime pickup = pickup(item.regular(), day, back);
                if (pickup == null) {
                    continue;
                }
                long diff = Math.abs(pickup.toSecondOfDay() - second);
                if (diff <= q.timeDelta() && departsBetween(item, day, pickup, min, max, q, zone)) {
                    schedules.add(new StandardWire.Schedule(StandardQuery.DAYS.get(day.getValue() - 1),
                            pickup.toString().length() == 5 ? pickup + ":00" : pickup.toString()));
                    best = Math.min(best, diff);
                }
            }
            if (!schedules.isEmpty()) {
                found.add(new Candidate(item, 0, best, schedules));
            }
        }
        return answer(found, limit, c -> trip(c, driver));
    }

    /**
     * Whether the trip departs on {@code day} at {@code pickup} on some date it runs between
     * {@code minDepartureDate} and {@code maxDepartureDate}, instants the dates {@code min}..{@code max} only
     * cover by whole days: on the first (last) date, a departure before (after) the instant is out. Only those
     * two dates can fail, so the first two matching dates decide.
     */
    private static boolean departsBetween(SearchResult.Item item, DayOfWeek day, LocalTime pickup, LocalDate min,
            LocalDate max, StandardQuery q, ZoneId zone) {
        LocalDate from = item.validFrom() != null && item.validFrom().isAfter(min) ? item.validFrom() : min;
        LocalDate to = item.validTo() != null && item.validTo().isBefore(max) ? item.validTo() : max;
        long lo = q.minDepartureDate() == null ? Long.MIN_VALUE : q.minDepartureDate();
        long hi = q.maxDepartureDate() == null ? Long.MAX_VALUE : q.maxDepartureDate();
        LocalDate d = from.with(TemporalAdjusters.nextOrSame(day));
        for (int k = 0; k < 2 && !d.isAfter(to); k++, d = d.plusWeeks(1)) {
            long at = ZonedDateTime.of(d, pickup, zone).toEpochSecond();
            if (at >= lo && at <= hi) {
                return true;
            }
        }
        return false;
    }

    private record Candidate(SearchResult.Item item, long pickup, long diff, List<StandardWire.Schedule> schedules) {
    }

    private <T> List<T> answer(List<Candidate> found, int limit, Function<Candidate, T> mapper) {
        found.sort(Comparator.comparingLong(Candidate::diff).thenComparingDouble(c -> c.item().detourKm()));
        List<T> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Candidate c : found) {
            if (out.size() == limit) {
                break;
            }
            // One result per operator and id: a regular journey's two legs share the uuid, so the return leg
            // gets its own id.
            String id = id(c.item());
            if (ids.add(operatorOf(c.item()) + "\u0000" + id)) {
                out.add(mapper.apply(c));
            }
        }
        return out;
    }

    private StandardWire.Journey journey(Candidate c, boolean driver) {
        SearchResult.Item item = c.item();
        Shape s = shape(item, driver);
        StandardWire.Price price = null;
        if (driver) {
            BigDecimal amount = item.price();
            price = amount == null ? new StandardWire.Price("UNKNOWN", null, null)
                    : new StandardWire.Price(amount.signum() == 0 ? "FREE" : "PAYING", amount.doubleValue(), "EUR");
        }
        return new StandardWire.Journey(s.operator(), item.from().lat(), item.from().lon(), item.to().lat(),
                item.to().lon(), item.from().location(), item.to().location(), s.distance(), item.from().lat(),
                item.from().lon(), item.to().lat(), item.to().lon(), s.duration(), item.url(),
                driver ? s.user() : null, driver ? null : s.user(), id(item), c.pickup(), c.pickup(), "PLANNED",
                driver ? item.seats() : null, price);
    }

    private StandardWire.RegularTrip trip(Candidate c, boolean driver) {
        SearchResult.Item item = c.item();
        Shape s = shape(item, driver);
        return new StandardWire.RegularTrip(s.operator(), item.from().lat(), item.from().lon(), item.to().lat(),
                item.to().lon(), item.from().location(), item.to().location(), s.distance(), item.from().lat(),
                item.from().lon(), item.to().lat(), item.to().lon(), s.duration(), item.url(),
                driver ? s.user() : null, driver ? null : s.user(), c.schedules().isEmpty() ? null : c.schedules());
    }

    /** What a journey and a trip share: operator, metres, seconds (estimated when unknown), the author. */
    private record Shape(String operator, long distance, long duration, StandardWire.User user) {
    }

    private Shape shape(SearchResult.Item item, boolean driver) {
        String op = operatorOf(item);
        double km = item.distanceKm() != null ? item.distanceKm().doubleValue()
                : haversineKm(item.from().lat(), item.from().lon(), item.to().lat(), item.to().lon());
        long duration = item.durationMinutes() != null ? item.durationMinutes() * 60L : Math.round(km * 60);
        return new Shape(op, Math.round(km * 1000), duration, new StandardWire.User(item.uuid(), op, item.pseudonym()));
    }

    private static String id(SearchResult.Item item) {
        return "return".equals(item.leg()) ? item.uuid() + "-return" : item.uuid();
    }

    /** Ours: {@code rdex.standard.operator} or the host of our site; a partner's: the host of its site. */
    String operatorOf(SearchResult.Item item) {
        return Hosts.operatorOf(item, config.operator(), operator.site());
    }



    static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        return GreatCircle.km(lat1, lon1, lat2, lon2);
    }

    /** Middle of a window on a date, as UNIX seconds in {@code zone}. */
    private static long middle(LocalDate date, LocalTime min, LocalTime max, ZoneId zone) {
        LocalTime lo = min == null ? max : min;
        LocalTime hi = max == null ? lo : max;
        int mid = (lo.toSecondOfDay() + hi.toSecondOfDay()) / 2;
        return LocalDateTime.of(date, LocalTime.ofSecondOfDay(mid)).atZone(zone).toEpochSecond();
    }

    /** Middle of a regular journey's window on {@code day} (departure, or return for the return leg). */
    @SuppressWarnings("unchecked")
    private static LocalTime pickup(Map<String, Object> regular, DayOfWeek day, boolean back) {
        Object value = regular.get(day.name().toLowerCase(Locale.ROOT));
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, Object> w = (Map<String, Object>) map;
        Object min = w.get(back ? "retMin" : "depMin");
        Object max = w.get(back ? "retMax" : "depMax");
        if (min == null || max == null) {
            return null;
        }
        int lo = LocalTime.parse(min.toString()).toSecondOfDay();
        int hi = LocalTime.parse(max.toString()).toSecondOfDay();
        return LocalTime.ofSecondOfDay((lo + hi) / 2);
    }

    private int limit(StandardQuery q) {
        int max = Math.max(1, config.maxResults());
        return q.count() == null ? max : Math.min(q.count(), max);
    }

    private int pageSize() {
        return Math.max(1, Math.min(config.maxResults(), searchConfig.maxPageSize()));
    }
}
