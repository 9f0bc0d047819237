package org.rdex.server.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.http.Headers;
import io.restassured.specification.RequestSpecification;

/** The one Bearer check on the admin and platform APIs, and the one error body of the admin API. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class BearerAndAdminErrorsTest {

    private static final String ADMIN = "Bearer test-admin-token";
    private static final String PLATFORM = "Bearer test-platform-token";

    private static RequestSpecification admin() {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
        return given().baseUri("http://127.0.0.1").port(port);
    }

    @Test
    void admin_api_refuses_two_different_authorization_headers_even_with_the_right_token() {
        admin().headers(new Headers(new Header("Authorization", ADMIN), new Header("Authorization", "Bearer other")))
                .when().get("/admin/keys")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer").body("error.name", is("access_denied"));
        admin().headers(new Headers(new Header("Authorization", "Bearer other"), new Header("Authorization", ADMIN)))
                .when().get("/admin/keys").then().statusCode(401);
        admin().header("Authorization", ADMIN).when().get("/admin/keys").then().statusCode(200);
    }

    @Test
    void platform_api_refuses_two_different_authorization_headers_even_with_the_right_token() {
        given().headers(new Headers(new Header("Authorization", PLATFORM), new Header("Authorization", "Bearer x")))
                .when().get("/api/v1/journeys/bearer-none")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer").body("error.name", is("access_denied"));
        given().header("Authorization", PLATFORM).when().get("/api/v1/journeys/bearer-none").then().statusCode(404);
    }

    @Test
    void admin_errors_come_in_the_one_error_body() {
        admin().header("Authorization", ADMIN).when().delete("/admin/keys/no-such-key")
                .then().statusCode(404).contentType(ContentType.JSON)
                .body("error.name", is("resource_not_found"));
        admin().header("Authorization", ADMIN).queryParam("state", "LOST").when().get("/admin/messages")
                .then().statusCode(400).body("error.name", is("invalid_input")).body("error.field", is("state"));
        admin().header("Authorization", ADMIN).queryParam("limit", "many").when().get("/admin/messages")
                .then().statusCode(400).body("error.field", is("limit"));
        admin().header("Authorization", ADMIN).when().get("/admin/partners/no-such-partner/protocol")
                .then().statusCode(404).body("error.name", is("resource_not_found"));
    }

    @Test
    void an_unreadable_admin_body_is_refused_without_the_parser_message() {
        admin().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"name\": [unquoted")
                .when().post("/admin/partners")
                .then().statusCode(400).body("error.name", is("invalid_input"))
                .body(not(containsString("Unexpected character"))).body(not(containsString("jackson")));
        admin().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .when().put("/admin/partners/anyone/protocol")
                .then().statusCode(400).body("error.name", is("no_post_data"));
    }
}
