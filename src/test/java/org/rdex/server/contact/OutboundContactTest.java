package org.rdex.server.contact;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rdex.server.contact.ContactFixtures.*;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.PreparedStatement;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rdex.server.imports.PartnerPartitions;
import org.rdex.server.partner.PartnerKeyCipher;
import org.rdex.server.support.PostgresResource;
import org.rdex.server.tls.TlsCertificates;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** Our server plays the partner too: a partner row pointing back at our own contact API over pinned HTTPS. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class OutboundContactTest {

    @Inject
    PartnerPartitions partnerJourneys;
    @Inject
    PartnerKeyCipher cipher;
    @Inject
    TlsCertificates certificates;

    String self;
    String uuid;

    @BeforeEach
    void setUp() throws Exception {
        self = partner(unique("self"), "covoiturage.example.org");
        uuid = journey(unique("out-j"), "owner@example.org");
        String key = key(self, "127.0.0.1", "::1");
        configure(self, "https://localhost:" + httpsPort() + "/rdex/contact", certificates.fingerprint(), key);
        // The partner "self" publishes a copy of our journey: its partition gets that one row.
        long partnerId = count("select id from partner where name = ?", self);
        int copied = partnerJourneys.replace(partnerId, (c, table) -> {
            try (PreparedStatement s = c.prepareStatement("insert into " + table + """
                     (partner_id, uuid, operator, site, from_location, from_lat, from_lon, to_location,
                      to_lat, to_lon, driver, passenger, url, pseudonym, active_from, active_to, punctual,
                      punctual_date, from_cell, to_cell)
                    select ?, j.uuid, j.operator, j.site, j.from_location, j.from_lat, j.from_lon, j.to_location,
                           j.to_lat, j.to_lon, j.driver, j.passenger, j.url, j.pseudonym, j.active_from, j.active_to,
                           j.punctual, j.punctual_date, j.from_cell, j.to_cell
                    from journey j where j.uuid = ?""")) {
                s.setLong(1, partnerId);
                s.setString(2, uuid);
                return s.executeUpdate();
            }
        });
        assertEquals(1, copied);
    }

    private void configure(String partner, String url, String fingerprint, String key) throws Exception {
        try (var c = db(); PreparedStatement s = c.prepareStatement(
                "update partner set contact_url = ?, tls_fingerprint = ?, outbound_key_enc = ? where name = ?")) {
            s.setString(1, url);
            s.setString(2, fingerprint);
            s.setString(3, key == null ? null : cipher.encrypt(key));
            s.setString(4, partner);
            s.executeUpdate();
        }
    }

    private io.restassured.response.ValidatableResponse contact(String journey) {
        return given().header("Authorization", PLATFORM).contentType(ContentType.JSON)
                .body(Map.of("journey", journey, "pseudonym", "Chloé", "email", "chloe@example.org",
                        "message", "Bonjour, je cherche une place."))
                .when().post("/api/v1/contact").then();
    }

    private long outbound(String outcome) {
        return count("select count(*) from contact_outbound o join partner p on p.id = o.partner_id"
                + " where p.name = ? and o.outcome = ?", self, outcome);
    }

    @Test
    void sends_the_message_to_the_partners_contact_api_over_pinned_https_and_records_the_call() {
        contact(uuid).statusCode(202).body("status", is("sent")).body("partnerStatus", is(201));
        assertEquals(1, count("select count(*) from contact_message where journey_uuid = ? and sender_email = ?"
                + " and sender_pseudonym = 'Chloé' and site = 'covoiturage.example.org'", uuid, "chloe@example.org"));
        assertEquals(1, outbound("SENT"));
    }

    @Test
    void answers_502_when_the_partners_certificate_does_not_match_the_pin() throws Exception {
        String key = null;
        configure(self, "https://localhost:" + httpsPort() + "/rdex/contact", "AB".repeat(32), "rdex_0000000000000000_"
                + "A".repeat(43));
        contact(uuid).statusCode(502).body("error.name", is("partner_unavailable"));
        assertEquals(0, count("select count(*) from contact_message where journey_uuid = ?", uuid));
        assertEquals(1, outbound("FAILED"));
        assertEquals(null, key);
    }

    @Test
    void passes_the_partners_refusal_through_with_its_reason() throws Exception {
        try (var c = db(); PreparedStatement s = c.prepareStatement("update partner set sites = '{elsewhere.example}' where name = ?")) {
            s.setString(1, self);
            s.executeUpdate();
        }
        contact(uuid).statusCode(403).body("error.name", is("origin_mismatch"));
        assertEquals(1, outbound("REFUSED"));
    }

    @Test
    void answers_404_for_a_journey_no_partner_publishes_and_400_for_bad_fields() {
        contact("f".repeat(40)).statusCode(404).body("error.name", is("resource_not_found"));
        given().header("Authorization", PLATFORM).contentType(ContentType.JSON)
                .body(Map.of("journey", uuid, "pseudonym", "X", "email", "nope", "message", ""))
                .when().post("/api/v1/contact").then().statusCode(400)
                .body("error.fields.field", org.hamcrest.Matchers.hasItems("email", "message"));
    }

    @Test
    void answers_504_when_the_partner_does_not_answer_in_time() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            Thread holder = new Thread(() -> {
                try (Socket held = silent.accept()) {
                    held.getInputStream().readAllBytes();
                } catch (Exception ignored) {
                    // closed with the test
                }
            });
            holder.setDaemon(true);
            holder.start();
            configure(self, "https://127.0.0.1:" + silent.getLocalPort() + "/rdex/contact", certificates.fingerprint(),
                    "rdex_0000000000000000_" + "A".repeat(43));
            contact(uuid).statusCode(504).body("error.name", is("partner_timeout"));
        }
        assertEquals(1, outbound("TIMEOUT"));
    }

    @Test
    void answers_502_when_the_partner_cannot_be_reached() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = probe.getLocalPort();
        }
        configure(self, "https://127.0.0.1:" + closedPort + "/rdex/contact", null, "rdex_0000000000000000_" + "A".repeat(43));
        contact(uuid).statusCode(502);
        assertEquals(1, outbound("FAILED"));
    }
}
