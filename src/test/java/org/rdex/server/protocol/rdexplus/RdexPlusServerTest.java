package org.rdex.server.protocol.rdexplus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdex.server.support.ProtocolFixtures.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * RDEX+ as served: every answer body, errors included, validated against the reference OpenAPI document
 * ({@link RdexPlusSchema}, networknt), then what it must say. Each test has its own place, so tests do not see
 * each other's journeys.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class RdexPlusServerTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final LocalDate DAY = LocalDate.of(2098, 3, 10);
    static final double LNG = -0.5;
    private static int places = 0;

    String partner;
    String key;
    double depLat;
    double arrLat;

    @BeforeEach
    void setUp() {
        partner = partner(unique("rdxp"), "covoit.example.net", "https://www.autre.example.net/");
        key = key(partner, "127.0.0.1", "::1").getString("key");
        synchronized (RdexPlusServerTest.class) {
            depLat = 44.0 + (places++) * 0.05;
        }
        arrLat = depLat - 0.3;
    }

    RequestSpecification api() {
        return https().header(RdexPlusCredentials.API_KEY_HEADER, key);
    }

    long at(int hour, int minute) {
        return DAY.atTime(hour, minute).atZone(ZONE).toEpochSecond();
    }

    Map<String, Object> query(Map<String, Object> extra) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("departureLat", depLat);
        q.put("departureLng", LNG);
        q.put("arrivalLat", arrLat);
        q.put("arrivalLng", LNG);
        q.putAll(extra);
        return q;
    }

    static void conforms(String pointer, Response r) {
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertEquals(List.of(), RdexPlusSchema.validate(pointer, r.asString()), r.asString());
    }

    /** A status with an error body of {@code code}, valid against the document. */
    static void error(Response r, int status, String code) {
        assertEquals(status, r.statusCode(), r.asString());
        conforms(RdexPlusSchema.ERROR, r);
        assertEquals(code, r.jsonPath().getString("errorCode"), r.asString());
    }

    String seedDriver(String time) {
        return journey(unique("rdxp"), punctual("driver", DAY.toString(), depLat, LNG, arrLat, LNG, time, time));
    }

    // --- GET /journeys ---------------------------------------------------------------------------------

    @Test
    void answers_a_driver_journey_that_validates_against_the_document() {
        String uuid = seedDriver("08:00");
        Response r = api().queryParams(query(Map.of("departureDate", at(8, 5), "carpoolerType", "driver")))
                .get("/rdexplus/journeys");
        assertEquals(200, r.statusCode(), r.asString());
        conforms(RdexPlusSchema.JOURNEYS, r);
        JsonPath j = r.jsonPath();
        assertEquals(List.of(uuid), j.getList("journeys.id"));
        assertEquals("driver", j.getString("journeys[0].carpoolerType"));
        assertEquals(at(8, 0), j.getLong("journeys[0].outward.departureDate"));
        assertEquals(3, j.getInt("journeys[0].availableSeats"));
        assertEquals("fixed", j.getString("journeys[0].price.type"));
        assertEquals(2100, j.getInt("journeys[0].duration"));
        assertEquals(uuid, j.getString("journeys[0].user.id"));
        assertEquals("camille", j.getString("journeys[0].user.alias"));
    }

    @Test
    void leaves_out_journeys_beyond_the_time_delta_the_radius_or_of_the_other_role() {
        seedDriver("09:00");
        journey(unique("rdxp"), punctual("driver", DAY.toString(), depLat + 0.05, LNG, arrLat, LNG, "08:00", "08:00"));
        journey(unique("rdxp"), punctual("passenger", DAY.toString(), depLat, LNG, arrLat, LNG, "08:00", "08:00"));
        Response r = api().queryParams(query(Map.of("departureDate", at(8, 0), "timeDelta", 1800)))
                .get("/rdexplus/journeys");
        assertEquals(200, r.statusCode(), r.asString());
        conforms(RdexPlusSchema.JOURNEYS, r);
        assertEquals(List.of(), r.jsonPath().getList("journeys"));
        Response both = api().queryParams(query(Map.of("departureDate", at(8, 0), "carpoolerType", "both")))
                .get("/rdexplus/journeys");
        conforms(RdexPlusSchema.JOURNEYS, both);
        assertEquals(List.of("passenger"), both.jsonPath().getList("journeys.carpoolerType"));
    }

    @Test
    void answers_regular_journeys_with_their_week_schedule_in_utc() {
        journey(unique("rdxp"), regular("passenger", depLat, LNG, arrLat, LNG, "07:30", "08:00"));
        Response r = api().queryParams(query(Map.of("frequency", "regular", "carpoolerType", "passenger",
                "departureDate", at(0, 0), "regularSchedule", "[{\"mondayTime\":\"" + utc("07:45") + "\",\"mondayTimeDelta\":1800}]")))
                .get("/rdexplus/journeys");
        assertEquals(200, r.statusCode(), r.asString());
        conforms(RdexPlusSchema.JOURNEYS, r);
        JsonPath j = r.jsonPath();
        assertEquals(List.of("regular"), j.getList("journeys.frequency"), r.asString());
        assertEquals(utc("07:45"), j.getString("journeys[0].outward.regularSchedule[0].mondayTime"));
        assertEquals(900, j.getInt("journeys[0].outward.regularSchedule[0].mondayTimeDelta"));
        Response other = api().queryParams(query(Map.of("frequency", "regular", "carpoolerType", "passenger",
                "departureDate", at(0, 0), "regularSchedule", "[{\"tuesdayTime\":\"" + utc("07:45") + "\"}]")))
                .get("/rdexplus/journeys");
        conforms(RdexPlusSchema.JOURNEYS, other);
        assertEquals(List.of(), other.jsonPath().getList("journeys"));
    }

    @Test
    void frequency_both_answers_punctual_and_regular_journeys_of_the_date() {
        String punctual = seedDriver("07:45");
        String regular = journey(unique("rdxp"), regular("driver", depLat, LNG, arrLat, LNG, "07:30", "08:00"));
        // DAY is a Monday, a day the regular journey runs.
        Response r = api().queryParams(query(Map.of("frequency", "both", "departureDate", at(7, 45))))
                .get("/rdexplus/journeys");
        assertEquals(200, r.statusCode(), r.asString());
        conforms(RdexPlusSchema.JOURNEYS, r);
        assertEquals(java.util.Set.of(punctual, regular), java.util.Set.copyOf(r.jsonPath().getList("journeys.id")));
        assertEquals(List.of("regular"), r.jsonPath().getList("journeys.findAll { it.id == '" + regular + "' }.frequency"));
        assertEquals(List.of(utc("07:45")), r.jsonPath().getList("journeys.findAll { it.id == '" + regular
                + "' }.outward.regularSchedule[0].mondayTime"));
    }

    /** A local time of day as the routes write it in UTC: at the zone's offset now. */
    static String utc(String local) {
        return java.time.LocalTime.parse(local).atOffset(ZONE.getRules().getOffset(java.time.Instant.now()))
                .withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalTime().toString() + ":00";
    }

    @Test
    void count_limits_the_journeys() {
        seedDriver("08:00");
        seedDriver("08:05");
        Response r = api().queryParams(query(Map.of("departureDate", at(8, 0), "count", 1))).get("/rdexplus/journeys");
        conforms(RdexPlusSchema.JOURNEYS, r);
        assertEquals(1, r.jsonPath().getList("journeys").size());
    }

    @Test
    void refuses_a_missing_coordinate() {
        Map<String, Object> q = query(Map.of());
        q.remove("arrivalLng");
        Response r = api().queryParams(q).get("/rdexplus/journeys");
        error(r, 400, "missing_mandatory_field");
        assertTrue(r.jsonPath().getString("errorMessage").contains("arrivalLng"));
    }

    @Test
    void refuses_hostile_values() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("departureLat", "NaN"),
                Map.of("departureLat", 91), Map.of("arrivalLng", "1e400"), Map.of("departureRadius", 100000),
                Map.of("timeDelta", 999999999), Map.of("timeDelta", -1), Map.of("count", "9".repeat(80)),
                Map.of("departureDate", "99999999999999"), Map.of("carpoolerType", "pilot"),
                Map.of("frequency", "sometimes"), Map.of("regularSchedule", "{"),
                Map.of("regularSchedule", "[{\"mondayTime\":\"25:00:00\"}]"),
                Map.of("regularSchedule", "[" + "{},".repeat(8) + "{}]"),
                Map.of("regularSchedule", "[{\"mondayTime\":\"08:00:00\",\"mondayTime\":\"09:00:00\"}]"),
                Map.of("departureDate", at(8, 0), "maxDate", at(7, 0)))) {
            Map<String, Object> q = query(Map.of());
            q.putAll(bad);
            error(api().queryParams(q).get("/rdexplus/journeys"), 400, "invalid_input");
        }
    }

    @Test
    void refuses_a_parameter_given_twice() {
        Response r = api().urlEncodingEnabled(false).get("/rdexplus/journeys?departureLat=" + depLat
                + "&departureLat=10&departureLng=-0.5&arrivalLat=" + arrLat + "&arrivalLng=-0.5");
        error(r, 400, "invalid_input");
        assertTrue(r.jsonPath().getString("errorMessage").contains("departureLat is given more than once"));
    }

    // --- Authentication ---------------------------------------------------------------------------------

    @Test
    void accepts_the_key_as_a_bearer_token() {
        Response r = https().header("Authorization", "Bearer " + key).queryParams(query(Map.of()))
                .get("/rdexplus/journeys");
        assertEquals(200, r.statusCode(), r.asString());
        conforms(RdexPlusSchema.JOURNEYS, r);
    }

    @Test
    void refuses_no_key_an_unknown_key_and_two_different_keys() {
        error(https().queryParams(query(Map.of())).get("/rdexplus/journeys"), 401, "access_denied");
        error(https().header(RdexPlusCredentials.API_KEY_HEADER, key + "x").queryParams(query(Map.of()))
                .get("/rdexplus/journeys"), 401, "access_denied");
        error(api().header("Authorization", "Bearer other").queryParams(query(Map.of())).get("/rdexplus/journeys"), 401,
                "access_denied");
        error(https().header(RdexPlusCredentials.API_KEY_HEADER, key).header(RdexPlusCredentials.API_KEY_HEADER, "k2")
                .queryParams(query(Map.of())).get("/rdexplus/journeys"), 401, "access_denied");
    }

    @Test
    void rejects_key_from_other_ip() {
        String elsewhere = key(partner, "192.0.2.7").getString("key");
        error(https().header(RdexPlusCredentials.API_KEY_HEADER, elsewhere).queryParams(query(Map.of()))
                .get("/rdexplus/journeys"), 403, "insufficient_permissions");
    }

    @Test
    void refuses_plain_http() {
        error(RestAssured.given().header(RdexPlusCredentials.API_KEY_HEADER, key).queryParams(query(Map.of()))
                .get("/rdexplus/journeys"), 401, "access_denied");
    }

    // --- POST /messages ---------------------------------------------------------------------------------

    /** A message to {@code driverJourney}'s driver, checked against the document's request schema. */
    static String message(String driverJourney, String operatorUrl, String details) {
        String json = unchecked(driverJourney, operatorUrl, details);
        assertEquals(List.of(), RdexPlusSchema.validate(RdexPlusSchema.MESSAGE, json), json);
        return json;
    }

    static String unchecked(String driverJourney, String operatorUrl, String details) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("driverJourneyId", driverJourney);
        m.put("driverUserid", driverJourney);
        m.put("passengerJourneyId", "their-journey-1");
        m.put("passengerUserid", "their-user-1");
        m.put("passengerAlias", "Dominique");
        m.put("details", details);
        if (operatorUrl != null) {
            m.put("passengerOperatorUrl", operatorUrl);
        }
        m.put("recipientCarpoolerType", "driver");
        return toJson(m);
    }

    static String toJson(Map<String, Object> m) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_message_to_a_journeys_driver_goes_into_the_outbox() {
        String uuid = seedDriver("08:00");
        Response r = api().contentType(ContentType.JSON).body(message(uuid, "https://autre.example.net", "Bonjour !"))
                .post("/rdexplus/messages");
        assertEquals(201, r.statusCode(), r.asString());
        assertEquals("", r.asString());
        assertEquals(1, count("select count(*) from contact_message where journey_uuid = ? and site = 'autre.example.net'"
                + " and sender_pseudonym = 'Dominique'", uuid));
        Response withoutOperator = api().contentType(ContentType.JSON).body(message(uuid, null, "Encore"))
                .post("/rdexplus/messages");
        assertEquals(201, withoutOperator.statusCode(), withoutOperator.asString());
        assertEquals(2, count("select count(*) from contact_message where journey_uuid = ?", uuid));
    }

    @Test
    void a_message_to_an_unknown_journey_is_a_404() {
        Response r = api().contentType(ContentType.JSON).body(message("no-such-journey", null, "Bonjour"))
                .post("/rdexplus/messages");
        error(r, 404, "resource_not_found");
    }

    @Test
    void a_message_from_a_site_not_the_partners_is_refused() {
        String uuid = seedDriver("08:00");
        error(api().contentType(ContentType.JSON).body(message(uuid, "ailleurs.example.com", "Bonjour"))
                .post("/rdexplus/messages"), 403, "origin_mismatch");
        assertEquals(0, count("select count(*) from contact_message where journey_uuid = ?", uuid));
    }

    @Test
    void refuses_hostile_messages() {
        String uuid = seedDriver("08:00");
        String good = message(uuid, null, "Bonjour");
        error(api().contentType(ContentType.JSON).body(unchecked(uuid, null, "x".repeat(501))).post("/rdexplus/messages"),
                400, "invalid_input");
        error(api().contentType(ContentType.JSON).body(good.replace("{", "{\"details\":\"a\",")).post("/rdexplus/messages"),
                400, "invalid_input");
        error(api().contentType(ContentType.JSON).body(good.replace("\"driver\"}", "\"pilot\"}"))
                .post("/rdexplus/messages"), 400, "invalid_input");
        error(api().contentType(ContentType.JSON).body(good.replace(",\"recipientCarpoolerType\":\"driver\"", ""))
                .post("/rdexplus/messages"), 400, "missing_mandatory_field");
        error(api().contentType(ContentType.JSON).body(good.replace("\"Bonjour\"", "42")).post("/rdexplus/messages"),
                400, "invalid_input");
        error(api().contentType(ContentType.JSON).body("[1]").post("/rdexplus/messages"), 400, "no_post_data");
        error(api().contentType(ContentType.JSON).body("{\"details\":").post("/rdexplus/messages"), 400, "invalid_input");
        error(api().contentType(ContentType.JSON).body("{\"details\":\"" + "x".repeat(20000) + "\"}")
                .post("/rdexplus/messages"), 400, "invalid_input");
        error(api().contentType(ContentType.JSON).body(good.replace("Bonjour", "Bon\\u0000jour")).post("/rdexplus/messages"),
                400, "invalid_input");
        error(https().contentType(ContentType.JSON).body(good).post("/rdexplus/messages"), 401, "access_denied");
        assertEquals(0, count("select count(*) from contact_message where journey_uuid = ?", uuid));
    }

    // --- /bookings ---------------------------------------------------------------------------------------

    @Test
    void bookings_are_not_implemented_whatever_the_method() {
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
            for (String path : List.of("/rdexplus/bookings", "/rdexplus/bookings/abc")) {
                Response r = api().contentType(ContentType.JSON).body("{}").request(method, path);
                error(r, 501, "not_implemented");
            }
        }
    }

    @Test
    void an_unsupported_method_is_refused_in_the_documents_shape() {
        Response r = api().delete("/rdexplus/journeys");
        error(r, 405, "unsupported_http_verb");
        error(api().get("/rdexplus/messages"), 405, "unsupported_http_verb");
        assertFalse(r.asString().contains("Exception"));
    }
}
