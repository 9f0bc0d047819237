package org.rdex.server.opendata;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.rdex.server.export.ExportResult;
import org.rdex.server.export.ExportService;
import org.rdex.server.journey.JourneyBulkService;
import org.rdex.server.support.PostgresResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

@QuarkusTest
@TestProfile(StableOpenDataTestProfile.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class StableOpenDataTest {

    private static final String ODBL_LINK = "<https://opendatacommons.org/licenses/odbl/1-0/>; rel=\"license\"";

    @Inject
    ExportService exports;
    @Inject
    OpenDataStore store;
    @Inject
    JourneyBulkService bulk;
    @Inject
    ObjectMapper mapper;

    private final UdataStandIn udata = UdataStandIn.get();

    @AfterAll
    static void stopStandIn() {
        UdataStandIn.stop();
    }

    @Test
    void without_rotation_the_public_file_is_partners_file_and_both_stay_public() throws Exception {
        bulk.generate(20, 31);
        export();
        byte[] partners = given().when().get("/rdex/journeys.xml.gz").then().statusCode(200)
                .header("Link", is(ODBL_LINK)).extract().asByteArray();
        byte[] open = given().when().get("/rdex/opendata/journeys.xml.gz").then().statusCode(200)
                .header("Link", is(ODBL_LINK)).extract().asByteArray();
        assertArrayEquals(partners, open);

        JsonNode data = mapper.readTree(given().when().get("/rdex/manifest.json").then().statusCode(200)
                .extract().asString()).get("data");
        assertEquals("odc-odbl", data.at("/licence/id").asText());
        assertEquals("stable", data.at("/feeds/0/ids").asText());
        assertEquals("public", data.at("/feeds/1/access").asText());
        assertEquals(data.at("/feeds/0/sha256").asText(), data.at("/feeds/1/sha256").asText());
        assertEquals("https://rdex.example.org/rdex/opendata/journeys.xml.gz", data.at("/feeds/0/url").asText());
    }

    @Test
    void remote_mode_updates_the_resource_url_checksum_and_size() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> store.lastPush()
                .map(p -> p.state().equals("SUCCEEDED") || p.state().equals("FAILED")).orElse(true));
        udata.reset();
        long runId = export();
        await().atMost(Duration.ofSeconds(20)).until(() -> store.lastPush()
                .filter(p -> p.runId() == runId && p.state().equals("SUCCEEDED")), Optional::isPresent);
        byte[] open = given().when().get("/rdex/opendata/journeys.xml.gz").then().statusCode(200)
                .extract().asByteArray();
        List<UdataStandIn.Call> calls = udata.calls();
        assertEquals(1, calls.size(), calls.toString());
        assertEquals("PUT", calls.get(0).method());
        assertEquals(UdataStandIn.KEY, calls.get(0).apiKey());
        JsonNode body = mapper.readTree(calls.get(0).json());
        assertEquals("https://rdex.example.org/rdex/opendata/journeys.xml.gz", body.get("url").asText());
        assertEquals("sha256", body.at("/checksum/type").asText());
        assertEquals(OpenDataTest.sha256(open), body.at("/checksum/value").asText());
        assertEquals(open.length, body.get("filesize").asLong());
        assertEquals("journeys.xml.gz", body.get("title").asText());
    }

    private long export() {
        ExportResult result = exports.export(Optional.empty());
        assertEquals(ExportResult.Status.PUBLISHED, result.status(), result.summary());
        return result.runId();
    }
}
