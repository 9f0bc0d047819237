package org.rdex.server.protocol.rdex12;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdex.server.support.ProtocolFixtures.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rdex.server.support.PostgresResource;
import org.rdex.server.support.TrustAllTls;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * The faults peers that we did not write hit on our RDEX 1.2 server (issue 18): HTTP/2's {@code :authority},
 * Mobicoop's one-bound time search and all-zero days, error bodies outside the guard, a timestamp that
 * overflowed the window check, and the journey's {@code type} and {@code driver.seats}.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
@SuppressWarnings("unchecked")
class Rdex12FieldFaultsTest {

    static final LocalDate DATE = LocalDate.of(2098, 6, 12);
    static final String DAY = DATE.getDayOfWeek().name().toLowerCase(Locale.ROOT);

    String apikey;
    String privateKey;
    String uuid;

    @BeforeEach
    void setUp() {
        String partner = partner(unique("faults"), "covoit.example.net");
        JsonPath key = key(partner, "127.0.0.1", "::1");
        apikey = key.getString("rdex12.apikey");
        privateKey = key.getString("rdex12.privateKey");
        uuid = journey(unique("j"), punctual("driver", DATE.toString(), 48.68793, 6.171514, 49.108385, 6.194897,
                "08:15", "08:45"));
    }

    static Map<String, Object> p() {
        return Rdex12SignatureVectorUnitTest.p("49.108385", DATE.toString(), DAY);
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    String signed(long timestamp, Map<String, Object> p) {
        return Rdex12Signer.signedUrl(httpsBase() + "/rdex", "journeys", timestamp, apikey, p, privateKey);
    }

    static String body(String url) {
        return https().urlEncodingEnabled(false).when().get(url).then().statusCode(200).extract().asString();
    }

    static ValidatableResponse fullRdexError(ValidatableResponse response, int status, String name) {
        return response.statusCode(status).contentType(containsString("application/json"))
                .body("error.name", is(name)).body("error", hasKey("message_debug")).body("error", hasKey("message_user"))
                .body("error", hasKey("field")).body("error", not(hasKey("fields")));
    }

    static HttpClient http(HttpClient.Version version) throws Exception {
        return HttpClient.newBuilder().version(version).sslContext(TrustAllTls.context())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    // Fault 1: the signed base URL is rebuilt from the request's authority, Host or :authority.

    @Test
    void a_valid_signature_passes_over_http2_where_the_authority_replaces_the_host_header() throws Exception {
        HttpResponse<String> answer = http(HttpClient.Version.HTTP_2).send(HttpRequest.newBuilder(URI.create(signed(now(), p())))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, answer.version(), "the server negotiated HTTP/2 by ALPN");
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"uuid\":\"" + uuid + "\""), answer.body());
    }

