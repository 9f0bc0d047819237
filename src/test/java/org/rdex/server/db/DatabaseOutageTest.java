package org.rdex.server.db;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;
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
import org.rdex.server.contact.RelayWorker;
import org.rdex.server.export.ExportResult;
import org.rdex.server.export.ExportService;
import org.rdex.server.export.LocalFileCopy;
import org.rdex.server.support.TestJourneys;

import com.sun.net.httpserver.HttpServer;

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
    @Inject
    RelayWorker worker;
    @Inject
    DataSource dataSource;

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
    void answers_at_once_once_the_outage_is_known_readiness_and_admin_included() {
        supervisor.pause(true);
        killPostmaster();
        // The first request may wait for the pool to give up: that is how the server learns of the outage.
        given().header("Authorization", PLATFORM).when().get("/api/v1/journeys/outage-1").then().statusCode(503);

        for (int i = 0; i < 3; i++) {
            unavailable(fast(given().header("Authorization", PLATFORM).when().get("/api/v1/journeys/outage-1")));
            unavailable(fast(given().header("Authorization", PLATFORM).contentType(ContentType.JSON)
                    .body(TestJourneys.punctualJson("2099-03-02")).when().put("/api/v1/journeys/outage-2")));
            unavailable(fast(given().baseUri("http://127.0.0.1").port(managementPort()).header("Authorization", ADMIN)
                    .when().get("/admin/partners")));
            fast(given().baseUri("http://127.0.0.1").port(managementPort()).when().get("/q/health/ready"))
                    .statusCode(503).body("checks.find { it.name == 'rdex-database' }.status", is("DOWN"));
        }
        // The relay round asked for by an operator says the database is away, like every admin route.
        unavailable(fast(given().baseUri("http://127.0.0.1").port(managementPort()).header("Authorization", ADMIN)
                .when().post("/admin/relay/run")));
    }

    @Test
    @Order(3)
    void an_export_cut_off_by_a_postgresql_restart_is_failed_as_soon_as_the_database_is_back() throws Exception {
        // What an export killed with its database leaves: its run RUNNING, and nobody holding the export lock.
        long runId;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("insert into export_run (status) values ('RUNNING') returning id")) {
            rs.next();
            runId = rs.getLong(1);
        }
        supervisor.pause(true);
        killPostmaster();
        given().header("Authorization", PLATFORM).when().get("/api/v1/journeys/outage-1").then().statusCode(503);
        supervisor.pause(false);

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> exportRun(runId).startsWith("FAILED"));
        assertTrue(exportRun(runId).contains("interrupted"), exportRun(runId));
    }

    @Test
    @Order(4)
    void the_relay_stops_a_claimed_batch_at_the_first_database_failure() throws Exception {
        String partner = "outage-relay";
        given().baseUri("http://127.0.0.1").port(managementPort()).header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + partner + "\",\"operator\":\"relay-op\",\"sites\":[\"relay.example.org\"]}")
                .when().post("/admin/partners").then().statusCode(201);
        String key = given().baseUri("http://127.0.0.1").port(managementPort()).header("Authorization", ADMIN)
                .contentType(ContentType.JSON).body("{\"partner\":\"" + partner + "\",\"ips\":[\"127.0.0.1\",\"::1\"]}")
                .when().post("/admin/keys").then().statusCode(201).extract().path("key");
        String uuid = given().header("Authorization", PLATFORM).contentType(ContentType.JSON)
                .body(TestJourneys.punctualJson("2099-03-05")).when().put("/api/v1/journeys/outage-relay")
                .then().statusCode(201).extract().path("uuid");
        int messages = 5;
        for (int i = 0; i < messages; i++) {
            given().relaxedHTTPSValidation().baseUri("https://localhost").port(httpsPort())
                    .contentType("application/x-www-form-urlencoded")
                    .formParam("Key", key).formParam("Id", uuid).formParam("From", "Zoe <zoe@example.net>")
                    .formParam("Site", "relay.example.org").formParam("Message", "Message " + i)
                    .when().post("/rdex/contact").then().statusCode(201);
        }

        // The webhook receives the first message, then PostgreSQL dies before the relay can record it.
        AtomicInteger received = new AtomicInteger();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", OwnEmbeddedDatabaseProfile.WEBHOOK_PORT), 10);
        hook.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (received.incrementAndGet() == 1) {
                supervisor.pause(true);
                killPostmaster();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        try {
            worker.runOnce();
        } catch (RuntimeException expected) {
            // The round ends on the database's failure.
        } finally {
            hook.stop(0);
        }
        assertEquals(1, received.get(), "no message delivered after the first that could not be recorded");
    }

    @Test
    @Order(5)
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
    @Order(6)
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

    /**
     * The answer came within a second (the time to its response, not to parse it): well under the pool's 2 s
     * acquisition timeout that every answer waited for before, with room for a loaded test machine.
     */
    private static ValidatableResponse fast(io.restassured.response.Response response) {
        assertTrue(response.time() < 1000, "answered in " + response.time() + " ms");
        return response.then();
    }

    private String exportRun(long runId) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select status, error from export_run where id = " + runId)) {
            rs.next();
            return rs.getString(1) + " " + rs.getString(2);
        }
    }

    private static int httpsPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-ssl-port", Integer.class).orElse(8444);
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
