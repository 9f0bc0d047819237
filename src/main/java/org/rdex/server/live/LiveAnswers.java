package org.rdex.server.live;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.rdex.server.common.FieldRules;
import org.rdex.server.common.Texts;
import org.rdex.server.model.FieldLimits;
import org.rdex.server.model.JourneyIntake;
import org.rdex.server.search.JourneyMatch;
import org.rdex.server.search.SearchRequest;
import org.rdex.server.search.SearchResult;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Partners' live answers mapped to our search result shape: RDEX 1.2 journeys and standard-covoiturage
 * driver/passenger journeys. The answer is untrusted: a structurally wrong answer (not the documented array)
 * is a failure of the partner ({@link PartnerHttp.BadAnswer}); a journey missing what we need (id,
 * coordinates, a role) is skipped, and so is one with a value beyond its {@link FieldLimits} (as the import
 * rejects it); texts are cleaned; journeys outside the searched radii (and, when the answer dates them exactly,
 * outside the searched dates and hours) are dropped, as the stored search does.
 */
final class LiveAnswers {

    private static final int MAX_TEXT = FieldLimits.SHORT_TEXT;
    private static final int MAX_URL = FieldLimits.URL;
    private static final int MAX_ID = FieldLimits.UUID;

    private LiveAnswers() {
    }

    /** RDEX 1.2: {@code [{"journeys": {...}}, ...]}, {@code []} when nothing matches. */
    static List<LiveJourney> rdex12(JsonNode answer, SearchRequest r, String partnerName, int max) {
        return journeys(answer, max, element -> {
            JsonNode j = element.path("journeys");
            if (!j.isObject()) {
                throw new PartnerHttp.BadAnswer("malformed", "element without journeys object");
            }
            return rdex12Journey(j, r, partnerName);
        });
    }

    /** The journeys of an answer that must be a JSON array: {@code max} at most, an element read as null skipped. */
    private static List<LiveJourney> journeys(JsonNode answer, int max, Function<JsonNode, LiveJourney> read) {
        if (!answer.isArray()) {
            throw new PartnerHttp.BadAnswer("malformed", "not an array");
        }
        List<LiveJourney> out = new ArrayList<>();
        for (JsonNode element : answer) {
            if (out.size() >= max) {
                break;
            }
            LiveJourney journey = read.apply(element);
            if (journey != null) {
                out.add(journey);
            }
        }
        return out;
    }

