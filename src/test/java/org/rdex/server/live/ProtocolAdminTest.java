package org.rdex.server.live;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdex.server.live.LiveFixtures.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class ProtocolAdminTest {

    @Inject
    PartnerProtocols protocols;

    private static final String PATH = "/admin/partners/%s/protocol";

    @Test
    void stores_the_secrets_encrypted_and_never_shows_them() throws Exception {
        String p = partner("adm");
        String body = admin().contentType(ContentType.JSON)
                .body(Map.of("rdex12Url", "https://b.example.org/rdex/", "rdex12Apikey", "pub-1",
                        "rdex12PrivateKey", "very-secret-private", "standardUrl", "https://b.example.org/standard/v1",
                        "standardApiKey", "very-secret-api-key", "timeoutMs", 1500))
                .when().put(PATH.formatted(p)).then().statusCode(200)
                .body("rdex12Url", is("https://b.example.org/rdex")).body("hasRdex12PrivateKey", is(true))
                .body("hasStandardApiKey", is(true)).body("timeoutMs", is(1500)).extract().asString();
        assertTrue(!body.contains("very-secret"), body);
        admin().when().get(PATH.formatted(p)).then().statusCode(200).body("rdex12Apikey", is("pub-1"))
                .body(not(containsString("very-secret")));
        try (Connection c = DriverManager.getConnection(PostgresResource.jdbcUrl()); PreparedStatement s = c.prepareStatement(
                "select pp.secrets_enc::text from partner_protocol pp join partner p"
                        + " on p.id = pp.partner_id where p.name = ? order by pp.kind")) {
            s.setString(1, p);
            try (ResultSet rs = s.executeQuery()) {
                // One row per protocol (V100): rdex12's private key and standard's API key, both sealed.
                assertTrue(rs.next());
                assertTrue(rs.getString(1).contains("privateKey") && !rs.getString(1).contains("very-secret"));
                assertTrue(rs.next());
                assertTrue(rs.getString(1).contains("apiKey") && !rs.getString(1).contains("very-secret"));
            }
        }
        LivePartner live = protocols.byName(p).orElseThrow();
        assertEquals("very-secret-private", live.endpoint("rdex12").orElseThrow().secret("privateKey"));
        assertEquals("very-secret-api-key", live.endpoint("standard").orElseThrow().secret("apiKey"));
        assertEquals(1500, live.timeout().toMillis());
        assertTrue(!live.toString().contains("very-secret"));
    }

    @Test
    void patch_changes_only_what_it_names_and_an_empty_value_clears() {
        String p = partner("patch");
        rdex12(p, "https://b.example.org/rdex", "pub", "priv", null);
        admin().contentType(ContentType.JSON).body(Map.of("contactVia", "rdex12", "liveSearch", false))
                .when().patch(PATH.formatted(p)).then().statusCode(200).body("rdex12Url", is("https://b.example.org/rdex"))
                .body("contactVia", is("rdex12")).body("liveSearch", is(false));
        admin().contentType(ContentType.JSON).body(Map.of("rdex12Url", "", "rdex12Apikey", "", "rdex12PrivateKey", "",
                "contactVia", "auto")).when().patch(PATH.formatted(p)).then().statusCode(200)
                .body("rdex12Url", nullValue()).body("hasRdex12PrivateKey", is(false)).body("contactVia", nullValue());
        admin().when().delete(PATH.formatted(p)).then().statusCode(204);
        admin().when().get(PATH.formatted(p)).then().statusCode(200).body("rdex12Url", nullValue());
    }

    @Test
    void refuses_incomplete_or_unsafe_settings_naming_every_field() {
        String p = partner("bad");
        admin().contentType(ContentType.JSON).body(Map.of("rdex12Url", "https://b.example.org/rdex"))
                .when().put(PATH.formatted(p)).then().statusCode(400)
                .body("error.fields.field", hasItems("rdex12Apikey", "rdex12PrivateKey"));
        admin().contentType(ContentType.JSON).body(Map.of("standardUrl", "http://b.example.org/v1", "standardApiKey", "k",
                "timeoutMs", 10)).when().put(PATH.formatted(p)).then().statusCode(400)
                .body("error.fields.field", hasItems("standardUrl", "timeoutMs"));
        admin().contentType(ContentType.JSON).body(Map.of("standardUrl", "https://user:pw@b.example.org/v1",
                "standardApiKey", "k")).when().put(PATH.formatted(p)).then().statusCode(400)
                .body("error.field", is("standardUrl"));
        admin().contentType(ContentType.JSON).body(Map.of("contactVia", "standard")).when().patch(PATH.formatted(p))
                .then().statusCode(400).body("error.field", is("contactVia"));
        // Plain HTTP is accepted to loopback only (a partner simulated on this machine).
        admin().contentType(ContentType.JSON).body(Map.of("standardUrl", "http://127.0.0.1:1234/v1", "standardApiKey", "k"))
                .when().put(PATH.formatted(p)).then().statusCode(200);
    }

    @Test
    void answers_404_for_an_unknown_partner_and_401_without_the_admin_token() {
        admin().when().get(PATH.formatted("no-such-partner")).then().statusCode(404);
        admin().contentType(ContentType.JSON).body(Map.of("timeoutMs", 100)).when()
                .patch(PATH.formatted("no-such-partner")).then().statusCode(404);
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
        given().baseUri("http://127.0.0.1").port(port).when().get(PATH.formatted("x")).then().statusCode(401);
        assertNotNull(protocols);
    }
}
