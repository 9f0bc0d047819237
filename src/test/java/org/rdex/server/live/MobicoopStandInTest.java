package org.rdex.server.live;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdex.server.live.LiveFixtures.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdex.server.support.PhpCli;
import org.rdex.server.support.PostgresResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Conformance of our RDEX 1.2 client with a Mobicoop server: {@code src/test/php/mobicoop_standin.php}, run by
 * {@code php -S}, checks our signature as Mobicoop's {@code RdexManager} does (Symfony's {@code getUri}
 * re-encoding of the query) and answers in Mobicoop's two journey formats, numbers as JSON numbers and as
 * numeric strings. Our live search and our contact over RDEX 1.2 run against it. Needs php-cli.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class MobicoopStandInTest {

    static final String APIKEY = "our-apikey-at-mobicoop";
    static final String PRIVATE_KEY = "our-private-key-at-mobicoop";
    /** The stand-in's journey: Mobicoop's proposal id and its author's user id, both numeric there. */
    static final String UUID = "4242";
    static final String USER = "77";
    static final ObjectMapper JSON = new ObjectMapper();

    static PhpCli.Server standIn;
    static Path log;

    @BeforeAll
    static void startStandIn() throws Exception {
        PhpCli php = PhpCli.require();
        log = Files.createTempFile("mobicoop-standin-", ".jsonl");
        String journey = JSON.writeValueAsString(Map.of("uuid", UUID, "user", USER, "from_latitude", FROM_LAT,
                "from_longitude", FROM_LON, "to_latitude", TO_LAT, "to_longitude", TO_LON, "date", DATE.toString(),
                "mintime", "08:15:00", "maxtime", "08:45:00"));
        standIn = php.serve("mobicoop_standin.php", Map.of("STANDIN_APIKEY", APIKEY, "STANDIN_PRIVATE_KEY", PRIVATE_KEY,
                "STANDIN_JOURNEY", journey, "STANDIN_LOG", log.toString()));
    }

    @AfterAll
    static void stopStandIn() throws Exception {
        if (standIn != null) {
            standIn.close();
        }
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }

    @BeforeEach
    void onlyThisTestsPartners() throws Exception {
        forgetLivePartners();
        Files.writeString(log, "");
    }

    /** What the stand-in received, in order: method, uri, body, verdict ({@code ok} or the RDEX error name). */
    static List<JsonNode> received() throws Exception {
        return Files.readAllLines(log).stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static String mobicoop(String format, String privateKey) {
        String name = partner("mob-" + format);
        rdex12(name, standIn.base() + "/" + format + "/rdex", APIKEY, privateKey, 5000);
        return name;
    }

    static JsonPath live() {
        return platform().when().get(searchPath(true)).then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> item(JsonPath result, String uuid) {
        List<Map<String, Object>> items = result.getList("results");
        return items.stream().filter(i -> uuid.equals(i.get("uuid"))).findFirst()
                .orElseThrow(() -> new AssertionError(uuid + " not in " + result.prettify()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "numbers", "strings" })
    void our_live_search_passes_mobicoops_signature_check_and_reads_both_journey_formats(String format) throws Exception {
        String name = mobicoop(format, PRIVATE_KEY);
        JsonPath result = live();
        assertEquals(List.of(), result.getList("partnersFailed"), result.prettify());
        List<JsonNode> calls = received();
        assertEquals(1, calls.size(), calls.toString());
        assertEquals("ok", calls.get(0).get("verdict").asText(), "Mobicoop's signature check: " + calls.get(0));
        Map<String, Object> found = item(result, UUID);
        assertEquals(name, found.get("partnerName"));
        assertEquals(3, found.get("seats"));
        assertEquals(1.89f, ((Number) found.get("price")).floatValue(), 0.001);
        assertEquals(DATE.toString(), ((Map<?, ?>) found.get("punctual")).get("date"));
        assertEquals("08:15", ((Map<?, ?>) found.get("punctual")).get("minTime"));
        assertEquals(FROM_LAT, ((Number) ((Map<?, ?>) found.get("from")).get("lat")).doubleValue(), 1e-4);
    }

    @Test
    void a_wrong_private_key_fails_mobicoops_signature_check() throws Exception {
        String name = mobicoop("numbers", "not-" + PRIVATE_KEY);
        JsonPath result = live();
        assertTrue(result.getList("partnersFailed").toString().contains(name), result.prettify());
        assertEquals("signature_mismatch", received().get(0).get("verdict").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = { "numbers", "strings" })
    void our_contact_over_rdex12_passes_mobicoops_connection_checks(String format) throws Exception {
        String name = mobicoop(format, PRIVATE_KEY);
        assertTrue(live().getList("results.uuid").contains(UUID));
        platform().contentType(ContentType.JSON)
                .body(Map.of("journey", UUID, "partner", name, "pseudonym", "Chloé", "email", "chloe@a.example.org",
                        "message", "Bonjour, reste-t-il une place ? ~ merci"))
                .when().post("/api/v1/contact").then().statusCode(202).body("status", is("sent"))
                .body("partnerStatus", is(201));
        JsonNode post = received().stream().filter(r -> r.get("method").asText().equals("POST")).findFirst()
                .orElseThrow();
        assertEquals("ok", post.get("verdict").asText(), post.toString());
        assertTrue(post.get("uri").asText().startsWith("/" + format + "/rdex/connections?timestamp="), post.toString());
        assertTrue(post.get("body").asText().contains("driver%5Buuid%5D=" + USER), "the author, numeric, is the recipient: "
                + post);
    }
}
