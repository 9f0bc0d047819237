package org.rdex.server.protocol.standard;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdex.server.support.ProtocolFixtures.*;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * standard-covoiturage as served, checked as the Fabrique des Mobilités' playground checks a server: every
 * response validated against the reference OpenAPI document ({@link StandardSchema}, a library, not by
 * hand), then the playground's assertions (radius with a 1 % margin, {@code timeDelta}, {@code count}, unique
 * ids, {@code operator} a bare host name) on its cases: no data, departure radius 1-3#01, arrival radius
 * 1-4, count 1-4, timeDelta 1-3, and messages.
 *
 * <p>Adapted from the playground: its data sit in 1970 weeks, ours in future weeks (a journey ends in the
 * past is not searchable); its timeDelta cases use seconds (+5/+15/+25 s against 10/20 s), ours minutes
 * (+5/+15/+25 min against 10/20 min), our journeys' times being whole minutes. Each case has its own place
 * and week, so cases do not see each other's data.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class StandardConformanceTest {

    static final double REF_LAT = 46.160454;
    static final double REF_LNG = -1.2219607;
    static final double KM_PER_DEGREE = Math.PI * 6371.0 / 180;
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final LocalDate FIRST_WEEK = LocalDate.of(2097, 1, 7);

    enum Route {
        DRIVER_JOURNEYS("/driver_journeys", "driver", false),
        PASSENGER_JOURNEYS("/passenger_journeys", "passenger", false),
        DRIVER_REGULAR_TRIPS("/driver_regular_trips", "driver", true),
        PASSENGER_REGULAR_TRIPS("/passenger_regular_trips", "passenger", true);

        final String path;
        final String role;
        final boolean regular;

        Route(String path, String role, boolean regular) {
            this.path = path;
            this.role = role;
            this.regular = regular;
        }
    }

    String key;

    @BeforeEach
    void setUp() {
        String partner = partner(unique("std"), "covoit.example.net");
        key = key(partner, "127.0.0.1", "::1").getString("key");
    }

    // --- Places and times of a case --------------------------------------------------------------------

    /** Case {@code n} of a route: its own place (5.5 km apart) and week. */
    static int index(Route route, int n) {
        return route.ordinal() * 20 + n;
    }

    static double depLat(int i) {
        return REF_LAT + i * 0.05;
    }

    static double arrLat(int i) {
        return depLat(i) - 0.3;
    }

    static LocalDate date(int i) {
        return FIRST_WEEK.plusWeeks(i);
    }

    static long departureDate(int i) {
        return date(i).atTime(8, 0).atZone(ZONE).toEpochSecond();
    }

    /** A journey of the route's kind starting {@code depKm} north of the case's departure, ending {@code arrKm} north of its arrival. */
    static String seed(Route route, int i, double depKm, double arrKm, int minutes) {
        double fromLat = depLat(i) + depKm / KM_PER_DEGREE;
        double toLat = arrLat(i) + arrKm / KM_PER_DEGREE;
        String time = LocalTime.of(8, 0).plusMinutes(minutes).toString();
        String json = route.regular ? regular(route.role, fromLat, REF_LNG, toLat, REF_LNG, time, time)
                : punctual(route.role, date(i).toString(), fromLat, REF_LNG, toLat, REF_LNG, time, time);
        return journey(unique("std"), json);
    }

    Map<String, Object> query(Route route, int i, Map<String, Object> extra) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("departureLat", depLat(i));
        q.put("departureLng", REF_LNG);
        q.put("arrivalLat", arrLat(i));
        q.put("arrivalLng", REF_LNG);
        if (route.regular) {
            q.put("departureTimeOfDay", "08:00:00");
            q.put("minDepartureDate", departureDate(i) - 8 * 3600);
            q.put("maxDepartureDate", departureDate(i) - 8 * 3600 + 604800);
        } else {
            q.put("departureDate", departureDate(i));
        }
        q.put("timeDelta", 900);
        q.putAll(extra);
        return q;
    }

    // --- The playground's assertions ---------------------------------------------------------------------

    /** Calls a search route and runs every assertion the playground runs on it; returns the items. */
    List<Map<String, Object>> search(Route route, Map<String, Object> q) {
        Response response = https().header("X-API-Key", key).queryParams(q).when().get("/standard/v1" + route.path);
        assertEquals(200, response.statusCode(), response.asString());
        assertTrue(response.contentType().contains("application/json"), response.contentType());
        String body = response.asString();
        assertEquals(List.of(), StandardSchema.validate(route.path, "get", 200, body).stream().map(Object::toString).toList(),
                body);
        List<Map<String, Object>> items = JsonPath.from(body).getList("$");
        double depRadius = ((Number) q.getOrDefault("departureRadius", 1.0)).doubleValue();
        double arrRadius = ((Number) q.getOrDefault("arrivalRadius", 1.0)).doubleValue();
        Set<String> ids = new HashSet<>();
        for (Map<String, Object> item : items) {
            // Departure and arrival radius, 1 % margin, haversine R = 6371 km.
            assertTrue(haversine(item, "passengerPickup", (double) q.get("departureLat"), (double) q.get("departureLng"))
                    <= depRadius * 1.01, "departure radius: " + item);
            assertTrue(haversine(item, "passengerDrop", (double) q.get("arrivalLat"), (double) q.get("arrivalLng"))
                    <= arrRadius * 1.01, "arrival radius: " + item);
            if (!route.regular) {
                long pickup = ((Number) item.get("passengerPickupDate")).longValue();
                assertTrue(Math.abs(pickup - (long) q.get("departureDate")) <= ((Number) q.get("timeDelta")).longValue(),
                        "timeDelta: " + item);
            }
            if (item.get("id") != null) {
                assertTrue(ids.add((String) item.get("id")), "id twice: " + item.get("id"));
            }
            assertTrue(bareHostName((String) item.get("operator")), "operator: " + item.get("operator"));
        }
        if (q.containsKey("count")) {
            assertTrue(items.size() <= ((Number) q.get("count")).intValue(), "count: " + items.size());
        }
        return items;
    }

    static double haversine(Map<String, Object> item, String prefix, double lat, double lng) {
        double lat1 = Math.toRadians(((Number) item.get(prefix + "Lat")).doubleValue());
        double lng1 = Math.toRadians(((Number) item.get(prefix + "Lng")).doubleValue());
        double lat2 = Math.toRadians(lat);
        double lng2 = Math.toRadians(lng);
        double a = Math.pow(Math.sin((lat2 - lat1) / 2), 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin((lng2 - lng1) / 2), 2);
        return 2 * 6371 * Math.asin(Math.sqrt(a));
    }

    /**
     * The playground's operator check: {@code "https://" + operator} is a URL with a host and nothing else
     * (no path, not even "/", no user info, no query, no port), a registrable domain. Without the public
     * suffix list here, "registrable" is approximated as two labels or more, an alphabetic top-level one.
     */
    static boolean bareHostName(String operator) {
        if (operator == null || operator.isEmpty()) {
            return false;
        }
        try {
            URI uri = new URI("https://" + operator);
            String host = uri.getHost();
            if (host == null || !host.equals(operator) || !uri.getRawPath().isEmpty() || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getPort() != -1) {
                return false;
            }
            String[] labels = host.split("\\.");
            return labels.length >= 2 && labels[labels.length - 1].matches("[a-z]{2,63}") && !host.equals("localhost");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Test
    void the_schema_check_rejects_a_body_that_breaks_the_document() {
        assertFalse(StandardSchema.validate("/driver_journeys", "get", 200, "[{\"operator\":\"a.example.org\"}]").isEmpty());
        assertFalse(StandardSchema.validate("/driver_journeys", "get", 200, "{}").isEmpty());
        assertFalse(StandardSchema.validate(StandardSchema.BAD_REQUEST, "{\"error\":3}").isEmpty());
    }

    @Test
    void the_operator_check_is_the_playgrounds() {
        assertTrue(bareHostName("operator.com"));
        assertTrue(bareHostName("a.operator.co.uk"));
        for (String bad : List.of("", "random", "localhost", "https://operator.com", "operator.com/")) {
            assertFalse(bareHostName(bad), bad);
        }
    }

    static List<Object> ids(List<Map<String, Object>> items, String role) {
        List<Object> ids = new ArrayList<>();
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            Map<String, Object> user = (Map<String, Object>) item.get(role);
            ids.add(user.get("id"));
        }
        return ids;
    }

    // --- The playground's cases, on the four search routes -----------------------------------------------

    @ParameterizedTest
    @EnumSource(Route.class)
    void no_data(Route route) {
        Map<String, Object> q = query(route, index(route, 0), Map.of());
        q.put("departureLat", 0.0);
        q.put("departureLng", 0.0);
        q.put("arrivalLat", 0.0);
        q.put("arrivalLng", 0.0);
        assertEquals(List.of(), search(route, q));
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void departure_radius(Route route) {
        radiusCases(route, 1, "departureRadius", (i, km) -> seed(route, i, km, 0, 0));
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void arrival_radius(Route route) {
        radiusCases(route, 5, "arrivalRadius", (i, km) -> seed(route, i, 0, km, 0));
    }

    /**
     * The playground's radius cases on one end, at places {@code first} to {@code first + 3}; {@code seedAt}
     * seeds a trip that far (km) from that end's reference point.
     */
    private void radiusCases(Route route, int first, String radius, BiFunction<Integer, Double, String> seedAt) {
        // Departure_radius_1 / Arrival_radius_1: radius 1, data at 900 m and 1100 m.
        int i = index(route, first);
        String near = seedAt.apply(i, 0.9);
        String far = seedAt.apply(i, 1.1);
        List<Object> found = ids(search(route, query(route, i, Map.of(radius, 1.0))), route.role);
        assertTrue(found.contains(near), found.toString());
        assertFalse(found.contains(far), found.toString());
        // ..._radius_2: radius 2, data at 900 m and 2100 m.
        i = index(route, first + 1);
        near = seedAt.apply(i, 0.9);
        far = seedAt.apply(i, 2.1);
        found = ids(search(route, query(route, i, Map.of(radius, 2.0))), route.role);
        assertTrue(found.contains(near), found.toString());
        assertFalse(found.contains(far), found.toString());
        // ..._radius_3: radius 1, only 1100 m.
        i = index(route, first + 2);
        far = seedAt.apply(i, 1.1);
        assertFalse(ids(search(route, query(route, i, Map.of(radius, 1.0))), route.role).contains(far));
        // ..._radius_3#01: radius 1, only 900 m.
        i = index(route, first + 3);
        near = seedAt.apply(i, 0.9);
        assertTrue(ids(search(route, query(route, i, Map.of(radius, 1.0))), route.role).contains(near));
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void count_limits(Route route) {
        // Count_1: count=1, one trip.
        int i = index(route, 9);
        seed(route, i, 0, 0, 0);
        assertEquals(1, search(route, query(route, i, Map.of("count", 1))).size());
        // Count_2: count=0, one trip: [].
        i = index(route, 10);
        seed(route, i, 0, 0, 0);
        assertEquals(List.of(), search(route, query(route, i, Map.of("count", 0))));
        // Count_3: count=2, four trips: not empty, at most 2.
        i = index(route, 11);
        for (int k = 0; k < 4; k++) {
            seed(route, i, 0.1 * k, 0, 0);
        }
        assertEquals(2, search(route, query(route, i, Map.of("count", 2))).size());
        // Count_4: count=1, no data.
        i = index(route, 12);
        assertEquals(List.of(), search(route, query(route, i, Map.of("count", 1))));
    }

    @ParameterizedTest
    @EnumSource(value = Route.class, names = { "DRIVER_JOURNEYS", "PASSENGER_JOURNEYS" })
    void time_delta(Route route) {
        // TimeDelta_1: delta 10 min, pickup at +5 min: found.
        int i = index(route, 13);
        String inside = seed(route, i, 0, 0, 5);
        assertTrue(ids(search(route, query(route, i, Map.of("timeDelta", 600))), route.role).contains(inside));
        // TimeDelta_2: delta 10 min, pickup at +15 min: not returned.
        i = index(route, 14);
        String outside = seed(route, i, 0, 0, 15);
        assertFalse(ids(search(route, query(route, i, Map.of("timeDelta", 600))), route.role).contains(outside));
        // TimeDelta_3: delta 20 min, pickups at +15 and +25 min: the first only.
        i = index(route, 15);
        inside = seed(route, i, 0, 0, 15);
        outside = seed(route, i, 0, 0, 25);
        List<Object> found = ids(search(route, query(route, i, Map.of("timeDelta", 1200))), route.role);
        assertTrue(found.contains(inside), found.toString());
        assertFalse(found.contains(outside), found.toString());
    }

    @Test
    void a_driver_journey_carries_what_the_standard_describes() {
        int i = index(Route.DRIVER_JOURNEYS, 16);
        String uuid = seed(Route.DRIVER_JOURNEYS, i, 0.2, 0, 10);
        List<Map<String, Object>> items = search(Route.DRIVER_JOURNEYS, query(Route.DRIVER_JOURNEYS, i, Map.of()));
        assertEquals(1, items.size());
        Map<String, Object> item = items.get(0);
        assertEquals(uuid, item.get("id"));
        assertEquals("covoiturage.example.org", item.get("operator"));
        assertEquals(departureDate(i) + 600, ((Number) item.get("passengerPickupDate")).longValue());
        assertEquals(31500, ((Number) item.get("distance")).intValue());
        assertEquals(2100, ((Number) item.get("duration")).intValue());
        assertEquals(3, item.get("availableSeats"));
        assertEquals(Map.of("type", "PAYING", "amount", 4.5f, "currency", "EUR"), item.get("price"));
        assertEquals(Map.of("id", uuid, "operator", "covoiturage.example.org", "alias", "camille"), item.get("driver"));
    }

    @Test
    void regular_trips_list_their_schedules() {
        int i = index(Route.DRIVER_REGULAR_TRIPS, 17);
        seed(Route.DRIVER_REGULAR_TRIPS, i, 0, 0, 10);
        List<Map<String, Object>> items = search(Route.DRIVER_REGULAR_TRIPS,
                query(Route.DRIVER_REGULAR_TRIPS, i, Map.of("departureWeekdays", "MON,TUE")));
        assertEquals(1, items.size());
        assertEquals(List.of(Map.of("passengerPickupDay", "MON", "passengerPickupTimeOfDay", "08:10:00")),
                items.get(0).get("schedules"));
    }

    // --- Errors, authentication, messages, bookings, status ---------------------------------------------

    @Test
    void a_bad_query_is_a_400_with_the_standards_error_body() {
        Map<String, Object> q = query(Route.DRIVER_JOURNEYS, index(Route.DRIVER_JOURNEYS, 18), Map.of());
        q.put("departureLat", "north");
        Response response = https().header("X-API-Key", key).queryParams(q).when().get("/standard/v1/driver_journeys");
        assertEquals(400, response.statusCode());
        assertEquals(List.of(), StandardSchema.validate(StandardSchema.BAD_REQUEST, response.asString()), response.asString());
        assertTrue(response.jsonPath().getString("error").contains("departureLat"));
    }

    @Test
    void requests_without_a_valid_key_from_its_address_over_https_are_401() {
        Map<String, Object> q = query(Route.DRIVER_JOURNEYS, index(Route.DRIVER_JOURNEYS, 18), Map.of());
        https().queryParams(q).when().get("/standard/v1/driver_journeys").then().statusCode(401);
        https().header("X-API-Key", key.substring(0, key.length() - 3) + "AAA").queryParams(q)
                .when().get("/standard/v1/driver_journeys").then().statusCode(401);
        String elsewhere = key(partner(unique("far"), "far.example.org"), "192.0.2.10").getString("key");
        https().header("X-API-Key", elsewhere).queryParams(q).when().get("/standard/v1/driver_journeys").then()
                .statusCode(401).body("error", containsString("address"));
        RestAssured.given().header("X-API-Key", key).queryParams(q).when().get("/standard/v1/driver_journeys").then()
                .statusCode(401);
    }

    Map<String, Object> message(String toId, String fromOperator) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", Map.of("id", "u-77", "operator", fromOperator, "alias", "Baptiste"));
        body.put("to", Map.of("id", toId, "operator", "covoiturage.example.org", "alias", "camille"));
        body.put("message", "Bonjour, je peux vous rejoindre à 8h ? 06 00 00 00 00");
        body.put("recipientCarpoolerType", "DRIVER");
        return body;
    }

    @Test
    void a_message_to_a_journeys_driver_goes_into_the_outbox() {
        int i = index(Route.DRIVER_JOURNEYS, 19);
        String uuid = seed(Route.DRIVER_JOURNEYS, i, 0, 0, 0);
        https().header("X-API-Key", key).contentType(ContentType.JSON).body(message(uuid, "covoit.example.net"))
                .when().post("/standard/v1/messages").then().statusCode(201);
        assertEquals(1, count("select count(*) from contact_message where journey_uuid = ? and site = 'covoit.example.net'"
                + " and sender_pseudonym = 'Baptiste' and sender_email = ''", uuid));
        Map<String, Object> byJourney = message("someone", "covoit.example.net");
        byJourney.put("driverJourneyId", uuid);
        https().header("X-API-Key", key).contentType(ContentType.JSON).body(byJourney)
                .when().post("/standard/v1/messages").then().statusCode(201);
        assertEquals(2, count("select count(*) from contact_message where journey_uuid = ?", uuid));
    }

    @Test
    void a_message_to_an_unknown_recipient_is_404() {
        https().header("X-API-Key", key).contentType(ContentType.JSON).body(message("nobody-here", "covoit.example.net"))
                .when().post("/standard/v1/messages").then().statusCode(404);
    }

    @Test
    void a_message_from_another_operator_or_too_long_is_400() {
        Response response = https().header("X-API-Key", key).contentType(ContentType.JSON)
                .body(message("x", "ailleurs.example.com")).when().post("/standard/v1/messages");
        assertEquals(400, response.statusCode());
        assertEquals(List.of(), StandardSchema.validate(StandardSchema.BAD_REQUEST, response.asString()));
        Map<String, Object> tooLong = message("x", "covoit.example.net");
        tooLong.put("message", "x".repeat(501));
        https().header("X-API-Key", key).contentType(ContentType.JSON).body(tooLong)
                .when().post("/standard/v1/messages").then().statusCode(400);
    }

    @Test
    void a_message_without_recipientCarpoolerType_is_400_naming_it() {
        int i = index(Route.DRIVER_JOURNEYS, 19);
        String uuid = seed(Route.DRIVER_JOURNEYS, i, 0, 0, 0);
        Map<String, Object> body = message(uuid, "covoit.example.net");
        body.remove("recipientCarpoolerType");
        Response response = https().header("X-API-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/standard/v1/messages");
        assertEquals(400, response.statusCode(), response.asString());
        assertEquals(List.of(), StandardSchema.validate(StandardSchema.BAD_REQUEST, response.asString()));
        assertTrue(response.jsonPath().getString("error").contains("recipientCarpoolerType"), response.asString());
        assertEquals(0, count("select count(*) from contact_message where journey_uuid = ?", uuid));
    }

    @Test
    void a_message_naming_a_field_twice_is_400_naming_it() {
        int i = index(Route.DRIVER_JOURNEYS, 19);
        String uuid = seed(Route.DRIVER_JOURNEYS, i, 0, 0, 0);
        String body = """
                {"from": {"id": "u-77", "operator": "covoit.example.net", "alias": "Baptiste"},
                 "to": {"id": "%s", "operator": "covoiturage.example.org", "alias": "camille"},
                 "message": "Bonjour", "recipientCarpoolerType": "DRIVER", "message": "Autre chose"}
                """.formatted(uuid);
        Response response = https().header("X-API-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/standard/v1/messages");
        assertEquals(400, response.statusCode(), response.asString());
        assertEquals(List.of(), StandardSchema.validate(StandardSchema.BAD_REQUEST, response.asString()));
        assertTrue(response.jsonPath().getString("error").contains("message is given more than once"), response.asString());
        String nested = body.replace("\"message\": \"Autre chose\"", "\"id\": \"x\"")
                .replace("\"alias\": \"Baptiste\"", "\"alias\": \"Baptiste\", \"alias\": \"Eve\"");
        response = https().header("X-API-Key", key).contentType(ContentType.JSON).body(nested)
                .when().post("/standard/v1/messages");
        assertEquals(400, response.statusCode(), response.asString());
        assertTrue(response.jsonPath().getString("error").contains("from.alias is given more than once"), response.asString());
        assertEquals(0, count("select count(*) from contact_message where journey_uuid = ?", uuid));
    }

    @Test
    void an_api_key_sent_on_two_lines_with_different_values_is_401() {
        int i = index(Route.DRIVER_JOURNEYS, 19);
        String uuid = seed(Route.DRIVER_JOURNEYS, i, 0, 0, 0);
        String other = key(partner(unique("std2"), "other.example.net"), "127.0.0.1", "::1").getString("key");
        Response response = https().header("X-API-Key", key).header("X-API-Key", other).contentType(ContentType.JSON)
                .body(message(uuid, "covoit.example.net")).when().post("/standard/v1/messages");
        assertEquals(401, response.statusCode(), response.asString());
        assertEquals(0, count("select count(*) from contact_message where journey_uuid = ?", uuid));
        Map<String, Object> q = query(Route.DRIVER_JOURNEYS, i, Map.of());
        https().header("X-API-Key", key).header("X-API-Key", other).queryParams(q).when()
                .get("/standard/v1/driver_journeys").then().statusCode(401);
        // The very same value twice is no ambiguity.
        https().header("X-API-Key", key).header("X-API-Key", key).queryParams(q).when()
                .get("/standard/v1/driver_journeys").then().statusCode(200);
    }

    @Test
    void bookings_are_not_implemented() {
        https().header("X-API-Key", key).contentType(ContentType.JSON).body("{}").when().post("/standard/v1/bookings")
                .then().statusCode(501).body("error", containsString("not_implemented"));
        https().header("X-API-Key", key).when().get("/standard/v1/bookings/0b8e2b4e-8a5c-4c49-a1c0-2f9a7b1f8d11")
                .then().statusCode(501);
        https().header("X-API-Key", key).when().patch("/standard/v1/bookings/0b8e2b4e-8a5c-4c49-a1c0-2f9a7b1f8d11?status=VALIDATED")
                .then().statusCode(501);
        https().header("X-API-Key", key).contentType(ContentType.JSON).body("{}").when().post("/standard/v1/booking_events")
                .then().statusCode(501);
    }

    @Test
    void status_is_200_without_any_key() {
        RestAssured.given().when().get("/standard/v1/status").then().statusCode(200);
        https().when().get("/standard/v1/status").then().statusCode(is(200));
    }
}
