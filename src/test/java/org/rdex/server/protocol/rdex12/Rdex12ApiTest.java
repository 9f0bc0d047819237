package org.rdex.server.protocol.rdex12;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdex.server.support.ProtocolFixtures.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rdex.server.key.KeyFormat;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * RDEX 1.2 as served: requests signed exactly as Mobicoop's PHP client signs them ({@link Rdex12Signer}, the
 * test vector in {@link Rdex12SignatureVectorUnitTest}); a valid signature passes, and a changed parameter, a stale
 * timestamp, another partner's key and a wrong address are refused with RDEX's names and codes.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
@SuppressWarnings("unchecked")
class Rdex12ApiTest {

    static final LocalDate DATE = LocalDate.of(2098, 5, 16);
    static final String DAY = DATE.getDayOfWeek().name().toLowerCase(Locale.ROOT);
    static final String FORM = "application/x-www-form-urlencoded";

    String partner;
    String apikey;
    String privateKey;
    String uuid;

    @BeforeEach
    void setUp() {
        partner = partner(unique("rdex12"), "covoit.example.net");
        JsonPath key = key(partner, "127.0.0.1", "::1");
        apikey = key.getString("rdex12.apikey");
        privateKey = key.getString("rdex12.privateKey");
        uuid = journey(unique("j"), punctual("driver", DATE.toString(), 48.68793, 6.171514, 49.108385, 6.194897,
                "08:15", "08:45"));
    }

