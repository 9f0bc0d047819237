package org.rdex.server.live;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdex.server.live.LiveFixtures.*;
import static org.rdex.server.live.PartnerSimulator.rdex12Journey;
import static org.rdex.server.live.PartnerSimulator.standardJourney;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * {@code POST /api/v1/contact} to journeys seen live goes through the partner's protocol: RDEX 1.2
 * connections or standard-covoiturage messages, with the same status mapping as RDEX 1.0 contact.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class ProtocolContactTest extends SimulatedPartnersUnitTest {

    /** An RDEX 1.2 partner whose journey {@code uuid} (author "77") our platform saw in a live search. */
    private String rdexPartnerSeen(String uuid, int connectionStatus, String connectionBody) {
        String name = partner("crd");
        rdex12(name, sim.base(name) + "/rdex", "pub-" + name, "secret-" + name, null);
        sim.signedWith(name, "secret-" + name);
        sim.script(name, r -> r.path().endsWith("/connections")
                ? new PartnerSimulator.Reply(connectionStatus, connectionBody, 0)
                : PartnerSimulator.Reply.json("[" + rdex12Journey(uuid, "77", FROM_LAT, FROM_LON, TO_LAT, TO_LON, DATE,
                        "08:15:00", "08:45:00") + "]"));
        seen(uuid);
        return name;
    }

    private String standardPartnerSeen(String id, int messageStatus, String messageBody) {
        String name = partner("cst");
        standard(name, sim.base(name) + "/standard/v1", "std-key-" + name, null);
        sim.script(name, r -> r.path().endsWith("/messages")
                ? new PartnerSimulator.Reply(messageStatus, messageBody, 0)
                : r.path().endsWith("/driver_journeys")
                        ? PartnerSimulator.Reply.json("[" + standardJourney(id, "d-9", FROM_LAT, FROM_LON, TO_LAT, TO_LON,
                                DATE, "08:20") + "]")
                        : PartnerSimulator.Reply.json("[]"));
        seen(id);
        return name;
    }

    private static void seen(String uuid) {
        JsonPath result = platform().when().get(searchPath(true)).then().statusCode(200).extract().jsonPath();
        assertTrue(result.getList("results.uuid").contains(uuid), result.prettify());
    }

    private static ValidatableResponse contact(String journey, String partner, String message) {
        return platform().contentType(ContentType.JSON)
                .body(Map.of("journey", journey, "partner", partner, "pseudonym", "Chloé", "email", "chloe@a.example.org",
                        "message", message))
                .when().post("/api/v1/contact").then();
    }

    @Test
    void contacts_through_rdex12_connections_with_a_signed_url_and_the_author_as_recipient() throws Exception {
        String p = rdexPartnerSeen("c-rd-1", 201, "");
        contact("c-rd-1", p, "Bonjour, une place ?").statusCode(202).body("status", is("sent"))
                .body("partnerStatus", is(201));
        PartnerSimulator.Received call = sim.of(p).stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
        assertTrue(call.uri().startsWith("/" + p + "/rdex/connections?timestamp="), call.uri());
        assertTrue(call.signatureValid(), call.uri());
        Map<String, String> form = form(call.body());
        assertEquals("c-rd-1", form.get("journeys[uuid]"));
        assertEquals("77", form.get("driver[uuid]"));
        assertEquals("recipient", form.get("driver[state]"));
        assertEquals("sender", form.get("passenger[state]"));
        assertEquals("Chloé", form.get("passenger[alias]"));
        assertTrue(form.get("details").startsWith("Bonjour, une place ?"));
        assertTrue(form.get("details").contains("Chloé <chloe@a.example.org>"), form.get("details"));
        assertEquals(1, outbound(p, "SENT"));
    }

    @Test
    void an_rdex12_201_carrying_an_error_is_a_refusal() throws Exception {
        String p = rdexPartnerSeen("c-rd-2", 201, "{\"error\":{\"name\":\"unknown_user\",\"message_debug\":null}}");
        contact("c-rd-2", p, "Bonjour").statusCode(400).body("error.name", is("unknown_user"));
        assertEquals(1, outbound(p, "REFUSED"));
    }

    @Test
    void an_rdex12_refusal_passes_through_and_a_server_error_is_502() throws Exception {
        String p = rdexPartnerSeen("c-rd-3", 401, "{\"error\":{\"name\":\"signature_mismatch\"}}");
        contact("c-rd-3", p, "Bonjour").statusCode(401).body("error.name", is("signature_mismatch"));
        String q = rdexPartnerSeen("c-rd-4", 503, "oops");
        contact("c-rd-4", q, "Bonjour").statusCode(502).body("error.name", is("partner_unavailable"));
        assertEquals(1, outbound(q, "FAILED"));
    }

    @Test
    void contacts_through_standard_messages_with_the_api_key_and_the_author_as_recipient() throws Exception {
        String p = standardPartnerSeen("c-st-1", 201, "");
        contact("c-st-1", p, "Bonjour, il reste une place ?").statusCode(202).body("status", is("sent"));
        PartnerSimulator.Received call = sim.of(p).stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
        assertEquals("/" + p + "/standard/v1/messages", call.uri());
        assertEquals("std-key-" + p, call.headers().get("x-api-key"));
        JsonPath body = new JsonPath(call.body());
        assertEquals("d-9", body.getString("to.id"));
        assertEquals("b.example.org", body.getString("to.operator"));
        assertEquals("Sam", body.getString("to.alias"));
        assertEquals("DRIVER", body.getString("recipientCarpoolerType"));
        assertEquals("c-st-1", body.getString("driverJourneyId"));
        assertEquals("Chloé", body.getString("from.alias"));
        assertEquals("covoiturage.example.org", body.getString("from.operator"));
        assertTrue(!body.getString("from.id").contains("@"), "our user's id does not show the address");
        assertTrue(body.getString("message").contains("chloe@a.example.org"));
        assertEquals(1, outbound(p, "SENT"));
    }

    @Test
    void a_standard_404_passes_through_and_429_keeps_retry_after() throws Exception {
        String p = standardPartnerSeen("c-st-2", 404, "{\"error\":\"gone\"}");
        contact("c-st-2", p, "Bonjour").statusCode(404).body("error.name", is("partner_refused"));
        String q = partner("c429");
        standard(q, sim.base(q) + "/standard/v1", "k", null);
        sim.script(q, r -> r.path().endsWith("/messages")
                ? new PartnerSimulator.Reply(429, "{\"error\":\"slow down\"}", 0)
                : r.path().endsWith("/driver_journeys") ? PartnerSimulator.Reply.json("[" + standardJourney("c-st-3", "d-1",
                        FROM_LAT, FROM_LON, TO_LAT, TO_LON, DATE, "08:20") + "]") : PartnerSimulator.Reply.json("[]"));
        seen("c-st-3");
        contact("c-st-3", q, "Bonjour").statusCode(429).body("error.name", is("partner_refused"));
    }

    @Test
    void an_unreachable_partner_is_502_and_an_unknown_journey_404() throws Exception {
        String p = rdexPartnerSeen("c-rd-6", 201, "");
        // The partner moves to where nothing listens (port 9 of loopback) after our user saw its journey.
        admin().contentType(ContentType.JSON).body(Map.of("rdex12Url", "http://127.0.0.1:9/rdex"))
                .when().patch("/admin/partners/" + p + "/protocol").then().statusCode(200);
        contact("c-rd-6", p, "Bonjour").statusCode(502).body("error.name", is("partner_unavailable"));
        assertEquals(1, outbound(p, "FAILED"));
        // Neither seen live nor stored: unknown, as for RDEX 1.0.
        contact("c-never-seen", p, "Bonjour").statusCode(404);
    }

    @Test
    void a_partner_that_never_answers_a_contact_is_504() throws Exception {
        String p = partner("cslow");
        standard(p, sim.base(p) + "/standard/v1", "k", null);
        sim.script(p, r -> r.path().endsWith("/messages") ? new PartnerSimulator.Reply(201, "", -1)
                : r.path().endsWith("/driver_journeys") ? PartnerSimulator.Reply.json("[" + standardJourney("c-st-9", "d-1",
                        FROM_LAT, FROM_LON, TO_LAT, TO_LON, DATE, "08:20") + "]") : PartnerSimulator.Reply.json("[]"));
        seen("c-st-9");
        // Waits rdex.contact.outbound.request-timeout (8 s in tests).
        contact("c-st-9", p, "Bonjour").statusCode(504).body("error.name", is("partner_timeout"));
        assertEquals(1, outbound(p, "TIMEOUT"));
    }

    @Test
    void a_message_too_long_for_the_protocol_is_refused_before_calling() throws Exception {
        String p = rdexPartnerSeen("c-rd-5", 201, "");
        contact("c-rd-5", p, "x".repeat(480)).statusCode(400).body("error.field", is("message"));
        assertEquals(0, sim.of(p).stream().filter(r -> r.method().equals("POST")).count());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static long outbound(String partner, String outcome) throws Exception {
        try (Connection c = DriverManager.getConnection(PostgresResource.jdbcUrl()); PreparedStatement s = c.prepareStatement(
                "select count(*) from contact_outbound o join partner p on p.id = o.partner_id where p.name = ? and o.outcome = ?")) {
            s.setString(1, partner);
            s.setString(2, outcome);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
