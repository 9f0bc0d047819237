package org.rdex.server.protocol.rdexplus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.common.Texts;
import org.rdex.server.contact.ProtocolRoutes;
import org.rdex.server.live.LiveAnswers;
import org.rdex.server.live.LiveConfig;
import org.rdex.server.protocol.LiveJourney;
import org.rdex.server.live.PartnerHttp;
import org.rdex.server.model.FieldLimits;
import org.rdex.server.search.SearchRequest;
import org.rdex.server.search.SearchResult;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Calls a partner speaking RDEX+ 2.0.1: a live search ({@code GET {url}/journeys}) and a contact to the
 * author of one of its journeys ({@code POST {url}/messages}), the key in the {@code api_key} header. HTTP
 * goes through {@link PartnerHttp} (pinned TLS, no redirect, body capped while it streams, JSON read under
 * limits); answers are bound to {@link RdexPlusWire} records with no coercion (a string where a number is
 * due, a fraction where an integer is, makes that journey unreadable, and it is skipped); an answer that is
 * not the documented object is a failure of the partner ({@link PartnerHttp.BadAnswer}). Journeys then go
 * through {@link LiveAnswers} as every protocol's do: texts cleaned, URLs by the one rule, role, frequency,
 * radii, dates and hours of the search applied.
 *
 * <p>This class knows no partner row: {@link RdexPlusProtocol} calls it with a partner's settings (url, key,
 * pin, timeout).
 */
@ApplicationScoped
public class RdexPlusClient {

    /** {@code details}: the document's 500 at most. */
    public static final int MAX_DETAILS = 500;
    /** The widest {@code timeDelta} asked: a server of ours refuses more (rdex.rdexplus.max-time-delta). */
    static final long MAX_DELTA = 43_200;
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Inject
    PartnerHttp http;
    @Inject
    LiveConfig live;

    private ObjectMapper strict;

    /** PartnerHttp's mapper (its JSON limits) with no coercion of scalars. */
    @PostConstruct
    void init() {
        ObjectMapper m = http.mapper().copy().configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        // Nor a number or a boolean where the document says string.
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict = m;
    }

    private ObjectMapper strict() {
        return strict;
    }

    /** Whether RDEX+ can ask this search: it needs a destination. */
    public static boolean canSearch(SearchRequest r) {
        return r.toLat() != null && r.toLon() != null && r.daysMask() != 0;
    }

    /**
     * Asks the partner at {@code url} (its RDEX+ root, without {@code /journeys}) for the journeys of
     * {@code r}; the future completes with at most {@code rdex.live.max-results-per-partner} journeys or fails
     * ({@link PartnerHttp.BadAnswer} for an HTTP error, a body too large or not the documented object, an
     * {@link HttpTimeoutException} past {@code timeout}).
     *
     * @param apiKey      the key the partner issued us, sent as {@code api_key}
     * @param fingerprint the partner's certificate pin, or null for the JDK's trust
     * @param partnerName our name of the partner, shown on its journeys
     * @throws IllegalArgumentException when {@link #canSearch} is false, or the url is not one
     */
    public CompletableFuture<List<LiveJourney>> search(String url, String apiKey, String fingerprint, Duration timeout,
            String partnerName, SearchRequest r) {
        if (!canSearch(r)) {
            throw new IllegalArgumentException("RDEX+ needs a destination and a weekday");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(searchUrl(url, r))).timeout(timeout)
                .header("Accept", "application/json").header(RdexPlusCredentials.API_KEY_HEADER, apiKey).GET().build();
        int max = live.maxResultsPerPartner();
        return send(request, fingerprint).thenApply(a -> {
            if (a.status() != 200) {
                throw new PartnerHttp.BadAnswer("http_" + a.status(), "HTTP " + a.status());
            }
            return read(http.parse(a.body()), r, partnerName, max);
        });
    }