    private static LiveJourney rdex12Journey(JsonNode j, SearchRequest r, String partnerName) {
        String uuid = id(j.path("uuid"));
        Double fromLat = number(j.path("from").path("latitude"));
        Double fromLon = number(j.path("from").path("longitude"));
        Double toLat = number(j.path("to").path("latitude"));
        Double toLon = number(j.path("to").path("longitude"));
        boolean driver = state(j.path("driver").path("state"));
        boolean passenger = state(j.path("passenger").path("state"));
        if (uuid == null || !valid(fromLat, fromLon) || !valid(toLat, toLon) || !driver && !passenger) {
            return null;
        }
        JsonNode author = driver ? j.path("driver") : j.path("passenger");
        if (!fits(j.path("operator"), FieldLimits.HOST) || !fits(j.path("origin"), FieldLimits.HOST)
                || !fits(j.path("url"), FieldLimits.URL) || !fits(author.path("alias"), FieldLimits.SHORT_TEXT)
                || !fits(j.path("from").path("city"), FieldLimits.SHORT_TEXT)
                || !fits(j.path("to").path("city"), FieldLimits.SHORT_TEXT)
                || !fits(j.path("from").path("postalcode"), FieldLimits.CODE)
                || !fits(j.path("to").path("postalcode"), FieldLimits.CODE)) {
            return null;
        }
        boolean regular = "regular".equals(text(j.path("frequency")));
        JsonNode outward = j.path("outward");
        LocalDate minDate = date(outward.path("mindate"));
        LocalDate maxDate = date(outward.path("maxdate"));
        SearchResult.Punctual punctual = null;
        Map<String, Object> days = null;
        LocalTime[] window = null;
        if (!regular) {
            if (minDate == null) {
                return null;
            }
            if (!JourneyMatch.onSearchedDates(r, minDate)) {
                return null;
            }
            window = window(outward.path(dayName(minDate.getDayOfWeek())));
            punctual = new SearchResult.Punctual(minDate, window == null ? null : window[0],
                    window == null ? null : window[1]);
        } else {
            days = new LinkedHashMap<>();
            JsonNode ret = j.path("return");
            for (DayOfWeek d : DayOfWeek.values()) {
                String name = dayName(d);
                LocalTime[] dep = window(outward.path(name));
                LocalTime[] back = window(ret.path(name));
                if (dep == null && back == null) {
                    continue;
                }
                Map<String, Object> day = new LinkedHashMap<>();
                if (dep != null) {
                    day.put("depMin", dep[0].toString());
                    day.put("depMax", dep[1].toString());
                    if (window == null && (r.daysMask() & bit(d)) != 0) {
                        window = dep;
                    }
                }
                if (back != null) {
                    day.put("retMin", back[0].toString());
                    day.put("retMax", back[1].toString());
                }
                days.put(name, day);
            }
        }
        Integer distanceM = integer(j.path("distance"));
        Integer durationS = integer(j.path("duration"));
        BigDecimal price = null;
        Double fixed = number(j.path("cost").path("fixed"));
        Double variable = number(j.path("cost").path("variable"));
        if (fixed != null && fixed > 0 && fixed < 10_000) {
            price = BigDecimal.valueOf(fixed).setScale(2, RoundingMode.HALF_UP);
        } else if (variable != null && variable >= 0 && variable < 100 && distanceM != null) {
            price = BigDecimal.valueOf(variable * distanceM / 1000.0).setScale(2, RoundingMode.HALF_UP);
        }
        String origin = host(text(j.path("origin")));
        String url = url(text(j.path("url")), origin);
        Integer seats = integer(j.path("driver").path("seats"));
        return finish(r, partnerName, uuid, text(j.path("operator")), origin, url, text(author.path("alias")),
                driver, passenger, regular, fromLat, fromLon, text(j.path("from").path("city")),
                text(j.path("from").path("postalcode")), toLat, toLon, text(j.path("to").path("city")),
                text(j.path("to").path("postalcode")), distanceM, durationS, driver ? seats : null, price,
                regular ? minDate : punctual.date(), regular ? maxDate : punctual.date(), punctual, days, window,
                id(author.path("uuid")), driver ? "DRIVER" : "PASSENGER", text(author.path("alias")),
                text(j.path("operator")));
    }

    /** standard-covoiturage: a JSON array of DriverJourney or PassengerJourney. */
    static List<LiveJourney> standard(JsonNode answer, SearchRequest r, String partnerName, boolean driverJourneys,
            ZoneId zone, int max) {
        return journeys(answer, max, j -> {
            if (!j.isObject()) {
                throw new PartnerHttp.BadAnswer("malformed", "element not an object");
            }
            return standardJourney(j, r, partnerName, driverJourneys, zone);
        });
    }

