package org.rdex.server.protocol.rdex12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdex.server.support.ProtocolFixtures.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdex.server.support.PhpCli;
import org.rdex.server.support.PostgresResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Conformance of our RDEX 1.2 server with Mobicoop's client: {@code src/test/php/rdex12_client.php} builds
 * and signs its requests as {@code JourneyProviderRdex} and {@code ExternalConnectionManager} do
 * ({@code http_build_query}, {@code hash_hmac('sha256', ...)}, Guzzle's form body) and sends them with PHP's
 * curl over HTTP/1.1 and HTTP/2 (negotiated by ALPN, as in the field). Needs php-cli and php-curl.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class Rdex12PhpClientTest {

    static final LocalDate DATE = LocalDate.of(2098, 7, 9);
    static final ObjectMapper JSON = new ObjectMapper();
    static PhpCli php;

    String apikey;
    String privateKey;
    String uuid;

    @BeforeAll
    static void php() {
        php = PhpCli.require();
    }

    @BeforeEach
    void setUp() {
        String partner = partner(unique("php"), "covoit.example.net");
        JsonPath key = key(partner, "127.0.0.1", "::1");
        apikey = key.getString("rdex12.apikey");
        privateKey = key.getString("rdex12.privateKey");
        uuid = journey(unique("j"), punctual("driver", DATE.toString(), 48.68793, 6.171514, 49.108385, 6.194897,
                "08:15", "08:45"));
    }

    /** What the PHP client printed: status, HTTP version, signed URL, body. */
    JsonNode call(String resource, Map<String, Object> call) throws Exception {
        PhpCli.Run run = php.run("rdex12_client.php", Map.of("RDEX12_PRIVATE_KEY", privateKey), resource,
                JSON.writeValueAsString(call));
        assertEquals(0, run.exit(), run.stderr());
        return JSON.readTree(run.stdout());
    }

    Map<String, Object> search(String http, String tamper, Map<String, Object> search) {
        return Map.of("base", httpsBase() + "/rdex", "apikey", apikey, "http", http, "tamper", tamper, "search", search);
    }

    /** A search as Mobicoop's user makes it: a date and, when given, a time; no day chosen. */
    static Map<String, Object> mobicoopSearch(String time) {
        Map<String, Object> s = new java.util.LinkedHashMap<>(Map.of("driver", 1, "passenger", 0,
                "from_latitude", "48.687930", "from_longitude", "6.171514", "to_latitude", "49.108385",
                "to_longitude", "6.194897", "frequency", "punctual", "date", DATE.toString()));
        if (time != null) {
            s.put("time", time);
        }
        return s;
    }

    Map<String, Object> connection(String http, String tamper, String details) {
        return Map.of("base", httpsBase() + "/rdex", "apikey", apikey, "http", http, "tamper", tamper, "connection",
                Map.of("origin", "covoit.example.net", "operator", "Exemple", "details", details, "journey", uuid,
                        "carpooler", uuid));
    }

    static void assertRdexError(JsonNode answer, int status, String name) throws Exception {
        assertEquals(status, answer.get("status").asInt(), answer.toString());
        JsonNode error = JSON.readTree(answer.get("body").asText()).get("error");
        assertEquals(name, error.get("name").asText(), answer.toString());
        for (String member : List.of("message_debug", "message_user", "field")) {
            assertTrue(error.has(member), member + " missing: " + answer);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "1.1", "2" })
    void a_search_signed_by_mobicoops_client_finds_our_journey(String http) throws Exception {
        for (String time : new String[] { null, "08:00" }) {
            JsonNode answer = call("journeys", search(http, "none", mobicoopSearch(time)));
            assertEquals(http, answer.get("http_version").asText(), "curl used the HTTP version asked for");
            assertEquals(200, answer.get("status").asInt(), answer.toString());
            assertTrue(answer.get("url").asText().contains("p%5Bdays%5D%5Bmonday%5D=0"), "all days 0, as Mobicoop sends");
            JsonNode journeys = JSON.readTree(answer.get("body").asText());
            JsonNode ours = null;
            for (JsonNode element : journeys) {
                if (uuid.equals(element.path("journeys").path("uuid").asText())) {
                    ours = element.get("journeys");
                }
            }
            assertTrue(ours != null, "time " + time + ": " + answer);
            // What Mobicoop's client requires of each journey.
            assertTrue(ours.get("driver").get("state").isInt() && ours.get("driver").get("state").asInt() == 1);
            assertTrue(ours.get("driver").get("seats").isInt());
            assertEquals("one-way", ours.get("type").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "1.1", "2" })
    void a_tampered_search_is_refused_with_signature_mismatch(String http) throws Exception {
        assertRdexError(call("journeys", search(http, "signature", mobicoopSearch(null))), 401, "signature_mismatch");
        assertRdexError(call("journeys", search(http, "query", mobicoopSearch(null))), 401, "signature_mismatch");
    }

    @ParameterizedTest
    @ValueSource(strings = { "1.1", "2" })
    void a_connection_posted_by_mobicoops_client_is_stored_and_answers_201_without_error(String http) throws Exception {
        String details = "Bonjour ! Départ possible à 8h ~ merci (" + http + ")";
        JsonNode answer = call("connections", connection(http, "none", details));
        assertEquals(http, answer.get("http_version").asText());
        assertEquals(201, answer.get("status").asInt(), answer.toString());
        // Mobicoop's client takes any answer containing "error" for a failure.
        assertFalse(answer.get("body").asText().contains("error"), answer.toString());
        assertEquals(1, count("select count(*) from contact_message where journey_uuid = ? and site = ?"
                + " and sender_pseudonym = 'Exemple' and message = ?", uuid, "covoit.example.net", details));
    }

    @ParameterizedTest
    @ValueSource(strings = { "1.1", "2" })
    void a_tampered_connection_is_refused_and_stores_nothing(String http) throws Exception {
        assertRdexError(call("connections", connection(http, "signature", "Bonjour")), 401, "signature_mismatch");
        assertRdexError(call("connections", connection(http, "query", "Bonjour")), 401, "signature_mismatch");
        assertEquals(0, count("select count(*) from contact_message where journey_uuid = ?", uuid));
    }
}
