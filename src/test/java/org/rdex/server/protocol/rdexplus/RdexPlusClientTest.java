package org.rdex.server.protocol.rdexplus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdex.server.support.ProtocolFixtures.*;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rdex.server.common.FormPair;
import org.rdex.server.contact.ProtocolRoutes;
import org.rdex.server.protocol.LiveJourney;
import org.rdex.server.live.PartnerHttp;
import org.rdex.server.search.SearchRequest;
import org.rdex.server.support.PostgresResource;
import org.rdex.server.tls.TlsCertificates;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import jakarta.inject.Inject;

/**
 * {@link RdexPlusClient} against a stand-in RDEX+ partner on loopback (answers that validate against the
 * document, and hostile ones), and against our own RDEX+ routes over HTTPS, pinned: a client-to-server round
 * trip of a search and of a message.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class RdexPlusClientTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final LocalDate DAY = LocalDate.of(2098, 4, 14);
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** What the stand-in received last, and what it answers. */
    record Received(String method, String uri, Map<String, String> headers, String body) {
    }

    static Vertx vertx;
    static HttpServer server;
    static final AtomicReference<Received> last = new AtomicReference<>();
    static volatile Function<Received, Object[]> script = r -> new Object[] { 200, "{\"journeys\":[]}" };

    @Inject
    RdexPlusClient client;
    @Inject
    TlsCertificates certificates;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onComplete(body -> {
            Map<String, String> headers = new java.util.HashMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            Received r = new Received(request.method().name(), request.uri(), headers,
                    body.succeeded() ? body.result().toString() : "");
            last.set(r);
            Object[] answer = script.apply(r);
            request.response().setStatusCode((Integer) answer[0]).putHeader("Content-Type", "application/json")
                    .end((String) answer[1]);
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static String standInUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/api";
    }

    static SearchRequest search(SearchRequest.Role role, SearchRequest.Frequency frequency) {
        return new SearchRequest(46.16, -1.15, 2, 45.86, -1.15, 2, DAY, DAY, LocalTime.of(7, 0), LocalTime.of(9, 0), true,
                role, frequency, 1 << (DAY.getDayOfWeek().getValue() - 1), 1, 20);
    }

    static long at(int hour, int minute) {
        return DAY.atTime(hour, minute).atZone(ZONE).toEpochSecond();
    }

    static final String JOURNEYS = """
            {"journeys":[
             {"id":"p-1","webUrl":"https://covoit.example.com/t/p-1","type":"planned","operator":"Covoit",
              "operatorUrl":"https://covoit.example.com","carpoolerType":"driver","user":{"id":"u-9","alias":"Alex"},
              "availableSeats":2,"from":{"latitude":46.161,"longitude":-1.151,"city":"La Rochelle","postalCode":"17000"},
              "to":{"latitude":45.861,"longitude":-1.151,"city":"Rochefort"},"duration":1800,"distance":33000,
              "price":{"type":"fixed","amount":4.5,"currency":"EUR"},"frequency":"punctual",
              "outward":{"departureDate":%d,"timeDelta":600}},
             {"id":"p-far","type":"planned","operator":"Covoit","carpoolerType":"driver","user":{"id":"u-1","alias":"B"},
              "from":{"latitude":47.5,"longitude":-1.151},"to":{"latitude":45.861,"longitude":-1.151},"duration":1800,
              "outward":{"departureDate":%d}},
             {"id":"p-regular","type":"planned","operator":"Covoit","carpoolerType":"both","user":{"id":"u-2","alias":"C"},
              "from":{"latitude":46.16,"longitude":-1.15},"to":{"latitude":45.86,"longitude":-1.15},"duration":1800,
              "frequency":"regular","outward":{"departureDate":%d,"maxDate":%d,
              "regularSchedule":[{"%sTime":"06:00:00","%sTimeDelta":900}]},"isRoundTrip":1,
              "return":{"departureDate":0,"regularSchedule":[{"%sTime":"15:00:00"}],"timeDelta":600}},
             {"id":"p-late","type":"planned","operator":"Covoit","carpoolerType":"driver","user":{"id":"u-3","alias":"D"},
              "from":{"latitude":46.16,"longitude":-1.15},"to":{"latitude":45.86,"longitude":-1.15},"duration":1800,
              "outward":{"departureDate":%d}}
            ]}""";

    static String journeys() {
        String day = DAY.getDayOfWeek().name().toLowerCase();
        return JOURNEYS.formatted(at(8, 0), at(8, 0), at(0, 0) - 86400 * 30, at(0, 0) + 86400 * 30, day, day, day,
                at(11, 0));
    }

    @Test
    void searches_a_stand_in_partner_with_a_query_the_document_describes() throws Exception {
        String answer = journeys();
        assertEquals(List.of(), RdexPlusSchema.validate(RdexPlusSchema.JOURNEYS, answer), "the stand-in's answer");
        script = r -> new Object[] { 200, answer };
        List<LiveJourney> found = client.search(standInUrl(), "their-key", null, TIMEOUT, "Covoit",
                search(null, SearchRequest.Frequency.ANY)).get(10, TimeUnit.SECONDS);
        Received r = last.get();
        assertEquals("GET", r.method());
        assertEquals("their-key", r.headers().get("api_key"));
        Map<String, String> q = query(r.uri());
        assertTrue(r.uri().startsWith("/api/journeys?"), r.uri());
        assertEquals("both", q.get("carpoolerType"));
        assertEquals("both", q.get("frequency"));
        assertEquals(Long.toString(at(8, 0)), q.get("departureDate"));
        assertEquals("3600", q.get("timeDelta"));
        assertEquals("46.16", q.get("departureLat"));
        // p-far is out of the radius, p-late out of the hours.
        assertEquals(List.of("p-1", "p-regular"), found.stream().map(j -> j.item().uuid()).toList());
        LiveJourney first = found.get(0);
        assertEquals("u-9", first.recipientId());
        assertEquals("DRIVER", first.recipientRole());
        assertEquals("covoit.example.com", first.item().site());
        assertEquals("https://covoit.example.com/t/p-1", first.item().url());
        assertEquals(2, first.item().seats());
        assertEquals(new BigDecimal("4.50"), first.item().price());
        assertEquals(LocalTime.of(7, 50), first.item().punctual().minTime());
        assertTrue(first.item().partner());
        LiveJourney regular = found.get(1);
        assertTrue(regular.item().driver() && regular.item().passenger());
        // 06:00 UTC at Paris's offset now (RDEX+ times of day have no date): 07:00 in winter, 08:00 in summer.
        LocalTime local = LocalTime.of(6, 0).atOffset(java.time.ZoneOffset.UTC)
                .withOffsetSameInstant(ZONE.getRules().getOffset(java.time.Instant.now())).toLocalTime();
        LocalTime back = local.plusHours(9);
        assertEquals(Map.of("depMin", local.minusMinutes(15).toString(), "depMax", local.plusMinutes(15).toString(),
                "retMin", back.minusMinutes(10).toString(), "retMax", back.plusMinutes(10).toString()),
                regular.item().regular().get(DAY.getDayOfWeek().name().toLowerCase()));
    }

    @Test
    void a_regular_search_asks_the_window_as_a_utc_week_schedule() throws Exception {
        script = r -> new Object[] { 200, "{\"journeys\":[]}" };
        assertEquals(List.of(), client.search(standInUrl(), "k", null, TIMEOUT, "Covoit",
                search(SearchRequest.Role.PASSENGER, SearchRequest.Frequency.REGULAR)).get(10, TimeUnit.SECONDS));
        Map<String, String> q = query(last.get().uri());
        assertEquals("passenger", q.get("carpoolerType"));
        assertEquals("regular", q.get("frequency"));
        String day = DAY.getDayOfWeek().name().toLowerCase();
        // The middle of 07:00-09:00 in Paris, in UTC at the zone's offset now.
        String utc = LocalTime.of(8, 0).atOffset(ZONE.getRules().getOffset(java.time.Instant.now()))
                .withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalTime() + ":00";
        assertEquals("[{\"" + day + "Time\":\"" + utc + "\",\"" + day + "TimeDelta\":3600}]", q.get("regularSchedule"));
    }

    @Test
    void skips_journeys_of_the_wrong_types_and_keeps_the_others() throws Exception {
        String answer = journeys().replace("\"availableSeats\":2", "\"availableSeats\":\"2\"")
                .replace("\"id\":\"p-regular\"", "\"id\":17");
        script = r -> new Object[] { 200, answer };
        List<LiveJourney> found = client.search(standInUrl(), "k", null, TIMEOUT, "Covoit",
                search(null, SearchRequest.Frequency.ANY)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(), found.stream().map(j -> j.item().uuid()).toList());
        String fraction = journeys().replace("\"duration\":1800,\"distance\":33000", "\"duration\":1800.5");
        script = r -> new Object[] { 200, fraction };
        assertEquals(List.of("p-regular"), client.search(standInUrl(), "k", null, TIMEOUT, "Covoit",
                search(null, SearchRequest.Frequency.ANY)).get(10, TimeUnit.SECONDS).stream().map(j -> j.item().uuid())
                .toList());
    }

    @Test
    void fails_on_hostile_answers() {
        assertBad("malformed", 200, "{\"journeys\":[");
        assertBad("malformed", 200, "[]");
        assertBad("malformed", 200, "{\"journeys\":{}}");
        assertBad("malformed", 200, "[".repeat(100) + "]".repeat(100));
        assertBad("too_large", 200, "{\"journeys\":[],\"pad\":\"" + "x".repeat(1_100_000) + "\"}");
        assertBad("http_500", 500, "{\"errorCode\":\"internal_error\"}");
    }

    void assertBad(String kind, int status, String body) {
        script = r -> new Object[] { status, body };
        CompletableFuture<List<LiveJourney>> call = client.search(standInUrl(), "k", null, TIMEOUT, "Covoit",
                search(null, SearchRequest.Frequency.ANY));
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
        Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c ? c.getCause() : e.getCause();
        assertInstanceOf(PartnerHttp.BadAnswer.class, cause, String.valueOf(cause));
        assertEquals(kind, ((PartnerHttp.BadAnswer) cause).kind());
    }

    @Test
    void refuses_a_search_without_destination() {
        SearchRequest r = new SearchRequest(46.16, -1.15, 2, null, null, 2, DAY, DAY, LocalTime.MIN, LocalTime.MAX, false,
                null, SearchRequest.Frequency.ANY, 0x7f, 1, 20);
        assertThrows(IllegalArgumentException.class, () -> client.search(standInUrl(), "k", null, TIMEOUT, "Covoit", r));
    }

    @Test
    void contacts_a_stand_in_partner_with_a_message_the_document_describes() {
        script = r -> new Object[] { 201, "" };
        ProtocolRoutes.Exchange sent = client.contact(standInUrl(), "their-key", null, TIMEOUT, RdexPlusClient.message("p-1",
                "u-9", "DRIVER", "a1b2", "Dominique", "Bonjour !", "covoit.example.org", "Covoit Example"));
        assertEquals(201, sent.status());
        assertNull(sent.errorName());
        Received r = last.get();
        assertEquals("POST", r.method());
        assertEquals("/api/messages", r.uri());
        assertEquals("their-key", r.headers().get("api_key"));
        assertEquals(List.of(), RdexPlusSchema.validate(RdexPlusSchema.MESSAGE, r.body()), r.body());
        assertTrue(r.body().contains("\"driverJourneyId\":\"p-1\"") && r.body().contains("\"driverUserid\":\"u-9\"")
                && r.body().contains("\"passengerOperatorUrl\":\"https://covoit.example.org\""), r.body());

        script = x -> new Object[] { 404, "{\"errorCode\":\"resource_not_found\"}" };
        ProtocolRoutes.Exchange refused = client.contact(standInUrl(), "k", null, TIMEOUT, RdexPlusClient.message("p-2",
                null, "PASSENGER", "a1b2", "Dominique", "Bonjour", "covoit.example.org", "Covoit Example"));
        assertEquals(404, refused.status());
        assertEquals("resource_not_found", refused.errorName());
        assertTrue(last.get().body().contains("\"passengerJourneyId\":\"p-2\""), last.get().body());
        assertThrows(org.rdex.server.common.ApiException.class, () -> RdexPlusClient.message("p-1", null, "DRIVER", "a",
                "b", "x".repeat(501), "covoit.example.org", "C"));
    }

    @Test
    void searches_and_contacts_our_own_rdexplus_routes() throws Exception {
        String partner = partner(unique("rdxc"), "covoit.example.org");
        String key = key(partner, "127.0.0.1", "::1").getString("key");
        // A place of its own (Marseille to Aix), so no other test's journey is near.
        String uuid = journey(unique("rdxc"), punctual("driver", DAY.toString(), 43.301, 5.401, 43.531, 5.451,
                "08:00", "08:10"));
        String ours = "https://localhost:" + httpsPort() + "/rdexplus";
        List<LiveJourney> found = client.search(ours, key, certificates.fingerprint(), TIMEOUT, "Ourselves",
                new SearchRequest(43.3, 5.4, 2, 43.53, 5.45, 2, DAY, DAY, LocalTime.of(7, 0), LocalTime.of(9, 0), true,
                        SearchRequest.Role.DRIVER, SearchRequest.Frequency.PUNCTUAL,
                        1 << (DAY.getDayOfWeek().getValue() - 1), 1, 20)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(uuid), found.stream().map(j -> j.item().uuid()).toList());
        LiveJourney j = found.get(0);
        assertEquals(LocalTime.of(8, 0), j.item().punctual().minTime());
        assertEquals(LocalTime.of(8, 10), j.item().punctual().maxTime());
        assertEquals(3, j.item().seats());

        ProtocolRoutes.Exchange sent = client.contact(ours, key, certificates.fingerprint(), TIMEOUT,
                RdexPlusClient.message(j.item().uuid(), j.recipientId(), j.recipientRole(), "a1b2", "Dominique",
                        "Bonjour !", "covoit.example.org", "Covoit Example"));
        assertEquals(201, sent.status());
        assertEquals(1, count("select count(*) from contact_message where journey_uuid = ? and sender_pseudonym = ?",
                uuid, "Dominique"));
        ProtocolRoutes.Exchange wrongKey = client.contact(ours, key + "x", certificates.fingerprint(), TIMEOUT,
                RdexPlusClient.message(uuid, null, "DRIVER", "a1b2", "Dominique", "Bonjour", "covoit.example.org", "C"));
        assertEquals(401, wrongKey.status());
        assertEquals("access_denied", wrongKey.errorName());
    }

    static Map<String, String> query(String uri) {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        String raw = URI.create(uri).getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            FormPair p = FormPair.decode(pair);
            q.put(p.name(), p.value());
        }
        return q;
    }
}
