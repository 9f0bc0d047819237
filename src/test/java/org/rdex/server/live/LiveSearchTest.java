package org.rdex.server.live;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdex.server.live.LiveFixtures.*;
import static org.rdex.server.live.PartnerSimulator.rdex12Journey;
import static org.rdex.server.live.PartnerSimulator.standardJourney;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rdex.server.support.PostgresResource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** {@code search?live=true} against partners simulated on loopback, one per behaviour. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class LiveSearchTest extends SimulatedPartnersUnitTest {

    @Inject
    MeterRegistry registry;

    private String rdexPartner(String prefix, String uuid, Integer timeoutMs) {
        String name = partner(prefix);
        rdex12(name, sim.base(name) + "/rdex", "pub-" + name, "secret-" + name, timeoutMs);
        sim.signedWith(name, "secret-" + name);
        if (uuid != null) {
            sim.script(name, r -> PartnerSimulator.Reply.json("[" + rdex12Journey(uuid, "42", FROM_LAT, FROM_LON, TO_LAT,
                    TO_LON, DATE, "08:15:00", "08:45:00") + "]"));
        }
        return name;
    }

    private JsonPath live() {
        return platform().when().get(searchPath(true)).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void merges_partners_answers_over_rdex12_and_standard_marked_by_partner() {
        String rd = rdexPartner("rd", "rd-1", null);
        String st = partner("st");
        standard(st, sim.base(st) + "/standard/v1", "std-key-" + st, null);
        sim.script(st, r -> r.path().endsWith("/driver_journeys")
                ? PartnerSimulator.Reply.json("[" + standardJourney("st-1", "d-9", FROM_LAT + 0.001, FROM_LON, TO_LAT,
                        TO_LON, DATE, "08:20") + "]")
                : PartnerSimulator.Reply.json("[]"));

        JsonPath result = live();
        assertEquals(List.of(), result.getList("partnersFailed"));
        assertEquals(List.of(rd, st).stream().sorted().toList(), result.getList("partnersAsked"));
        Map<String, Object> fromRd = item(result, "rd-1");
        assertEquals(true, fromRd.get("partner"));
        assertEquals(rd, fromRd.get("partnerName"));
        assertEquals("b.example.org", fromRd.get("site"));
        assertEquals("Camille D.", fromRd.get("pseudonym"));
        assertEquals(DATE.toString(), ((Map<?, ?>) fromRd.get("punctual")).get("date"));
        assertEquals("08:15", ((Map<?, ?>) fromRd.get("punctual")).get("minTime"));
        assertEquals(1.89f, ((Number) fromRd.get("price")).floatValue(), 0.001);
        Map<String, Object> fromSt = item(result, "st-1");
        assertEquals(st, fromSt.get("partnerName"));
        assertEquals(2, fromSt.get("seats"));
        assertEquals("https://b.example.org/j/st-1", fromSt.get("url"));

        PartnerSimulator.Received rdCall = sim.of(rd).get(0);
        assertTrue(rdCall.signatureValid(), "RDEX 1.2 signature checked with the partner's private key: " + rdCall.uri());
        assertTrue(rdCall.uri().startsWith("/" + rd + "/rdex/journeys?timestamp="), rdCall.uri());
        assertTrue(rdCall.uri().contains("&apikey=pub-" + rd + "&p%5Bdriver%5D%5Bstate%5D=1"), rdCall.uri());
        assertTrue(rdCall.uri().contains("p%5Boutward%5D%5Bmindate%5D=" + DATE), rdCall.uri());
        List<PartnerSimulator.Received> stCalls = sim.of(st);
        assertEquals(2, stCalls.size(), "driver and passenger journeys asked when no role is searched");
        stCalls.forEach(c -> assertEquals("std-key-" + st, c.headers().get("x-api-key")));
        assertTrue(stCalls.stream().anyMatch(c -> c.uri().contains("/driver_journeys?departureLat=43.2965")));
    }

    @Test
    void a_partner_that_never_answers_is_named_failed_and_does_not_hold_the_search_past_its_timeout() {
        String rd = rdexPartner("rd", "rd-2", null);
        String slow = rdexPartner("slow", null, 600);
        sim.script(slow, r -> new PartnerSimulator.Reply(200, "[]", -1));
        double before = count(slow, "timeout");

        long start = System.nanoTime();
        JsonPath result = live();
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(List.of(slow), result.getList("partnersFailed"));
        assertTrue(result.getList("results.uuid").contains("rd-2"));
        // The bound is the partner's 600 ms plus a generous margin for a loaded machine, not a performance figure.
        assertTrue(millis < 600 + 4000, "search took " + millis + " ms");
        assertEquals(before + 1, count(slow, "timeout"));
    }

    @Test
    void a_slow_answer_past_the_timeout_is_dropped_too() {
        String slow = rdexPartner("late", null, 300);
        sim.script(slow, r -> new PartnerSimulator.Reply(200, "[" + rdex12Journey("late-1", "1", FROM_LAT, FROM_LON,
                TO_LAT, TO_LON, DATE, "08:00:00", "08:30:00") + "]", 2000));
        JsonPath result = live();
        assertEquals(List.of(slow), result.getList("partnersFailed"));
        assertTrue(!result.getList("results.uuid").contains("late-1"));
    }

    @Test
    void a_partner_trickling_its_answer_is_failed_and_its_connection_closed() {
        String trickle = rdexPartner("trickle", null, 400);
        sim.script(trickle, r -> new PartnerSimulator.Reply(200, "", -2));
        JsonPath result = live();
        assertEquals(List.of(trickle), result.getList("partnersFailed"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> sim.abandoned.contains(trickle));
    }

    @Test
    void garbage_oversize_too_deep_and_error_answers_are_failures_of_those_partners_only() {
        String good = rdexPartner("good", "good-1", null);
        String garbage = rdexPartner("garbage", null, null);
        sim.script(garbage, r -> PartnerSimulator.Reply.json("{not json at all"));
        String big = rdexPartner("big", null, null);
        String huge = "[{\"journeys\":{\"uuid\":\"big-1\",\"details\":\"" + "A".repeat(1_200_000) + "\"}}]";
        sim.script(big, r -> PartnerSimulator.Reply.json(huge));
        String deep = rdexPartner("deep", null, null);
        sim.script(deep, r -> PartnerSimulator.Reply.json("[".repeat(2000) + "]".repeat(2000)));
        String failing = rdexPartner("failing", null, null);
        sim.script(failing, r -> new PartnerSimulator.Reply(500, "{\"error\":{\"name\":\"internal_error\"}}", 0));
        String shape = rdexPartner("shape", null, null);
        sim.script(shape, r -> PartnerSimulator.Reply.json("{\"error\":{\"name\":\"access_denied\"}}"));
        double tooLarge = count(big, "too_large");
        double malformed = count(deep, "malformed");

        JsonPath result = live();

        assertEquals(List.of(garbage, big, deep, failing, shape).stream().sorted().toList(),
                result.getList("partnersFailed", String.class).stream().sorted().toList());
        assertTrue(result.getList("results.uuid").contains("good-1"));
        assertTrue(!result.getList("partnersFailed").contains(good));
        assertEquals(tooLarge + 1, count(big, "too_large"));
        assertEquals(malformed + 1, count(deep, "malformed"));
        assertEquals(1.0, count(failing, "http_error"));
    }

    @Test
    void a_journey_is_listed_once_per_uuid_the_stored_one_first() {
        String own = platform().contentType(ContentType.JSON).body("""
                {"from": {"city": "Marseille", "insee": "13055", "lat": %s, "lon": %s, "country": "France"},
                 "to": {"city": "Aix-en-Provence", "insee": "13001", "lat": %s, "lon": %s},
                 "role": "driver", "frequency": "punctual", "pseudonym": "own", "seats": 3,
                 "distanceKm": 31.5, "durationMinutes": 35,
                 "url": "https://a.example.org/t/1",
                 "punctual": {"date": "%s", "minTime": "08:00", "maxTime": "08:30"},
                 "owner": {"ref": "user-a", "email": "a@example.org"}}""".formatted(FROM_LAT, FROM_LON, TO_LAT, TO_LON, DATE))
                .when().put("/api/v1/journeys/" + unique("own")).then().log().ifValidationFails().statusCode(201).extract().path("uuid");
        String one = rdexPartner("dup", "dup-1", null);
        String two = rdexPartner("dup", null, null);
        sim.script(two, r -> PartnerSimulator.Reply.json("[" + rdex12Journey("dup-1", "5", FROM_LAT, FROM_LON, TO_LAT,
                TO_LON, DATE, "08:15:00", "08:45:00") + "," + rdex12Journey(own, "6", FROM_LAT, FROM_LON, TO_LAT, TO_LON,
                DATE, "08:00:00", "08:30:00") + "]"));

        JsonPath result = live();

        List<String> uuids = result.getList("results.uuid");
        assertEquals(1, uuids.stream().filter("dup-1"::equals).count(), uuids.toString());
        assertEquals(1, uuids.stream().filter(own::equals).count(), uuids.toString());
        assertEquals(false, item(result, own).get("partner"));
        assertEquals(List.of(), result.getList("partnersFailed"));
        assertTrue(List.of(one, two).contains(item(result, "dup-1").get("partnerName")));
    }

    @Test
    void journeys_outside_the_searched_radius_or_date_are_dropped() {
        String far = partner("far");
        rdex12(far, sim.base(far) + "/rdex", "pub", "secret", null);
        sim.script(far, r -> PartnerSimulator.Reply.json("[" + rdex12Journey("far-1", "1", 44.0, 5.37, TO_LAT, TO_LON,
                DATE, "08:00:00", "08:30:00") + "," + rdex12Journey("other-day", "1", FROM_LAT, FROM_LON, TO_LAT, TO_LON,
                DATE.plusDays(3), "08:00:00", "08:30:00") + "," + rdex12Journey("near-1", "1", FROM_LAT, FROM_LON,
                TO_LAT, TO_LON, DATE, "08:00:00", "08:30:00") + "]"));
        List<String> uuids = live().getList("results.uuid");
        assertTrue(uuids.contains("near-1"));
        assertTrue(!uuids.contains("far-1") && !uuids.contains("other-day"), uuids.toString());
    }

    @Test
    void without_live_or_on_page_two_no_partner_is_asked() {
        String rd = rdexPartner("quiet", "quiet-1", null);
        platform().when().get(searchPath(false)).then().statusCode(200).body("partnersFailed", nullValue())
                .body("results.uuid", not(hasItem("quiet-1")));
        platform().when().get(searchPath(true) + "&page=2").then().statusCode(200).body("partnersAsked", empty());
        assertEquals(0, sim.of(rd).size());
    }

    @Test
    void live_must_be_true_or_false() {
        platform().when().get(searchPath(false) + "&live=yes").then().statusCode(400).body("error.field", is("live"));
    }

    @Test
    void a_search_without_destination_does_not_ask_partners_whose_protocol_needs_one() {
        String rd = rdexPartner("nodest", "nd-1", null);
        platform().when().get("/api/v1/journeys/search?fromLat=" + FROM_LAT + "&fromLon=" + FROM_LON + "&date=" + DATE
                + "&live=true").then().statusCode(200).body("partnersAsked", empty()).body("partnersFailed", empty());
        assertEquals(0, sim.of(rd).size());
    }

    @Test
    void only_the_partners_live_settings_are_asked_and_the_answer_lists_them() {
        String a = rdexPartner("listed", "l-1", null);
        platform().when().get(searchPath(true)).then().statusCode(200).body("partnersAsked", contains(a))
                .body("results.partnerName", hasItem(a)).body("partnersFailed", empty())
                .body("results.uuid", hasItem("l-1"));
    }

    private double count(String partner, String outcome) {
        Counter c = registry.find("rdex.live.partner.calls").tag("partner", partner).tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> item(JsonPath result, String uuid) {
        List<Map<String, Object>> items = result.getList("results");
        return items.stream().filter(i -> uuid.equals(i.get("uuid"))).findFirst()
                .orElseThrow(() -> new AssertionError(uuid + " not in " + result.prettify()));
    }
}
