package org.rdex.server.common;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rdex.server.export.ExportResult;
import org.rdex.server.export.ExportService;
import org.rdex.server.support.ServerTestBase;
import org.rdex.server.support.TestJourneys;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * PostgreSQL out of a resource (SQLState class 53) while the server runs: every route that writes answers 503
 * with {@code Retry-After}, never 500, and readiness names the shortage. The full disk is simulated by a
 * trigger that raises SQLState 53100 with PostgreSQL's own message, since a test cannot fill a filesystem it
 * does not own; the trigger is installed for the test and removed after it.
 */
@QuarkusTest
class ResourceShortageTest extends ServerTestBase {

    @Inject
    ExportService exports;

    @AfterEach
    void removeTriggers() throws SQLException {
        sql("drop trigger if exists rdex_test_shortage on journey",
                "drop trigger if exists rdex_test_shortage on partner",
                "drop trigger if exists rdex_test_shortage on export_chunk",
                "drop function if exists rdex_test_shortage()");
    }

    @Test
    void answers_503_with_retry_after_to_every_journey_write_when_the_disk_is_full() throws SQLException {
        platform().contentType(ContentType.JSON).body(TestJourneys.punctualJson("2099-04-01"))
                .when().put("/api/v1/journeys/full-disk-1").then().statusCode(201);
        shortage("53100", "could not extend file \"base/5/16384\": No space left on device", "journey");

        unavailable(platform().contentType(ContentType.JSON).body(TestJourneys.punctualJson("2099-04-02"))
                .when().put("/api/v1/journeys/full-disk-2").then());
        unavailable(platform().contentType(ContentType.JSON).body(TestJourneys.punctualJson("2099-04-03"))
                .when().put("/api/v1/journeys/full-disk-1").then());
        unavailable(platform().when().delete("/api/v1/journeys/full-disk-1").then());
        // Reads still work: only what writes is refused.
        platform().when().get("/api/v1/journeys/full-disk-1").then().statusCode(200);

        management().when().get("/q/health/ready").then()
                .body("checks.find { it.name == 'rdex-database' }.data.resourceShortage",
                        containsString("disk full (SQLState 53100)"))
                .body("checks.find { it.name == 'rdex-database' }.data.resourceShortageAt", notNullValue());
    }

    @Test
    void answers_503_on_the_admin_api_when_postgresql_is_out_of_memory_or_connections() throws SQLException {
        shortage("53200", "out of memory", "partner");
        unavailable(admin().contentType(ContentType.JSON)
                .body("{\"name\":\"oom-partner\",\"operator\":\"oom\",\"sites\":[\"oom.example.org\"]}")
                .when().post("/admin/partners").then());
        management().when().get("/q/health/ready").then()
                .body("checks.find { it.name == 'rdex-database' }.data.resourceShortage",
                        containsString("out of memory (SQLState 53200)"));

        sql("drop trigger rdex_test_shortage on partner", "drop function rdex_test_shortage()");
        shortage("53300", "sorry, too many clients already", "journey");
        unavailable(platform().contentType(ContentType.JSON).body(TestJourneys.punctualJson("2099-04-04"))
                .when().put("/api/v1/journeys/full-disk-3").then());
    }

    @Test
    void a_failed_export_stores_and_reports_the_root_cause_in_words() throws SQLException {
        shortage("53100", "could not extend file \"base/5/16390\": No space left on device", "export_chunk");

        ExportResult result = exports.export(Optional.empty());

        assertEquals(ExportResult.Status.FAILED, result.status());
        // What the CLI prints.
        assertTrue(result.summary().contains("No space left on device"), result.summary());
        assertTrue(result.summary().contains("disk full"), result.summary());
        // What the console's overview shows, as stored.
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select status, error from export_run where id = " + result.runId())) {
            assertTrue(rs.next());
            assertEquals("FAILED", rs.getString(1));
            assertTrue(rs.getString(2).contains("No space left on device"), rs.getString(2));
            assertTrue(!rs.getString(2).contains("\n"), "one line");
        }
    }

    private void shortage(String sqlState, String message, String table) throws SQLException {
        sql("""
                create function rdex_test_shortage() returns trigger language plpgsql as $$
                begin
                    raise exception '%s' using errcode = '%s';
                end $$""".formatted(message.replace("'", "''"), sqlState),
                "create trigger rdex_test_shortage before insert or update or delete on " + table
                        + " for each row execute function rdex_test_shortage()");
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static void unavailable(ValidatableResponse response) {
        response.statusCode(503).header("Retry-After", notNullValue()).contentType(ContentType.JSON)
                .body("error.name", is("service_unavailable"));
    }
}