    @Test
    void a_signed_connection_passes_over_http2_and_a_tampered_one_does_not() throws Exception {
        String url = Rdex12Signer.signedUrl(httpsBase() + "/rdex", "connections", now(), apikey, null, privateKey);
        String form = Rdex12ApiTest.connectionForm(uuid, "covoit.example.net", "Bonjour en HTTP/2");
        HttpClient client = http(HttpClient.Version.HTTP_2);
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, answer.version());
        assertEquals(201, answer.statusCode(), answer.body());
        HttpResponse<String> tampered = client.send(HttpRequest.newBuilder(URI.create(url.replace("&signature=", "&signature=0")))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, tampered.statusCode(), tampered.body());
        assertTrue(tampered.body().contains("signature_mismatch"), tampered.body());
    }

    // Fault 2: one time bound, as Mobicoop's client sends when its user gives a time.

    private Map<String, Object> oneBound(String bound, String time) {
        Map<String, Object> p = p();
        Map<String, Object> window = new LinkedHashMap<>();
        window.put(bound, time);
        ((Map<String, Object>) p.get("outward")).put(DAY, window);
        return p;
    }

    @Test
    void mintime_alone_searches_from_it() {
        assertTrue(body(signed(now(), oneBound("mintime", "08:00:00"))).contains(uuid));
        assertFalse(body(signed(now(), oneBound("mintime", "09:00:00"))).contains(uuid));
    }

    @Test
    void maxtime_alone_searches_until_it() {
        assertTrue(body(signed(now(), oneBound("maxtime", "09:00:00"))).contains(uuid));
        assertFalse(body(signed(now(), oneBound("maxtime", "08:00:00"))).contains(uuid));
    }

    // Fault 3: Mobicoop's client sends every day 0 when its user chose none.

    @Test
    void all_days_zero_means_no_day_filter() {
        Map<String, Object> p = p();
        Map<String, Object> days = new LinkedHashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            days.put(d.name().toLowerCase(Locale.ROOT), 0);
        }
        p.put("days", days);
        assertTrue(body(signed(now(), p)).contains(uuid));
        days.put(DATE.getDayOfWeek().plus(1).name().toLowerCase(Locale.ROOT), 1);
        assertFalse(body(signed(now(), p)).contains(uuid), "a day set to 1 still filters");
    }

    // Fault 4: every answer on an RDEX 1.2 route has RDEX 1.2's full error body and a name of its table.

    @Test
    void a_wrong_method_on_an_rdex12_route_answers_the_full_rdex12_error() {
        fullRdexError(https().when().post("/rdex/journeys").then(), 405, "unsupported_http_verb");
        fullRdexError(https().when().put("/rdex/connections").then(), 405, "unsupported_http_verb");
        fullRdexError(https().when().get("/rdex/connections").then(), 405, "unsupported_http_verb");
    }

    @Test
    void a_json_body_on_connections_answers_the_full_rdex12_error_with_a_name_of_the_table() {
        fullRdexError(https().contentType("application/json").body("{}").when().post("/rdex/connections").then(), 415,
                "invalid_input");
    }

    @Test
    void an_unknown_path_under_an_rdex12_route_answers_the_full_rdex12_error() {
        fullRdexError(https().when().get("/rdex/journeys/42").then(), 404, "resource_not_found");
        fullRdexError(https().when().post("/rdex/connections/42").then(), 404, "resource_not_found");
    }

    // Fault 5: the timestamp window check cannot overflow.

    @Test
    void a_timestamp_2_pow_63_seconds_ago_is_too_skewed() {
        fullRdexError(https().urlEncodingEnabled(false).when().get(signed(now() + Long.MIN_VALUE, p())).then(), 401,
                "timestamp_too_skewed");
        fullRdexError(https().urlEncodingEnabled(false).when().get(signed(Long.MAX_VALUE, p())).then(), 401,
                "timestamp_too_skewed");
        fullRdexError(https().urlEncodingEnabled(false).when().get(signed(Long.MIN_VALUE, p())).then(), 401,
                "timestamp_too_skewed");
    }

    // Fault 7: journey JSON as Mobicoop's server writes it.

    @Test
    void a_journey_with_a_return_is_round_trip_even_without_p_return() {
        LocalDate monday = DATE.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        String regularUuid = journey(unique("r"), regular("driver", 48.68793, 6.171514, 49.108385, 6.194897, "08:00",
                "08:30"));
        Map<String, Object> p = Rdex12SignatureVectorUnitTest.p("49.108385", monday.toString(), "monday");
        String find = "find { it.journeys.uuid == '" + regularUuid + "' }.journeys";
        https().urlEncodingEnabled(false).when().get(signed(now(), p)).then().statusCode(200)
                .body(find + ".type", is("round-trip")).body(find + ".return", nullValue());
        Map<String, Object> back = new LinkedHashMap<>();
        back.put("mindate", monday.toString());
        back.put("maxdate", monday.toString());
        p.put("return", back);
        https().urlEncodingEnabled(false).when().get(signed(now(), p)).then().statusCode(200)
                .body(find + ".type", is("round-trip")).body(find + ".return.monday.mintime", is("17:30:00"));
        https().urlEncodingEnabled(false).when().get(signed(now(), p())).then().statusCode(200)
                .body("find { it.journeys.uuid == '" + uuid + "' }.journeys.type", is("one-way"));
    }

    @Test
    void driver_seats_is_set_for_a_passenger_only_journey() {
        String passengerUuid = journey(unique("p"), punctual("passenger", DATE.toString(), 48.68793, 6.171514, 49.108385,
                6.194897, "08:15", "08:45"));
        Map<String, Object> p = p();
        p.put("driver", Map.of("state", 0));
        p.put("passenger", Map.of("state", 1));
        String find = "find { it.journeys.uuid == '" + passengerUuid + "' }.journeys";
        https().urlEncodingEnabled(false).when().get(signed(now(), p)).then().statusCode(200)
                .body(find + ".driver.state", is(0)).body(find + ".passenger.state", is(1))
                .body(find + ".driver.seats", notNullValue()).body(find + ".driver.seats", is(0));
    }
}
