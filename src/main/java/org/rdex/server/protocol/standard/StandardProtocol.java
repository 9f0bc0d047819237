package org.rdex.server.protocol.standard;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.rdex.server.common.Secrets;
import org.rdex.server.live.PartnerAnswers;
import org.rdex.server.live.LiveConfig;
import org.rdex.server.live.PartnerHttp;
import org.rdex.server.model.DayWindow;
import org.rdex.server.model.SharedJourney;
import org.rdex.server.protocol.CheckResult;
import org.rdex.server.protocol.ContactTarget;
import org.rdex.server.protocol.LiveJourney;
import org.rdex.server.protocol.OutboundMessage;
import org.rdex.server.protocol.PartnerProbe;
import org.rdex.server.protocol.PartnerProtocol;
import org.rdex.server.protocol.ProtocolEndpoint;
import org.rdex.server.search.SearchRequest;

import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The client side of standard-covoiturage: {@code GET {url}/driver_journeys} and {@code /passenger_journeys}
 * for live search, {@code POST {url}/messages} for contacts, with the {@code X-API-Key} the partner gave us.
 * Punctual searches only: the standard's journeys are dated.
 */
@ApplicationScoped
public class StandardProtocol implements PartnerProtocol {

    public static final String KIND = "standard";
    /** The playground's smallest radius case: the partner's own journey lies at the searched points. */
    static final double CHECK_RADIUS_KM = 1.0;
    /** Journeys asked for by the partner check's search. */
    static final int CHECK_COUNT = 10;

    @Inject
    PartnerHttp http;
    @Inject
    LiveConfig config;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String title() {
        return "standard-covoiturage";
    }

