package org.rdex.server.journey;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;
import org.rdex.server.support.ServerTestBase;
import org.rdex.server.support.TestJourneys;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class JourneyResourceTest extends ServerTestBase {

    @Test
    void creates_reads_replaces_and_deletes_a_journey() {
        platform().contentType(ContentType.JSON).body(TestJourneys.punctualJson("2099-03-01"))
                .when().put("/api/v1/journeys/crud-1")
                .then().statusCode(201)
                .body("uuid", matchesPattern("[0-9a-f]{40}"))
                .body("uuid", not("crud-1"))
                .body("owner.email", is("alice@example.org"));

        platform().contentType(ContentType.JSON).body(TestJourneys.regularJson())
                .when().put("/api/v1/journeys/crud-1")
                .then().statusCode(200)
                .body("frequency", is("regular"))
                .body("regular.monday.depMin", is("08:00"));

        platform().when().get("/api/v1/journeys/crud-1")
                .then().statusCode(200).body("id", is("crud-1")).body("validTo", notNullValue());

        platform().when().delete("/api/v1/journeys/crud-1").then().statusCode(204);
        platform().when().get("/api/v1/journeys/crud-1")
                .then().statusCode(404).body("error.name", is("resource_not_found"));
    }

    @Test
    void answers_a_json_400_to_an_id_holding_nul_or_another_control_character() {
        for (String path : new String[] { "/api/v1/journeys/%00", "/api/v1/journeys/a%00b", "/api/v1/journeys/%1B" }) {
            platform().urlEncodingEnabled(false).when().get(path)
                    .then().statusCode(400).contentType(ContentType.JSON)
                    .body("error.name", is("invalid_input")).body("error.field", is("id"));
            platform().urlEncodingEnabled(false).when().delete(path)
                    .then().statusCode(400).contentType(ContentType.JSON)
                    .body("error.name", is("invalid_input")).body("error.field", is("id"));
        }
    }

    @Test
    void rejects_bad_input_naming_each_field_and_writes_nothing() {
        String body = TestJourneys.punctualJson("2099-03-01")
                .replace("\"lat\": 43.2965", "\"lat\": 123.0")
                .replace("\"pseudonym\": \"alice\",", "")
                .replace("\"role\": \"driver\"", "\"role\": \"pilot\"");
        platform().contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/journeys/bad-1")
                .then().statusCode(400)
                .body("error.name", is("invalid_input"))
                .body("error.fields.field", hasItems("from.lat", "pseudonym", "role"));
        platform().when().get("/api/v1/journeys/bad-1").then().statusCode(404);
    }

    @Test
    void rejects_malformed_json_and_wrong_types() {
        platform().contentType(ContentType.JSON).body("{\"from\": ")
                .when().put("/api/v1/journeys/bad-2")
                .then().statusCode(400).body("error.fields.field", hasItem("body"));
        platform().contentType(ContentType.JSON)
                .body(TestJourneys.punctualJson("not-a-date")).log().ifValidationFails()
                .when().put("/api/v1/journeys/bad-3")
                .then().log().ifValidationFails().statusCode(400).body("error.field", is("punctual.date"));
    }

    @Test
    void refuses_calls_without_or_with_a_wrong_token() {
        given().when().get("/api/v1/journeys/x").then().statusCode(401).body("error.name", is("access_denied"));
        given().header("Authorization", "Bearer nope").when().get("/api/v1/journeys/x").then().statusCode(401);
    }
}
