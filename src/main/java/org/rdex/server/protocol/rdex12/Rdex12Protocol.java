package org.rdex.server.protocol.rdex12;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.rdex.server.live.PartnerAnswers;
import org.rdex.server.live.LiveConfig;
import org.rdex.server.live.PartnerHttp;
import org.rdex.server.model.SharedJourney;
import org.rdex.server.protocol.CheckResult;
import org.rdex.server.protocol.ContactTarget;
import org.rdex.server.protocol.LiveJourney;
import org.rdex.server.protocol.OutboundMessage;
import org.rdex.server.protocol.PartnerProbe;
import org.rdex.server.protocol.PartnerProtocol;
import org.rdex.server.protocol.ProtocolEndpoint;
import org.rdex.server.search.SearchRequest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The client side of RDEX 1.2 (Mobicoop's JSON API): signed {@code GET {url}/journeys} for live search and
 * signed {@code POST {url}/connections} for contacts, with the public {@code apikey} and the private key the
 * partner gave us.
 */
@ApplicationScoped
public class Rdex12Protocol implements PartnerProtocol {

    public static final String KIND = "rdex12";
    /** Journeys asked for by the partner check's search. */
    private static final int CHECK_COUNT = 10;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

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
        return "RDEX 1.2";
    }

    @Override
    public String description() {
        return "RDEX 1.2 API root ({url}/journeys, {url}/connections), signed with the partner's key pair";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String urlField() {
        return "rdex12Url";
    }

    @Override
    public List<Setting> settings() {
        return List.of(new Setting("apikey", "rdex12Apikey", false, "apikey (public)"),
                new Setting("privateKey", "rdex12PrivateKey", true, "signing key, the secret half"));
    }

    @Override
    public CompletableFuture<List<LiveJourney>> search(ProtocolEndpoint endpoint, SearchRequest r) {
        if (r.toLat() == null) {
            return null;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(journeysUrl(endpoint, r)))
                .timeout(endpoint.timeout()).header("Accept", "application/json").GET().build();
        int max = config.maxResultsPerPartner();
        return http.send(request, endpoint.fingerprint())
                .thenApply(a -> PartnerAnswers.rdex12(http.ok(a), r, endpoint.partnerName(), max));
    }

    /** The signed {@code GET {url}/journeys} of this search, as Mobicoop's client builds it. */
    public static String journeysUrl(ProtocolEndpoint p, SearchRequest r) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("driver", Map.of("state", r.role() == SearchRequest.Role.PASSENGER ? 0 : 1));
        q.put("passenger", Map.of("state", r.role() == SearchRequest.Role.DRIVER ? 0 : 1));
        q.put("from", coordinates(r.fromLat(), r.fromLon()));
        q.put("to", coordinates(r.toLat(), r.toLon()));
        if (r.frequency() != SearchRequest.Frequency.ANY) {
            q.put("frequency", r.frequency() == SearchRequest.Frequency.REGULAR ? "regular" : "punctual");
        }
        Map<String, Object> outward = new LinkedHashMap<>();
        // A date in the past is refused by Mobicoop (400): the search starts today at the earliest.
        LocalDate today = LocalDate.now();
        LocalDate min = r.dateFrom().isBefore(today) && !r.dateTo().isBefore(today) ? today : r.dateFrom();
        outward.put("mindate", min.toString());
        outward.put("maxdate", r.dateTo().toString());
        if (r.windowGiven()) {
            for (DayOfWeek d : DayOfWeek.values()) {
                if ((r.daysMask() & PartnerAnswers.bit(d)) != 0) {
                    Map<String, Object> day = new LinkedHashMap<>();
                    day.put("mintime", r.timeFrom().format(TIME));
                    day.put("maxtime", r.timeTo().format(TIME));
                    outward.put(PartnerAnswers.dayName(d), day);
                }
            }
        }
        q.put("outward", outward);
        return signedUrl(p, "journeys", q);
    }

    /** {@code {url}/{resource}} with timestamp, apikey and signature (and the query's pairs). */
    public static String signedUrl(ProtocolEndpoint p, String resource, Map<String, Object> query) {
        return Rdex12Signer.signedUrl(p.url(), resource, Instant.now().getEpochSecond(), p.setting("apikey"), query,
                p.secret("privateKey"));
    }

    @Override
    public HttpRequest contact(ProtocolEndpoint p, ContactTarget target, OutboundMessage message, Duration timeout) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("origin", message.site());
        body.put("operator", message.operator());
        body.put("details", message.text());
        body.put("journeys", Map.of("uuid", target.uuid()));
        boolean toDriver = target.toDriver();
        Map<String, Object> recipient = new LinkedHashMap<>();
        // Without the answer that showed the journey (restart, other instance), the journey uuid stands in: the
        // recipient's uuid is required, and servers like ours key their users by journey.
        recipient.put("uuid", target.recipientId() != null ? target.recipientId() : target.uuid());
        recipient.put("state", "recipient");
        Map<String, Object> sender = new LinkedHashMap<>();
        sender.put("alias", message.pseudonym());
        sender.put("state", "sender");
        body.put("driver", toDriver ? recipient : sender);
        body.put("passenger", toDriver ? sender : recipient);
        return HttpRequest.newBuilder(URI.create(signedUrl(p, "connections", null))).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Rdex12Signer.httpBuildQuery(body), StandardCharsets.UTF_8))
                .build();
    }

    /**
     * A signed search near the partner's own journey (answer shape and types, its journey found), and a signed
     * search without {@code from} and {@code to}, which every RDEX 1.2 server must refuse with its error body.
     */
    @Override
    public List<CheckResult> check(ProtocolEndpoint endpoint, PartnerProbe probe) {
        List<CheckResult> results = new ArrayList<>();
        SharedJourney sample = probe.sample();
        if (sample == null) {
            results.add(CheckResult.warn("rdex12.search", "no journey of its own (from its file) to search near: not searched"));
        } else {
            LocalDate[] dates = checkDates(sample, probe.zone());
            SearchRequest r = new SearchRequest(sample.from().lat(), sample.from().lon(), 10, sample.to().lat(),
                    sample.to().lon(), 10, dates[0], dates[1], LocalTime.MIN, LocalTime.of(23, 59, 59), false, null,
                    SearchRequest.Frequency.ANY, 0x7f, 1, CHECK_COUNT);
            PartnerProbe.Call call = probe.get(journeysUrl(endpoint, r), Map.of());
            if (call.failure() != null) {
                results.add(CheckResult.fail("rdex12.search", call.failure()));
            } else {
                results.addAll(Rdex12Rules.rdex12Answer(call.status(), call.json(), sample.uuid()));
            }
        }
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("driver", Map.of("state", 1));
        bad.put("passenger", Map.of("state", 1));
        bad.put("outward", Map.of("mindate", LocalDate.now(probe.zone()).toString()));
        PartnerProbe.Call call = probe.get(signedUrl(endpoint, "journeys", bad), Map.of());
        results.add(call.failure() != null ? CheckResult.fail("rdex12.error", call.failure())
                : Rdex12Rules.rdex12Error(call.status(), call.json()));
        return results;
    }

    /** The dates to search: the punctual journey's own, else the coming week within the regular one's validity. */
    private static LocalDate[] checkDates(SharedJourney j, ZoneId zone) {
        if (j.punctual() != null) {
            return new LocalDate[] { j.punctual().date(), j.punctual().date() };
        }
        LocalDate today = LocalDate.now(zone);
        LocalDate from = j.activeFrom() != null && j.activeFrom().isAfter(today) ? j.activeFrom() : today;
        LocalDate to = from.plusDays(6);
        return new LocalDate[] { from, j.activeTo() != null && j.activeTo().isBefore(to) ? j.activeTo() : to };
    }

    private static Map<String, Object> coordinates(double lat, double lon) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latitude", plain(lat));
        m.put("longitude", plain(lon));
        return m;
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