    @Override
    public String description() {
        return "standard-covoiturage API root ({url}/driver_journeys, {url}/messages), with an X-API-Key";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public String urlField() {
        return "standardUrl";
    }

    @Override
    public List<Setting> settings() {
        return List.of(new Setting("apiKey", "standardApiKey", true, "API key"));
    }

    @Override
    public CompletableFuture<List<LiveJourney>> search(ProtocolEndpoint p, SearchRequest r) {
        if (r.toLat() == null || r.frequency() == SearchRequest.Frequency.REGULAR) {
            return null;
        }
        List<CompletableFuture<List<LiveJourney>>> parts = new ArrayList<>(2);
        if (r.role() != SearchRequest.Role.PASSENGER) {
            parts.add(search(p, r, true));
        }
        if (r.role() != SearchRequest.Role.DRIVER) {
            parts.add(search(p, r, false));
        }
        CompletableFuture<List<LiveJourney>> all = CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(v -> {
                    List<LiveJourney> out = new ArrayList<>();
                    parts.forEach(f -> out.addAll(f.join()));
                    return out;
                });
        all.whenComplete((v, e) -> {
            if (e != null) {
                parts.forEach(f -> f.cancel(true));
            }
        });
        return all;
    }

    private CompletableFuture<List<LiveJourney>> search(ProtocolEndpoint p, SearchRequest r, boolean drivers) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(searchUrl(p, r, drivers)))
                .timeout(p.timeout()).header("Accept", "application/json").header("X-API-Key", p.secret("apiKey"))
                .GET().build();
        int max = config.maxResultsPerPartner();
        return http.send(request, p.fingerprint())
                .thenApply(a -> PartnerAnswers.standard(http.ok(a), r, p.partnerName(), drivers, config.zone(), max));
    }

    /**
     * {@code GET {url}/driver_journeys} (or passenger_journeys): one departure instant and a margin covering the
     * searched dates and hours (the answer is then filtered to the searched days and window).
     */
    String searchUrl(ProtocolEndpoint p, SearchRequest r, boolean drivers) {
        LocalDateTime from = r.dateFrom().atTime(r.timeFrom());
        LocalDateTime to = r.dateTo().atTime(r.timeTo());
        long fromS = from.atZone(config.zone()).toEpochSecond();
        long toS = to.atZone(config.zone()).toEpochSecond();
        long middle = (fromS + toS) / 2;
        long delta = Math.max(60, (toS - fromS + 1) / 2);
        int count = Math.min(r.size(), config.maxResultsPerPartner());
        return p.url() + (drivers ? "/driver_journeys" : "/passenger_journeys")
                + "?departureLat=" + plain(r.fromLat()) + "&departureLng=" + plain(r.fromLon())
                + "&arrivalLat=" + plain(r.toLat()) + "&arrivalLng=" + plain(r.toLon())
                + "&departureDate=" + middle + "&timeDelta=" + delta
                + "&departureRadius=" + plain(r.fromRadiusKm()) + "&arrivalRadius=" + plain(r.toRadiusKm())
                + "&count=" + count;
    }

    @Override
    public HttpRequest contact(ProtocolEndpoint p, ContactTarget target, OutboundMessage message, Duration timeout) {
        // A stable id of our user that does not show the address (the address is in the text, by choice).
        StandardWire.User from = new StandardWire.User(
                Secrets.sha256Hex(message.email().toLowerCase(Locale.ROOT)).substring(0, 32), message.site(),
                message.pseudonym());
        // Without the answer that showed the journey (restart, other instance), the journey id stands in.
        StandardWire.User to = new StandardWire.User(target.recipientId() != null ? target.recipientId() : target.uuid(),
                target.recipientOperator() != null ? target.recipientOperator() : p.operator(),
                target.recipientAlias() != null ? target.recipientAlias() : "-");
        boolean toDriver = target.toDriver();
        StandardWire.Message body = new StandardWire.Message(from, to, message.text(), toDriver ? "DRIVER" : "PASSENGER",
                toDriver ? target.uuid() : null, toDriver ? null : target.uuid());
        String json;
        try {
            json = http.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return HttpRequest.newBuilder(URI.create(p.url() + "/messages")).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("X-API-Key", p.secret("apiKey"))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    }

    /**
     * {@code /status}, then the playground's assertions on a search near one of the partner's own journeys
     * (radius {@value #CHECK_RADIUS_KM} km, its departure window).
     */
    @Override
    public List<CheckResult> check(ProtocolEndpoint endpoint, PartnerProbe probe) {
        List<CheckResult> results = new ArrayList<>();
        Map<String, String> key = Map.of("X-API-Key", endpoint.secret("apiKey"));
        PartnerProbe.Call status = probe.get(endpoint.url() + "/status", key);
        results.add(status.failure() != null ? CheckResult.fail("standard.status", status.failure())
                : StandardRules.standardStatus(status.status()));
        SharedJourney sample = probe.sample();
        if (sample == null) {
            results.add(CheckResult.warn("standard.search", "no journey of its own (from its file) to search near: not searched"));
            return results;
        }
        long[] departure = departure(sample, probe.zone());
        StandardRules.StandardQuery q = new StandardRules.StandardQuery(sample.from().lat(), sample.from().lon(),
                sample.to().lat(), sample.to().lon(), CHECK_RADIUS_KM, CHECK_RADIUS_KM, departure[0], departure[1],
                CHECK_COUNT);
        String url = endpoint.url() + (sample.driver() ? "/driver_journeys" : "/passenger_journeys")
                + "?departureLat=" + q.departureLat() + "&departureLng=" + q.departureLng() + "&arrivalLat="
                + q.arrivalLat() + "&arrivalLng=" + q.arrivalLng() + "&departureDate=" + q.departureDate()
                + "&timeDelta=" + q.timeDelta() + "&departureRadius=" + q.departureRadiusKm() + "&arrivalRadius="
                + q.arrivalRadiusKm() + "&count=" + q.count();
        PartnerProbe.Call call = probe.get(url, key);
        if (call.failure() != null) {
            results.add(CheckResult.fail("standard.search", call.failure()));
        } else {
            results.addAll(StandardRules.standardAnswer(call.status(), call.json(), q, sample.uuid()));
        }
        return results;
    }

    /**
     * The journey's next departure as {epoch second, timeDelta}: the middle of its window on its date (or the
     * first day of the coming week it runs), the delta reaching both ends plus the playground's 15 minutes.
     */
    static long[] departure(SharedJourney j, ZoneId zone) {
        LocalDate date;
        LocalTime min;
        LocalTime max;
        if (j.punctual() != null) {
            date = j.punctual().date();
            min = j.punctual().minTime();
            max = j.punctual().maxTime();
        } else {
            LocalDate d = LocalDate.now(zone);
            if (j.activeFrom() != null && j.activeFrom().isAfter(d)) {
                d = j.activeFrom();
            }
            DayWindow w = null;
            for (int i = 0; i < 7 && w == null; i++, d = d.plusDays(1)) {
                w = window(j.regular().days().get(DayOfWeek.from(d)));
            }
            date = d.minusDays(1);
            min = w == null ? null : w.depMin();
            max = w == null ? null : w.depMax();
        }
        LocalTime lo = min != null ? min : max != null ? max : LocalTime.NOON;
        LocalTime hi = max != null ? max : lo;
        long from = LocalDateTime.of(date, lo).atZone(zone).toEpochSecond();
        long to = LocalDateTime.of(date, hi).atZone(zone).toEpochSecond();
        long middle = (from + to) / 2;
        long delta = (min == null && max == null ? 12 * 3600 : (Math.abs(to - from) + 1) / 2) + 900;
        return new long[] { middle, delta };
    }

    private static DayWindow window(DayWindow w) {
        return w == null || w.depMin() == null && w.depMax() == null ? null : w;
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
