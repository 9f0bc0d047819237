package org.rdex.server.protocol.rdexplus;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdex.server.support.ProtocolFixtures.*;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rdex.server.live.ProtocolCommand;
import org.rdex.server.protocol.rdexplus.RdexPlusClientTest.Received;
import org.rdex.server.support.Cli;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * A partner speaking RDEX+ configured like any other (kind {@code rdexplus}, through the admin API and the
 * CLI's generic fields), asked by our live search and reached by a relayed contact, against a stand-in RDEX+
 * partner on loopback whose answers (and the message we send it) validate against the document.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class RdexPlusPartnerTest {

    static Vertx vertx;
    static HttpServer server;
    static final List<Received> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onComplete(body -> {
            Map<String, String> headers = new java.util.HashMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            Received r = new Received(request.method().name(), request.uri(), headers,
                    body.succeeded() ? body.result().toString() : "");
            received.add(r);
            boolean message = r.uri().startsWith("/api/messages");
            request.response().setStatusCode(message ? 201 : 200).putHeader("Content-Type", "application/json")
                    .end(message ? "" : RdexPlusClientTest.journeys());
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void onlyThisTestsPartnersAreAsked() {
        execute("delete from partner_protocol");
        received.clear();
    }

    static String standIn() {
        return "http://127.0.0.1:" + server.actualPort() + "/api";
    }

    static String newPartner() {
        String name = unique("rdxp");
        admin().contentType(ContentType.JSON).body(Map.of("name", name, "operator", "covoit", "sites", List.of(name + ".example")))
                .when().post("/admin/partners").then().statusCode(201);
        return name;
    }

    static String searchPath() {
        return "/api/v1/journeys/search?fromLat=46.16&fromLon=-1.15&toLat=45.86&toLon=-1.15&date="
                + RdexPlusClientTest.DAY + "&timeFrom=07:00&timeTo=09:00&live=true";
    }

    @Test
    void live_search_and_contact_reach_a_partner_configured_with_kind_rdexplus() {
        String p = newPartner();
        String view = admin().contentType(ContentType.JSON)
                .body(Map.of("rdexplusUrl", standIn() + "/", "rdexplusApiKey", "their-very-secret-key", "contactVia", "rdexplus"))
                .when().put("/admin/partners/" + p + "/protocol").then().statusCode(200)
                .body("rdexplusUrl", is(standIn())).body("hasRdexplusApiKey", is(true)).body("contactVia", is("rdexplus"))
                .body("rdex12Url", nullValue()).body("hasStandardApiKey", is(false)).extract().asString();
        assertFalse(view.contains("their-very-secret-key"), view);
        admin().when().get("/admin/partners/" + p + "/protocol").then().statusCode(200)
                .body("rdexplusUrl", is(standIn())).body("hasRdexplusApiKey", is(true))
                .body(not(containsString("their-very-secret-key")));
        assertEquals(1, count("select count(*) from partner_protocol pp join partner p on p.id = pp.partner_id"
                + " where p.name = ? and pp.kind = 'rdexplus' and pp.secrets_enc::text not like '%very-secret%'", p));

        JsonPath found = given().header("Authorization", PLATFORM).when().get(searchPath()).then().statusCode(200)
                .extract().jsonPath();
        List<String> uuids = found.getList("results.uuid");
        assertTrue(uuids.contains("p-1"), found.prettify());
        assertFalse(uuids.contains("p-far") || uuids.contains("p-late"), found.prettify());
        Received search = received.stream().filter(r -> r.uri().startsWith("/api/journeys?")).findFirst().orElseThrow();
        assertEquals("their-very-secret-key", search.headers().get("api_key"));

        given().header("Authorization", PLATFORM).contentType(ContentType.JSON)
                .body(Map.of("journey", "p-1", "partner", p, "pseudonym", "Chloé", "email", "chloe@a.example.org",
                        "message", "Bonjour, une place ?"))
                .when().post("/api/v1/contact").then().statusCode(202).body("status", is("sent"));
        Received message = received.stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
        assertEquals("/api/messages", message.uri());
        assertEquals("their-very-secret-key", message.headers().get("api_key"));
        assertEquals(List.of(), RdexPlusSchema.validate(RdexPlusSchema.MESSAGE, message.body()), message.body());
        JsonPath body = new JsonPath(message.body());
        assertEquals("p-1", body.getString("driverJourneyId"));
        assertEquals("u-9", body.getString("driverUserid"));
        assertEquals("driver", body.getString("recipientCarpoolerType"));
        assertEquals("Chloé", body.getString("passengerAlias"));
        assertTrue(body.getString("details").contains("chloe@a.example.org"), message.body());
        assertFalse(body.getString("passengerUserid").contains("@"), "our user's id does not show the address");
    }

    @Test
    void the_cli_sets_shows_and_clears_rdexplus_by_its_field_names() {
        String p = newPartner();
        InputStream in = System.in;
        Cli.Run set;
        try {
            System.setIn(new ByteArrayInputStream("cli-secret-key\n".getBytes(StandardCharsets.UTF_8)));
            set = Cli.run(ProtocolCommand.class, p, "--set", "rdexplusUrl=" + standIn(), "--secret-stdin",
                    "rdexplusApiKey", "--contact-via", "rdexplus");
        } finally {
            System.setIn(in);
        }
        assertEquals(0, set.exit(), set.err());
        assertTrue(set.out().contains("rdexplus: " + standIn() + "  rdexplusApiKey stored"), set.out());
        assertFalse(set.out().contains("cli-secret-key"), set.out());
        admin().when().get("/admin/partners/" + p + "/protocol").then().statusCode(200)
                .body("rdexplusUrl", is(standIn())).body("hasRdexplusApiKey", is(true)).body("contactVia", is("rdexplus"));

        Cli.Run onCommandLine = Cli.run(ProtocolCommand.class, p, "--set", "rdexplusApiKey=leaked");
        assertEquals(2, onCommandLine.exit());
        assertTrue(onCommandLine.err().contains("is a secret"), onCommandLine.err());

        Cli.Run cleared = Cli.run(ProtocolCommand.class, p, "--clear", "rdexplus");
        assertEquals(0, cleared.exit(), cleared.err());
        admin().when().get("/admin/partners/" + p + "/protocol").then().statusCode(200)
                .body("rdexplusUrl", nullValue()).body("hasRdexplusApiKey", is(false)).body("contactVia", nullValue());
    }

    @Test
    void refuses_an_rdexplus_url_without_its_key_and_a_field_that_is_not_text() {
        String p = newPartner();
        admin().contentType(ContentType.JSON).body(Map.of("rdexplusUrl", standIn()))
                .when().put("/admin/partners/" + p + "/protocol").then().statusCode(400)
                .body("error.field", is("rdexplusApiKey"));
        admin().contentType(ContentType.JSON).body(Map.of("rdexplusUrl", Map.of("href", standIn()), "rdexplusApiKey", "k"))
                .when().put("/admin/partners/" + p + "/protocol").then().statusCode(400)
                .body("error.field", is("rdexplusUrl"));
        admin().contentType(ContentType.JSON).body(Map.of("rdexplusUrl", "ftp://b.example.org/", "rdexplusApiKey", "k"))
                .when().put("/admin/partners/" + p + "/protocol").then().statusCode(400)
                .body("error.field", is("rdexplusUrl"));
        assertEquals(0, count("select count(*) from partner_protocol pp join partner p on p.id = pp.partner_id"
                + " where p.name = ?", p));
    }

    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given();
    }
}