    /**
     * {@code GET {url}/journeys?...} of the search: a dated search (punctual or both) asks the middle of the
     * searched dates and hours with a margin covering them (at most 12 h; the answer is then filtered to the
     * searched days and window); a regular one asks the dates as validity and, with a window, the window's
     * middle as the UTC time of each searched weekday.
     */
    public String searchUrl(String url, SearchRequest r) {
        ZoneId zone = live.zone();
        Map<String, String> q = new LinkedHashMap<>();
        q.put("departureLat", plain(r.fromLat()));
        q.put("departureLng", plain(r.fromLon()));
        q.put("arrivalLat", plain(r.toLat()));
        q.put("arrivalLng", plain(r.toLon()));
        q.put("carpoolerType", r.role() == null ? "both" : r.role() == SearchRequest.Role.DRIVER ? "driver" : "passenger");
        q.put("frequency", switch (r.frequency()) {
        case PUNCTUAL -> "punctual";
        case REGULAR -> "regular";
        case ANY -> "both";
        });
        if (r.frequency() == SearchRequest.Frequency.REGULAR) {
            q.put("departureDate", Long.toString(r.dateFrom().atStartOfDay(zone).toEpochSecond()));
            q.put("maxDate", Long.toString(r.dateTo().atTime(LocalTime.MAX).atZone(zone).toEpochSecond()));
            if (r.windowGiven()) {
                int a = r.timeFrom().toSecondOfDay();
                int b = r.timeTo().toSecondOfDay();
                ZoneOffset offset = RdexPlusService.utcOffset(zone);
                String time = LocalTime.ofSecondOfDay((a + b) / 2).atOffset(offset)
                        .withOffsetSameInstant(ZoneOffset.UTC).toLocalTime().format(HH_MM_SS);
                String[] times = new String[7];
                Long[] deltas = new Long[7];
                for (DayOfWeek d : DayOfWeek.values()) {
                    if ((r.daysMask() & (1 << (d.getValue() - 1))) != 0) {
                        times[d.getValue() - 1] = time;
                        deltas[d.getValue() - 1] = (long) Math.max(60, (b - a + 1) / 2);
                    }
                }
                try {
                    q.put("regularSchedule", strict().writeValueAsString(List.of(RdexPlusWire.WeekSchedule.of(times,
                            deltas))));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        } else {
            long from = r.dateFrom().atTime(r.timeFrom()).atZone(zone).toEpochSecond();
            long to = r.dateTo().atTime(r.timeTo()).atZone(zone).toEpochSecond();
            q.put("departureDate", Long.toString((from + to) / 2));
            q.put("timeDelta", Long.toString(Math.min(MAX_DELTA, Math.max(60, (to - from + 1) / 2))));
        }
        q.put("departureRadius", plain(r.fromRadiusKm()));
        q.put("arrivalRadius", plain(r.toRadiusKm()));
        q.put("count", Integer.toString(Math.min(r.size(), live.maxResultsPerPartner())));
        StringBuilder out = new StringBuilder(strip(url)).append("/journeys");
        char sep = '?';
        for (Map.Entry<String, String> e : q.entrySet()) {
            out.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return out.toString();
    }

    /**
     * The journeys of an answer ({@code {"journeys":[...]}}), {@code max} at most; an element that does not
     * bind, or lacks what we need (id, coordinates, role, dates), is skipped.
     */
    List<LiveJourney> read(JsonNode answer, SearchRequest r, String partnerName, int max) {
        if (!answer.isObject()) {
            throw new PartnerHttp.BadAnswer("malformed", "not an object");
        }
        JsonNode journeys = answer.path("journeys");
        if (journeys.isMissingNode()) {
            return List.of();
        }
        if (!journeys.isArray()) {
            throw new PartnerHttp.BadAnswer("malformed", "journeys not an array");
        }
        List<LiveJourney> out = new ArrayList<>();
        for (JsonNode element : journeys) {
            if (out.size() >= max) {
                break;
            }
            RdexPlusWire.Journey j;
            try {
                j = strict().treeToValue(element, RdexPlusWire.Journey.class);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                continue;
            }
            LiveJourney journey = j == null ? null : journey(j, r, partnerName);
            if (journey != null) {
                out.add(journey);
            }
        }
        return out;
    }

    private LiveJourney journey(RdexPlusWire.Journey j, SearchRequest r, String partnerName) {
        String id = id(j.id());
        if (id == null || j.from() == null || j.to() == null || j.user() == null || !valid(j.from()) || !valid(j.to())
                || j.outward() == null || j.outward().departureDate() == null
                || Math.abs(j.outward().departureDate()) > 100_000_000_000L) {
            return null;
        }
        boolean driver;
        boolean passenger;
        switch (j.carpoolerType() == null ? "" : j.carpoolerType()) {
        case "driver" -> {
            driver = true;
            passenger = false;
        }
        case "passenger" -> {
            driver = false;
            passenger = true;
        }
        case "both" -> {
            driver = true;
            passenger = true;
        }
        default -> {
            return null;
        }
        }
        if (!FieldLimits.fits(j.operator(), FieldLimits.HOST) || !FieldLimits.fits(j.operatorUrl(), FieldLimits.URL)
                || !FieldLimits.fits(j.webUrl(), FieldLimits.URL) || !FieldLimits.fits(j.user().alias(), FieldLimits.SHORT_TEXT)
                || !fits(j.from()) || !fits(j.to())) {
            return null;
        }
        String site = LiveAnswers.host(hostOf(j.operatorUrl()));
        if (site == null) {
            site = LiveAnswers.host(clean(j.operator()));
        }
        ZoneId zone = live.zone();
        boolean regular = "regular".equals(j.frequency());
        SearchResult.Punctual punctual = null;
        Map<String, Object> days = null;
        LocalTime[] window = null;
        LocalDate validFrom;
        LocalDate validTo;
        if (!regular) {
            LocalDateTime at = LocalDateTime.ofInstant(Instant.ofEpochSecond(j.outward().departureDate()), zone)
                    .truncatedTo(ChronoUnit.MINUTES);
            LocalDate date = at.toLocalDate();
            LocalTime time = at.toLocalTime();
            if (date.isBefore(r.dateFrom()) || date.isAfter(r.dateTo()) || (r.daysMask() & bit(date.getDayOfWeek())) == 0
                    || r.windowGiven() && (time.isBefore(r.timeFrom().truncatedTo(ChronoUnit.MINUTES))
                            || time.isAfter(r.timeTo()))) {
                return null;
            }
            long delta = margin(j.outward().timeDelta(), 0);
            LocalTime min = clamp(time.toSecondOfDay() - delta);
            LocalTime max = clamp(time.toSecondOfDay() + delta);
            punctual = new SearchResult.Punctual(date, min, max);
            window = new LocalTime[] { min, max };
            validFrom = date;
            validTo = date;
        } else {
            validFrom = LocalDate.ofInstant(Instant.ofEpochSecond(j.outward().departureDate()), zone);
            Long maxDate = j.outward().maxDate();
            validTo = maxDate == null || Math.abs(maxDate) > 100_000_000_000L ? null
                    : LocalDate.ofInstant(Instant.ofEpochSecond(maxDate), zone);
            if (validTo != null && validTo.isBefore(r.dateFrom()) || validFrom.isAfter(r.dateTo())) {
                return null;
            }
            ZoneOffset offset = RdexPlusService.utcOffset(zone);
            LocalTime[][] out = windows(j.outward(), offset);
            LocalTime[][] back = j.returnSchedule() == null ? new LocalTime[7][] : windows(j.returnSchedule(), offset);
            days = new LinkedHashMap<>();
            for (DayOfWeek d : DayOfWeek.values()) {
                LocalTime[] dep = out[d.getValue() - 1];
                LocalTime[] ret = back[d.getValue() - 1];
                if (dep == null && ret == null) {
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
                if (ret != null) {
                    day.put("retMin", ret[0].toString());
                    day.put("retMax", ret[1].toString());
                }
                days.put(d.name().toLowerCase(Locale.ROOT), day);
            }
            if (days.isEmpty()) {
                return null;
            }
        }
        Integer seats = driver ? j.availableSeats() : j.requestedSeats();
        BigDecimal price = null;
        if (j.price() != null && "free".equals(j.price().type())) {
            price = BigDecimal.ZERO.setScale(2);
        } else if (j.price() != null && j.price().amount() != null && Double.isFinite(j.price().amount())
                && j.price().amount() >= 0 && j.price().amount() < 10_000
                && ("fixed".equals(j.price().type()) || "variable".equals(j.price().type()))) {
            price = BigDecimal.valueOf(j.price().amount()).setScale(2, RoundingMode.HALF_UP);
        }
        String alias = clean(j.user().alias());
        return LiveAnswers.finish(r, partnerName, id, clean(j.operator()), site, LiveAnswers.url(clean(j.webUrl()), site),
                alias, driver, passenger, regular, j.from().latitude(), j.from().longitude(), place(j.from()),
                code(j.from().postalCode()), j.to().latitude(), j.to().longitude(), place(j.to()),
                code(j.to().postalCode()), bounded(j.distance()), bounded(j.duration()), seats, price, validFrom, validTo,
                punctual, days, window, id(j.user().id()), driver ? "DRIVER" : "PASSENGER", alias, site);
    }

    /** Per ISO weekday (index 0 = Monday), the window of a schedule's time ± its margin, in our zone; nulls for none. */
    private static LocalTime[][] windows(RdexPlusWire.WaySchedule way, ZoneOffset offset) {
        LocalTime[][] out = new LocalTime[7][];
        List<RdexPlusWire.WeekSchedule> weeks = way.regularSchedule() == null ? List.of() : way.regularSchedule();
        for (RdexPlusWire.WeekSchedule week : weeks.subList(0, Math.min(7, weeks.size()))) {
            if (week == null) {
                continue;
            }
            for (int day = 1; day <= 7; day++) {
                String t = week.time(day);
                if (t == null || t.length() > 8 || out[day - 1] != null) {
                    continue;
                }
                LocalTime utc;
                try {
                    utc = LocalTime.parse(t);
                } catch (DateTimeParseException e) {
                    continue;
                }
                int local = utc.atOffset(ZoneOffset.UTC).withOffsetSameInstant(offset).toLocalTime().toSecondOfDay();
                long delta = margin(week.delta(day), margin(way.timeDelta(), 900));
                out[day - 1] = new LocalTime[] { clamp(local - delta).truncatedTo(ChronoUnit.MINUTES),
                        clamp(local + delta).truncatedTo(ChronoUnit.MINUTES) };
            }
        }
        return out;
    }

    /**
     * Sends {@code message} to the partner at {@code url} (its RDEX+ root) and waits for its answer,
     * {@code timeout} at most: 201 is delivered; the partner's status and error code otherwise.
     *
     * @return the exchange as the contact relay records it (status null when it never answered)
     */
    public ProtocolRoutes.Exchange contact(String url, String apiKey, String fingerprint, Duration timeout,
            RdexPlusWire.Message message) {
        HttpRequest request = contactRequest(url, apiKey, timeout, message);
        CompletableFuture<PartnerHttp.Answer> call = send(request, fingerprint);
        try {
            PartnerHttp.Answer answer = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String retryAfter = answer.retryAfter() != null && answer.retryAfter().matches("\\d{1,6}")
                    ? answer.retryAfter() : null;
            return new ProtocolRoutes.Exchange(answer.status(), errorCode(answer.body()), retryAfter, false, null);
        } catch (TimeoutException e) {
            call.cancel(true);
            return new ProtocolRoutes.Exchange(null, null, null, true, "timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new ApiException(503, "service_unavailable", "Interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return new ProtocolRoutes.Exchange(null, null, null, true, "timeout");
            }
            if (cause instanceof PartnerHttp.BadAnswer bad) {
                return new ProtocolRoutes.Exchange(null, null, null, false, bad.kind());
            }
            return new ProtocolRoutes.Exchange(null, null, null, false, cause == null ? "failed"
                    : cause.getClass().getSimpleName().toLowerCase(Locale.ROOT));
        }
    }

    /** {@code POST {url}/messages} of {@code message}, the key in {@code api_key}; not sent. */
    public HttpRequest contactRequest(String url, String apiKey, Duration timeout, RdexPlusWire.Message message) {
        String json;
        try {
            json = strict().writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return HttpRequest.newBuilder(URI.create(strip(url) + "/messages")).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header(RdexPlusCredentials.API_KEY_HEADER, apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    }

    /**
     * The message of our user to the author of a partner's journey.
     *
     * @param journeyId     the partner's journey id (from its answer)
     * @param recipientId   the partner's id of the author ({@code user.id}), null to let the journey id stand in
     * @param recipientRole {@code DRIVER} or {@code PASSENGER}, the author's role on that journey
     * @param senderId      a stable id of our user that does not show the address (it stands in for the
     *                      sender's journey id too, which the document requires and a contact has not)
     * @param senderAlias   our user's pseudonym
     * @param text          the message, {@link #MAX_DETAILS} characters at most
     * @param site          our site (a host name), sent as the sender's {@code OperatorUrl}
     * @param operatorName  our operator name
     * @throws ApiException 400 when the text is longer than the document allows
     */
    public static RdexPlusWire.Message message(String journeyId, String recipientId, String recipientRole,
            String senderId, String senderAlias, String text, String site, String operatorName) {
        if (text.codePointCount(0, text.length()) > MAX_DETAILS) {
            throw ApiException.invalid(List.of(new FieldError("message", "must fit in " + MAX_DETAILS
                    + " characters for this partner's protocol (rdexplus)")));
        }
        String recipient = recipientId != null ? recipientId : journeyId;
        String siteUrl = site.contains("://") ? site : "https://" + site;
        return "PASSENGER".equals(recipientRole)
                ? new RdexPlusWire.Message(senderId, senderId, senderAlias, journeyId, recipient, null, text, operatorName,
                        siteUrl, null, null, "passenger")
                : new RdexPlusWire.Message(journeyId, recipient, null, senderId, senderId, senderAlias, text, null, null,
                        operatorName, siteUrl, "driver");
    }

    /** The one way this client reaches a partner (the pinned client of the live package). */
    private CompletableFuture<PartnerHttp.Answer> send(HttpRequest request, String fingerprint) {
        return http.send(request, fingerprint);
    }

    /** The {@code errorCode} of a body ({@code {"errorCode":...}}), or null. */
    private String errorCode(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            String code = http.parse(body).path("errorCode").asText(null);
            return code != null && code.matches("[a-z_]{1,40}") ? code : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String id(String v) {
        String s = v == null ? null : v.strip();
        return s == null || s.isEmpty() || s.length() > FieldLimits.UUID || Texts.hasControlCharacters(s, false) ? null : s;
    }

    private static String clean(String v) {
        return v == null ? null : LiveAnswers.text(TextNode.valueOf(v));
    }

    private static String hostOf(String url) {
        if (url == null || url.length() > FieldLimits.URL) {
            return null;
        }
        try {
            return new URI(url.contains("://") ? url.strip() : "https://" + url.strip()).getHost();
        } catch (Exception e) {
            return null;
        }
    }

    private static String place(RdexPlusWire.Geopoint p) {
        return clean(p.city() != null ? p.city() : p.address());
    }

    private static String code(String v) {
        String c = clean(v);
        return c != null && c.length() <= FieldLimits.CODE ? c : null;
    }

    private static boolean fits(RdexPlusWire.Geopoint p) {
        return FieldLimits.fits(p.city(), FieldLimits.SHORT_TEXT) && FieldLimits.fits(p.address(), FieldLimits.SHORT_TEXT)
                && FieldLimits.fits(p.postalCode(), FieldLimits.CODE) && FieldLimits.fits(p.country(), FieldLimits.SHORT_TEXT);
    }

    private static boolean valid(RdexPlusWire.Geopoint p) {
        Double lat = p.latitude();
        Double lon = p.longitude();
        return lat != null && lon != null && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
    }

    private static Integer bounded(Long v) {
        return v == null || Math.abs(v) > 1_000_000_000L ? null : v.intValue();
    }

    private static long margin(Long v, long fallback) {
        return v == null || v < 0 || v > MAX_DELTA ? fallback : v;
    }

    private static LocalTime clamp(long second) {
        return LocalTime.ofSecondOfDay(Math.max(0, Math.min(LocalTime.MAX.toSecondOfDay(), second)));
    }

    private static int bit(DayOfWeek d) {
        return 1 << (d.getValue() - 1);
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
