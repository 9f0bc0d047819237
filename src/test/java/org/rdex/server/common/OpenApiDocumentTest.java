package org.rdex.server.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The OpenAPI document: served on the management interface, describing every public and platform endpoint. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class OpenApiDocumentTest {

    private static int managementPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
    }

    private static JsonPath document() {
        return given().baseUri("http://127.0.0.1").port(managementPort()).queryParam("format", "json")
                .when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void documents_every_public_and_platform_endpoint() {
        JsonPath doc = document();
        assertThat(doc.getMap("paths").keySet(), hasItems("/rdex/contact",
                "/rdex/journeys.xml.gz", "/rdex/rdex-1.0.dtd", "/rdex/rdex-1.0-minimal.dtd", "/api/v1/journeys/{id}",
                "/api/v1/journeys/search", "/api/v1/contact"));
        assertThat(doc.getMap("paths.'/rdex/contact'").keySet(), is(Set.of("post")));
        assertThat(doc.getMap("paths.'/api/v1/journeys/{id}'").keySet(),
                hasItems("put", "get", "delete"));
        assertThat(doc.getMap("paths.'/rdex/contact'.post.requestBody.content").keySet(),
                hasItems("application/x-www-form-urlencoded", "application/json"));
        assertThat(doc.getString("paths.'/rdex/contact'.post.summary"), notNullValue());
        assertThat(doc.getList("paths.'/api/v1/journeys/search'.get.parameters.name"),
                hasItems("fromLat", "fromLon", "date", "role", "page"));
        List<String> searchParameters = doc.getList("paths.'/api/v1/journeys/search'.get.parameters.name");
        assertEquals(Set.copyOf(searchParameters).size(), searchParameters.size(), "each parameter once: " + searchParameters);
    }

    @Test
    void names_the_security_of_each_endpoint() {
        JsonPath doc = document();
        assertThat(doc.getString("components.securitySchemes.platformToken.scheme"), is("bearer"));
        assertThat(doc.getString("components.securitySchemes.partnerKey.type"), is("http"));
        assertThat(doc.getString("components.securitySchemes.partnerKeyQuery.in"), is("query"));
        for (String operation : new String[] { "'/api/v1/journeys/{id}'.put", "'/api/v1/journeys/{id}'.get",
                "'/api/v1/journeys/{id}'.delete", "'/api/v1/journeys/search'.get", "'/api/v1/contact'.post" }) {
            assertThat(operation, doc.getMap("paths." + operation + ".security[0]"),
                    hasKey("platformToken"));
            assertThat(operation, doc.getMap("paths." + operation + ".responses"), hasKey("401"));
        }
        assertThat(doc.getMap("paths.'/rdex/contact'.post.security[0]"), hasKey("partnerKey"));
        // The RDEX file is public by default: anonymous access, or a partner key when restricted.
        assertThat(doc.getList("paths.'/rdex/journeys.xml.gz'.get.security"),
                hasItems(Map.of(), Map.of("partnerKey", List.of())));
        assertThat(doc.getMap("paths.'/rdex/rdex-1.0.dtd'.get"), not(hasKey("security")));
    }

    @Test
    void describes_the_one_error_body() {
        JsonPath doc = document();
        assertThat(doc.getString("components.schemas.ApiError.properties.error.'$ref'"),
                is("#/components/schemas/ApiErrorBody"));
        assertThat(doc.getMap("components.schemas.ApiErrorBody.properties").keySet(),
                hasItems("name", "message_user", "field", "fields"));
        for (String status : new String[] { "400", "401", "403", "404", "413", "415", "429", "503" }) {
            assertThat(status, doc.getString(
                    "paths.'/rdex/contact'.post.responses.'" + status + "'.content.'application/json'.schema.'$ref'"),
                    is("#/components/schemas/ApiError"));
        }
        assertThat(doc.getString(
                "paths.'/api/v1/journeys/{id}'.get.responses.'404'.content.'application/json'.schema.'$ref'"),
                is("#/components/schemas/ApiError"));
    }

    @Test
    void is_served_on_the_management_interface_only() {
        given().baseUri("http://127.0.0.1").port(managementPort()).when().get("/q/openapi")
                .then().statusCode(200).body(containsString("openapi: 3"));
        given().relaxedHTTPSValidation().baseUri("https://localhost")
                .port(ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-ssl-port", Integer.class).orElse(8444))
                .when().get("/q/openapi").then().statusCode(404);
    }
}
