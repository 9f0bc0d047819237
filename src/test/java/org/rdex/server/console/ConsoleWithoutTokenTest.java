package org.rdex.server.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Without an admin token the console refuses everything, sign-in included. */
@QuarkusTest
@TestProfile(ConsoleWithoutTokenTest.NoToken.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class ConsoleWithoutTokenTest {

    public static class NoToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rdex.admin.token", " ");
        }
    }

    @ConfigProperty(name = "quarkus.management.test-port", defaultValue = "9001")
    int managementPort;

    @Test
    void fails_closed_without_an_admin_token() {
        given().port(managementPort).get("/console/login").then().statusCode(503)
                .body(containsString("no admin token is configured"));
        given().port(managementPort).formParam("token", " ").formParam("_csrf", "x").post("/console/login")
                .then().statusCode(503);
        given().port(managementPort).redirects().follow(false).get("/console").then().statusCode(503);
        given().port(managementPort).redirects().follow(false).get("/console/keys").then().statusCode(503);
    }
}