    static Map<String, Object> p(String toLatitude) {
        return Rdex12SignatureVectorUnitTest.p(toLatitude, DATE.toString(), DAY);
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    String signed(long timestamp, String key, String secret, Map<String, Object> p) {
        return Rdex12Signer.signedUrl(httpsBase() + "/rdex", "journeys", timestamp, key, p, secret);
    }

    static ValidatableResponse get(String url) {
        return https().urlEncodingEnabled(false).when().get(url).then();
    }

    static ValidatableResponse rdexError(ValidatableResponse response, int status, String name) {
        return response.statusCode(status).contentType(containsString("application/json"))
                .body("error.name", is(name)).body("error", hasKey("message_debug")).body("error", hasKey("message_user"))
                .body("error", hasKey("field"));
    }

    @Test
    void valid_signature_returns_rdex12_journey_json() {
        get(signed(now(), apikey, privateKey, p("49.108385"))).statusCode(200)
                .body("journeys.uuid", hasItem(uuid))
                .body("find { it.journeys.uuid == '" + uuid + "' }.journeys.driver.state", is(1))
                .body("find { it.journeys.uuid == '" + uuid + "' }.journeys.passenger.state", is(0))
                .body("find { it.journeys.uuid == '" + uuid + "' }.journeys.driver.seats", is(3))
                .body("find { it.journeys.uuid == '" + uuid + "' }.journeys.driver.gender", nullValue())
                .body("find { it.journeys.uuid == '" + uuid + "' }.journeys.distance", is(31500))
                .body("find { it.journeys.uuid == '" + uuid + "' }.journeys.duration", is(2100))
                .body("find { it.journeys.uuid == '" + uuid + "' }.journeys.frequency", is("punctual"))
                .body("find { it.journeys.uuid == '" + uuid + "' }.journeys.days." + DAY, is(1))
                .body("find { it.journeys.uuid == '" + uuid + "' }.journeys.outward.mindate", is(DATE.toString()))
                .body("find { it.journeys.uuid == '" + uuid + "' }.journeys.outward." + DAY + ".mintime", is("08:15:00"))
                .body("find { it.journeys.uuid == '" + uuid + "' }.journeys.outward." + DAY + ".maxtime", is("08:45:00"))
                .body("find { it.journeys.uuid == '" + uuid + "' }.journeys.return", nullValue());
    }

    @Test
    void every_key_of_mobicoops_journey_object_is_sent_in_its_order() {
        String body = https().urlEncodingEnabled(false).when().get(signed(now(), apikey, privateKey, p("49.108385")))
                .then().statusCode(200).extract().asString();
        int start = body.indexOf("{\"journeys\":{\"uuid\":\"" + uuid + "\"");
        assertTrue(start >= 0, body);
        String journey = body.substring(start);
        int last = -1;
        for (String key : List.of("uuid", "operator", "origin", "url", "driver", "passenger", "from", "to", "distance",
                "duration", "route", "number_of_waypoints", "waypoints", "cost", "details", "vehicle", "frequency",
                "type", "real_time", "stopped", "days", "outward", "return")) {
            int at = journey.indexOf("\"" + key + "\":");
            assertTrue(at > last, key + " missing or out of order in " + journey);
            last = at;
        }
    }

    @Test
    void a_changed_parameter_is_refused_with_signature_mismatch() {
        String url = signed(now(), apikey, privateKey, p("49.108385"));
        rdexError(get(url.replace("p%5Bto%5D%5Blatitude%5D=49.108385", "p%5Bto%5D%5Blatitude%5D=49.2")), 401,
                "signature_mismatch").body("error.field", is("signature"));
        rdexError(get(url.replace("&signature=", "&signature=0")), 401, "signature_mismatch");
    }

    @Test
    void a_stale_or_future_timestamp_is_refused_with_timestamp_too_skewed() {
        // A minute past the 300 s window either way: the server's clock reads later than ours by the time the
        // request takes on a loaded machine, which made +301 pass.
        rdexError(get(signed(now() - 360, apikey, privateKey, p("49.108385"))), 401, "timestamp_too_skewed")
                .body("error.field", is("timestamp"));
        rdexError(get(signed(now() + 360, apikey, privateKey, p("49.108385"))), 401, "timestamp_too_skewed");
        get(signed(now() - 200, apikey, privateKey, p("49.108385"))).statusCode(200);
    }

    @Test
    void another_partners_key_is_refused() {
        String other = partner(unique("other"), "autre.example.org");
        JsonPath otherKey = key(other, "127.0.0.1", "::1");
        // Our apikey signed with the other partner's private key, and the other way round.
        rdexError(get(signed(now(), apikey, otherKey.getString("rdex12.privateKey"), p("49.108385"))), 401,
                "signature_mismatch");
        rdexError(get(signed(now(), otherKey.getString("rdex12.apikey"), privateKey, p("49.108385"))), 401,
                "signature_mismatch");
        // The other key, whole, is not an apikey.
        rdexError(get(signed(now(), otherKey.getString("key"), otherKey.getString("rdex12.privateKey"), p("49.108385"))),
                401, "access_denied");
    }

    @Test
    void a_key_used_from_another_address_is_refused() {
        JsonPath elsewhere = key(partner, "192.0.2.10");
        rdexError(get(signed(now(), elsewhere.getString("rdex12.apikey"), elsewhere.getString("rdex12.privateKey"),
                p("49.108385"))), 403, "insufficient_permissions").body("error.field", is("apikey"));
    }

    @Test
    void unknown_revoked_and_presigning_keys_are_refused() {
        rdexError(get(signed(now(), "rdex_0123456789abcdef", privateKey, p("49.108385"))), 401, "access_denied");
        JsonPath old = key(partner, "127.0.0.1", "::1");
        execute("update partner_key set secret_enc = null where id = ?", old.getString("id"));
        rdexError(get(signed(now(), old.getString("rdex12.apikey"), old.getString("rdex12.privateKey"), p("49.108385"))),
                401, "access_denied");
        JsonPath revoked = key(partner, "127.0.0.1", "::1");
        admin().when().delete("/admin/keys/" + revoked.getString("id")).then().statusCode(200);
        rdexError(get(signed(now(), revoked.getString("rdex12.apikey"), revoked.getString("rdex12.privateKey"),
                p("49.108385"))), 403, "insufficient_permissions");
    }

    @Test
    void names_the_first_missing_mandatory_field_in_mobicoops_order() {
        Map<String, Object> p = p("49.108385");
        ((Map<String, Object>) p.get("from")).remove("longitude");
        ((Map<String, Object>) p.get("to")).remove("latitude");
        rdexError(get(signed(now(), apikey, privateKey, p)), 400, "missing_mandatory_field")
                .body("error.field", is("p[from][longitude]"));
        rdexError(get(httpsBase() + "/rdex/journeys?timestamp=" + now() + "&apikey=" + apikey), 400,
                "missing_mandatory_field").body("error.field", is("p"));
    }

    @Test
    void a_request_without_rdex_parameters_gets_an_empty_object_as_at_mobicoop() {
        get(httpsBase() + "/rdex/journeys").statusCode(200).body(is("{}"));
    }

    @Test
    void invalid_values_are_refused_after_the_signature() {
        Map<String, Object> p = p("49.108385");
        ((Map<String, Object>) p.get("outward")).put("mindate", "2020-01-01");
        rdexError(get(signed(now(), apikey, privateKey, p)), 400, "invalid_input")
                .body("error.field", is("p[outward][mindate]"));
        Map<String, Object> half = p("49.108385");
        ((Map<String, Object>) ((Map<String, Object>) half.get("outward")).get(DAY)).remove("maxtime");
        // One bound alone is Mobicoop's time search (Rdex12FieldFaultsTest), not an error.
        get(signed(now(), apikey, privateKey, half)).statusCode(200);
        Map<String, Object> bad = p("91");
        rdexError(get(signed(now(), apikey, privateKey, bad)), 400, "invalid_input").body("error.field", is("p[to][latitude]"));
    }

    @Test
    void journeys_outside_the_window_or_for_passengers_only_are_not_returned() {
        Map<String, Object> p = p("49.108385");
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("mintime", "10:00:00");
        window.put("maxtime", "11:00:00");
        ((Map<String, Object>) p.get("outward")).put(DAY, window);
        String body = https().urlEncodingEnabled(false).when().get(signed(now(), apikey, privateKey, p)).then()
                .statusCode(200).extract().asString();
        assertTrue(!body.contains(uuid), body);
        Map<String, Object> passengers = p("49.108385");
        passengers.put("driver", Map.of("state", 0));
        passengers.put("passenger", Map.of("state", 1));
        body = https().urlEncodingEnabled(false).when().get(signed(now(), apikey, privateKey, passengers)).then()
                .statusCode(200).extract().asString();
        assertTrue(!body.contains(uuid), body);
    }

    @Test
    void plain_http_is_refused() {
        RestAssured.given().urlEncodingEnabled(false).when()
                .get(signed(now(), apikey, privateKey, p("49.108385")).replace(httpsBase(), ""))
                .then().statusCode(403).body("error.name", is("insufficient_permissions"));
    }

    String connectionUrl(long timestamp, String key, String secret) {
        return Rdex12Signer.signedUrl(httpsBase() + "/rdex", "connections", timestamp, key, null, secret);
    }

    static String connectionForm(String journey, String origin, String details) {
        return "origin=" + Rdex12Signer.urlencode(origin) + "&operator=exemple&details=" + Rdex12Signer.urlencode(details)
                + "&journeys%5Buuid%5D=" + Rdex12Signer.urlencode(journey)
                + "&driver%5Buuid%5D=" + Rdex12Signer.urlencode(journey) + "&driver%5Bstate%5D=recipient"
                + "&passenger%5Bstate%5D=sender&passenger%5Balias%5D=Baptiste";
    }

    static ValidatableResponse post(String url, String form) {
        return https().urlEncodingEnabled(false).contentType(FORM).body(form).when().post(url).then();
    }

    @Test
    void a_signed_connection_goes_into_the_outbox_and_answers_201_with_nothing_about_our_user() {
        String details = "Bonjour ! Je peux partir à 8h. Tél. 06 00 00 00 00";
        post(connectionUrl(now(), apikey, privateKey), connectionForm(uuid, "https://covoit.example.net", details))
                .statusCode(201).body(emptyString());
        assertEquals(1, count("select count(*) from contact_message where journey_uuid = ? and site = ?"
                + " and sender_pseudonym = 'Baptiste' and sender_email = '' and message = ?", uuid, "covoit.example.net",
                details));
    }

    @Test
    void connections_are_refused_like_searches() {
        String form = connectionForm(uuid, "covoit.example.net", "Bonjour");
        rdexError(post(connectionUrl(now() - 600, apikey, privateKey), form), 401, "timestamp_too_skewed");
        rdexError(post(connectionUrl(now(), apikey, privateKey).replace("&signature=", "&signature=1"), form), 401,
                "signature_mismatch");
        rdexError(post(connectionUrl(now(), apikey, privateKey), form.replace("driver%5Bstate%5D=recipient&", "")), 400,
                "missing_mandatory_field").body("error.field", is("driver[state]"));
        rdexError(post(connectionUrl(now(), apikey, privateKey), connectionForm(uuid, "covoit.example.net", "x".repeat(501))),
                400, "invalid_input").body("error.field", is("details"));
        rdexError(post(connectionUrl(now(), apikey, privateKey), connectionForm(uuid, "ailleurs.example.com", "Bonjour")),
                403, "origin_mismatch");
        rdexError(post(connectionUrl(now(), apikey, privateKey), connectionForm("no-such-journey", "covoit.example.net",
                "Bonjour")), 404, "resource_not_found").body("error.field", is("journeys[uuid]"));
        assertEquals(0, count("select count(*) from contact_message where journey_uuid = ?", uuid));
    }

    @Test
    void the_admin_api_gives_both_halves_of_a_key() {
        JsonPath issued = key(partner, "127.0.0.1");
        KeyFormat.Parsed whole = KeyFormat.parse(issued.getString("key")).orElseThrow();
        assertEquals("rdex_" + whole.id(), issued.getString("rdex12.apikey"));
        assertEquals(whole.secret(), issued.getString("rdex12.privateKey"));
        admin().when().get("/admin/keys").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString(whole.secret())));
    }

    @Test
    void the_export_file_next_to_it_is_still_served_by_its_own_resource() {
        https().when().get("/rdex/journeys.xml.gz").then()
                .body(org.hamcrest.Matchers.not(containsString("missing_mandatory_field")));
        https().when().get("/rdex/rdex-1.0.dtd").then().statusCode(200);
    }
}
