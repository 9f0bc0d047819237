package org.rdex.server.db;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.rdex.server.export.ExportResult;
import org.rdex.server.export.ExportService;
import org.rdex.server.export.LocalFileCopy;
import org.rdex.server.support.TestJourneys;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * The embedded PostgreSQL killed under the running server: every endpoint answers 503 with
 * {@code Retry-After} in the one error body (never a 500), and the supervisor brings the database back.
 */
@QuarkusTest
@TestProfile(OwnEmbeddedDatabaseProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseOutageTest {

    private static final String PLATFORM = "Bearer test-platform-token";
    private static final String ADMIN = "Bearer test-admin-token";

    @Inject
    EmbeddedDatabaseSupervisor supervisor;
    @Inject
    ExportService exports;
    @Inject
    LocalFileCopy localCopy;

    @AfterEach
    void resume() {
        supervisor.pause(false);
        awaitUp();
    }

    @Test
    @Order(1)
    void answers_503_with_retry_after_on_every_endpoint_while_postgresql_is_down() {
        given().header("Authorization", PLATFORM).contentType(ContentType.JSON)
                .body(TestJourneys.punctualJson("2099-03-01")).when().put("/api/v1/journeys/outage-1")
                .then().statusCode(201);

        supervisor.pause(true);
        killPostmaster();

        unavailable(given().header("Authorization", PLATFORM).queryParam("fromLat", 43.3).queryParam("fromLon", 5.4)
                .when().get("/api/v1/journeys/search").then());
        unavailable(given().header("Authorization", PLATFORM).when().get("/api/v1/journeys/outage-1").then());
        unavailable(given().header("Authorization", PLATFORM).contentType(ContentType.JSON)
                .body(TestJourneys.punctualJson("2099-03-02")).when().put("/api/v1/journeys/outage-2").then());
        unavailable(given().when().get("/rdex/journeys.xml.gz").then());
        unavailable(given().baseUri("http://127.0.0.1").port(managementPort()).header("Authorization", ADMIN)
                .when().get("/admin/partners").then());
        given().baseUri("http://127.0.0.1").port(managementPort()).when().get("/q/health/ready").then().statusCode(503);
    }

    @Test
    @Order(2)
    void restarts_a_killed_postgresql_on_the_same_port_and_shows_it_in_health() {
        EmbeddedDatabase.Status before = EmbeddedDatabase.status();
        assertEquals(EmbeddedDatabase.Role.OWNER, before.role());
        killPostmaster();
        awaitUp();
        EmbeddedDatabase.Status after = EmbeddedDatabase.status();
        assertEquals(before.port(), after.port());
        assertTrue(after.restarts() > before.restarts(), "restart counted");
        assertTrue(after.postmasterPid() != before.postmasterPid(), "a new postmaster");
        given().baseUri("http://127.0.0.1").port(managementPort()).when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'rdex-embedded-postgresql' }.data.restarts", is(after.restarts()));
    }

    @Test
    @Order(3)
    void serves_the_last_published_bytes_through_an_outage_and_completes_a_running_download() throws Exception {
        given().header("Authorization", PLATFORM).contentType(ContentType.JSON)
                .body(TestJourneys.punctualJson("2099-03-03")).when().put("/api/v1/journeys/outage-3")
                .then().statusCode(201);
        assertEquals(ExportResult.Status.PUBLISHED, exports.export(Optional.empty()).status());
        var before = given().when().get("/rdex/journeys.xml.gz").then().statusCode(200).extract();
        byte[] bytes = before.asByteArray();
        String etag = before.header("ETag");
        localCopy.sync();
        assertTrue(localCopy.local().isPresent(), "local copy kept");

        // A download under way when PostgreSQL goes: the first bytes read, then the database killed.
        HttpURLConnection download = (HttpURLConnection) URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/rdex/journeys.xml.gz").toURL().openConnection();
        InputStream in = download.getInputStream();
        int first = in.read();
        supervisor.pause(true);
        killPostmaster();
        byte[] rest = in.readAllBytes();
        in.close();
        assertEquals(bytes.length, 1 + rest.length, "the running download completes");
        assertEquals(bytes[0], (byte) first);

        var during = given().when().get("/rdex/journeys.xml.gz").then().statusCode(200).header("ETag", etag).extract();
        assertArrayEquals(bytes, during.asByteArray(), "the last good bytes");
        given().header("If-None-Match", etag).when().get("/rdex/journeys.xml.gz").then().statusCode(304);
        unavailable(given().header("Authorization", PLATFORM).when().get("/api/v1/journeys/outage-3").then());
    }

    private static void unavailable(ValidatableResponse response) {
        response.statusCode(503).header("Retry-After", notNullValue()).contentType(ContentType.JSON)
                .body("error.name", is("service_unavailable"));
    }

    private static void killPostmaster() {
        // Right after a restart, the search may answer before the supervisor has recorded the new postmaster.
        ProcessHandle postmaster = Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> ProcessHandle.of(EmbeddedDatabase.status().postmasterPid()).filter(ProcessHandle::isAlive),
                        Optional::isPresent)
                .orElseThrow();
        postmaster.destroyForcibly();
        postmaster.onExit().join();
    }

    private static void awaitUp() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> given()
                .header("Authorization", PLATFORM).queryParam("fromLat", 43.3).queryParam("fromLon", 5.4)
                .when().get("/api/v1/journeys/search").statusCode() == 200);
    }

    private static int managementPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
    }
}
