package org.rdex.server.db;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rdex.server.support.TestJourneys;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * The embedded PostgreSQL killed under the running server: every endpoint answers 503 with
 * {@code Retry-After} in the one error body (never a 500), and the supervisor brings the database back.
 */
@QuarkusTest
@TestProfile(OwnEmbeddedDatabaseProfile.class)
class DatabaseOutageTest {

    private static final String PLATFORM = "Bearer test-platform-token";
    private static final String ADMIN = "Bearer test-admin-token";

    @Inject
    EmbeddedDatabaseSupervisor supervisor;

    @AfterEach
    void resume() {
        supervisor.pause(false);
        awaitUp();
    }

    @Test
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

    private static void unavailable(ValidatableResponse response) {
        response.statusCode(503).header("Retry-After", notNullValue()).contentType(ContentType.JSON)
                .body("error.name", is("service_unavailable"));
    }

    private static void killPostmaster() {
        long pid = EmbeddedDatabase.status().postmasterPid();
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
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