    private static LiveJourney standardJourney(JsonNode j, SearchRequest r, String partnerName, boolean driverJourney,
            ZoneId zone) {
        String id = id(j.path("id"));
        Double fromLat = number(j.path("passengerPickupLat"));
        Double fromLon = number(j.path("passengerPickupLng"));
        Double toLat = number(j.path("passengerDropLat"));
        Double toLon = number(j.path("passengerDropLng"));
        Double pickup = number(j.path("passengerPickupDate"));
        if (id == null || !valid(fromLat, fromLon) || !valid(toLat, toLon) || pickup == null
                || Math.abs(pickup) > 1e11) {
            return null;
        }
        JsonNode author = driverJourney ? j.path("driver") : j.path("passenger");
        if (!fits(j.path("operator"), FieldLimits.HOST) || !fits(author.path("operator"), FieldLimits.HOST)
                || !fits(j.path("webUrl"), FieldLimits.URL) || !fits(author.path("alias"), FieldLimits.SHORT_TEXT)
                || !fits(j.path("passengerPickupAddress"), FieldLimits.SHORT_TEXT)
                || !fits(j.path("passengerDropAddress"), FieldLimits.SHORT_TEXT)) {
            return null;
        }
        LocalDateTime at = LocalDateTime.ofInstant(Instant.ofEpochSecond(pickup.longValue()), zone)
                .truncatedTo(ChronoUnit.MINUTES);
        LocalDate date = at.toLocalDate();
        LocalTime time = at.toLocalTime();
        int minute = time.toSecondOfDay() / 60;
        if (!JourneyMatch.activeOnSearchedDays(r, date, date, bit(date.getDayOfWeek()))
                || r.windowGiven() && !JourneyMatch.overlapsSearchedHours(r, minute, minute)) {
            return null;
        }
        JsonNode user = driverJourney ? j.path("driver") : j.path("passenger");
        String operator = host(text(j.path("operator")));
        Integer seats = integer(j.path(driverJourney ? "availableSeats" : "requestedSeats"));
        Double amount = number(j.path("price").path("amount"));
        BigDecimal price = amount != null && amount >= 0 && amount < 10_000
                ? BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP) : null;
        return finish(r, partnerName, id, operator, operator, url(text(j.path("webUrl")), null),
                text(user.path("alias")), driverJourney, !driverJourney, false, fromLat, fromLon,
                text(j.path("passengerPickupAddress")), null, toLat, toLon, text(j.path("passengerDropAddress")), null,
                integer(j.path("distance")), integer(j.path("duration")), seats, price, date, date,
                new SearchResult.Punctual(date, time, time), null, new LocalTime[] { time, time },
                id(user.path("id")), driverJourney ? "DRIVER" : "PASSENGER", text(user.path("alias")),
                host(text(user.path("operator"))) != null ? host(text(user.path("operator"))) : operator);
    }

    private static LiveJourney finish(SearchRequest r, String partnerName, String uuid, String operator, String site,
            String url, String pseudonym, boolean driver, boolean passenger, boolean regular, double fromLat,
            double fromLon, String fromPlace, String fromPostal, double toLat, double toLon, String toPlace,
            String toPostal, Integer distanceM, Integer durationS, Integer seats, BigDecimal price, LocalDate validFrom,
            LocalDate validTo, SearchResult.Punctual punctual, Map<String, Object> regularDays, LocalTime[] window,
            String recipientId, String role, String alias, String recipientOperator) {
        if (!JourneyMatch.inRole(r, driver, passenger) || !JourneyMatch.inFrequency(r, regular)
                || !JourneyMatch.withinRadii(r, fromLat, fromLon, toLat, toLon)) {
            return null;
        }
        double fromKm = JourneyMatch.startKm(r, fromLat, fromLon);
        double toKm = JourneyMatch.endKm(r, toLat, toLon);
        int timeDiff = 0;
        if (r.windowGiven() && window != null) {
            double searched = (r.timeFrom().toSecondOfDay() + (double) r.timeTo().toSecondOfDay()) / 2;
            double leg = (window[0].toSecondOfDay() + (double) window[1].toSecondOfDay()) / 2;
            timeDiff = (int) Math.round(Math.abs(leg - searched) / 60);
        }
        SearchResult.Item item = new SearchResult.Item(uuid, operator == null ? partnerName : operator, site, url,
                true, partnerName, pseudonym, driver, passenger, regular ? "regular" : "punctual", "outward",
                new SearchResult.Place(fromPlace, fromPostal, fromLat, fromLon, round(fromKm)),
                new SearchResult.Place(toPlace, toPostal, toLat, toLon, round(toKm)),
                distanceM == null || distanceM < 0 ? null
                        : BigDecimal.valueOf(Math.round(distanceM / 100.0) / 10.0).setScale(1, RoundingMode.HALF_UP),
                durationS == null || durationS < 0 ? null : (durationS + 30) / 60,
                JourneyIntake.seats(seats), price, validFrom, validTo, punctual,
                regularDays, round(fromKm + toKm), timeDiff);
        return new LiveJourney(item, recipientId, role, alias, recipientOperator);
    }

    static int bit(DayOfWeek d) {
        return 1 << (d.getValue() - 1);
    }

    static String dayName(DayOfWeek d) {
        return d.name().toLowerCase(Locale.ROOT);
    }

    /** {mintime, maxtime} of an RDEX 1.2 day, or null. */
    private static LocalTime[] window(JsonNode day) {
        LocalTime min = time(day.path("mintime"));
        LocalTime max = time(day.path("maxtime"));
        if (min == null && max == null) {
            return null;
        }
        return new LocalTime[] { min == null ? max : min, max == null ? min : max };
    }

    private static LocalTime time(JsonNode n) {
        String t = text(n);
        if (t == null || t.length() > 8) {
            return null;
        }
        try {
            return LocalTime.parse(t).truncatedTo(ChronoUnit.MINUTES);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate date(JsonNode n) {
        String t = text(n);
        if (t == null || t.length() > 10) {
            return null;
        }
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** 1 as a number or a string (Mobicoop's fixtures carry both). */
    private static boolean state(JsonNode n) {
        return n.isNumber() && n.asInt() == 1 || n.isTextual() && n.asText().trim().equals("1")
                || n.isBoolean() && n.asBoolean();
    }

    private static String id(JsonNode n) {
        String v = n.isIntegralNumber() ? n.asText() : n.isTextual() ? n.asText().strip() : null;
        return v == null || v.isEmpty() || v.length() > MAX_ID || Texts.hasControlCharacters(v, false) ? null : v;
    }

    private static Double number(JsonNode n) {
        if (n.isNumber()) {
            double d = n.asDouble();
            return Double.isFinite(d) ? d : null;
        }
        if (n.isTextual() && n.asText().length() <= 32) {
            try {
                double d = Double.parseDouble(n.asText().trim());
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Integer integer(JsonNode n) {
        Double d = number(n);
        return d == null || Math.abs(d) > 1e9 ? null : (int) Math.round(d);
    }

    /** Whether the value, absent or as {@link #text} reads it, is within {@code max} characters. */
    private static boolean fits(JsonNode n, int max) {
        return !n.isTextual() && !n.isNumber() || FieldLimits.fits(n.asText().strip(), max);
    }

    private static String text(JsonNode n) {
        if (!n.isTextual() && !n.isNumber()) {
            return null;
        }
        String v = n.asText().replaceAll("\\p{Cntrl}", " ").strip();
        if (v.isEmpty()) {
            return null;
        }
        return v.length() <= MAX_TEXT ? v : v.substring(0, MAX_TEXT);
    }

    /** A bare host name (RDEX 1.2 {@code origin}, standard {@code operator}), or null. */
    private static String host(String v) {
        return v != null && v.length() <= FieldLimits.HOST && v.matches("[A-Za-z0-9.-]+") ? v.toLowerCase(Locale.ROOT) : null;
    }

    /**
     * The journey's link as Mobicoop's client reads it: missing, the origin's home page; then the project's one
     * link rule, a link without scheme taken as https ({@link FieldRules.BareLink#HTTPS}).
     */
    private static String url(String v, String origin) {
        String u = v == null && origin != null ? origin : v;
        return u == null || u.length() > MAX_URL ? null : FieldRules.partnerLink(u, FieldRules.BareLink.HTTPS);
    }

    private static boolean valid(Double lat, Double lon) {
        return JourneyIntake.validPoint(lat, lon);
    }

    private static double round(double km) {
        return Math.round(km * 10) / 10.0;
    }
}
