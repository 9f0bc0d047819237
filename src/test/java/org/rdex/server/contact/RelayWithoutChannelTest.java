package org.rdex.server.contact;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdex.server.contact.ContactFixtures.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rdex.server.support.ConsoleClient;
import org.rdex.server.support.PostgresResource;
import org.rdex.server.support.ProtocolFixtures;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * The example environment file's relay: no webhook and a mailer with no SMTP server behind it. Nothing can be
 * delivered, and the server says so: readiness DOWN with the reason, each message's error naming the SMTP
 * server and why, the relay page showing the waiting message.
 */
@QuarkusTest
@TestProfile(RelayWithoutChannelTest.NoChannel.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class RelayWithoutChannelTest {

    /** A mailer whose SMTP server is not there (a port nothing listens on). */
    public static class NoChannel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rdex.relay.webhook-url", "", "rdex.relay.webhook-secret", "",
                    "quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", Integer.toString(closedPort()), "quarkus.mailer.start-tls", "DISABLED",
                    "quarkus.mailer.from", "relay@rdex.example.org", "rdex.relay.initial-backoff", "PT1H");
        }
    }

    /** The profile runs in another class loader than the test: the port is read back from the configuration. */
    private static int noSmtp() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.mailer.port", Integer.class);
    }

    @Inject
    RelayWorker worker;

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int managementPort() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
    }

    @Test
    void readiness_is_down_and_says_the_smtp_server_is_unreachable() {
        io.restassured.RestAssured.given().baseUri("http://127.0.0.1").port(managementPort()).get("/q/health/ready")
                .then().statusCode(503)
                .body("checks.find { it.name == 'rdex-relay' }.status", org.hamcrest.Matchers.is("DOWN"))
                .body("checks.find { it.name == 'rdex-relay' }.data.reason",
                        containsString("SMTP server 127.0.0.1:" + noSmtp() + " is unreachable"))
                .body("checks.name", hasItem("rdex-export"));
    }

    @Test
    void a_waiting_message_names_the_smtp_server_and_the_relay_page_shows_it() {
        String partner = partner(unique("nochan"), "nochan.example.org");
        String uuid = journey(unique("nochan-j"), "owner-nochan@example.org");
        https().contentType("application/x-www-form-urlencoded")
                .body(form(key(partner, "127.0.0.1", "::1"), uuid, "Baptiste <baptiste@example.net>", "nochan.example.org",
                        "Bonjour"))
                .when().post("/rdex/contact").then().statusCode(201);
        long id = count("select max(id) from contact_message where journey_uuid = ?", uuid);
        worker.runOnce();

        assertEquals(1, count("select count(*) from contact_message where id = ? and state = 'PENDING' and attempts = 1", id));
        String error = admin().when().get("/admin/messages?state=PENDING").then().statusCode(200).extract().jsonPath()
                .getString("messages.find { it.id == " + id + " }.lastError");
        assertTrue(error.startsWith("SMTP 127.0.0.1:" + noSmtp() + ": "), error);
        assertTrue(error.toLowerCase().contains("refused"), error);
        assertFalse(error.contains("CompletionException"), error);

        String page = ConsoleClient.signIn(managementPort()).page("/console/relay");
        assertTrue(page.contains("No message can be delivered"), page);
        int row = page.indexOf("<tr id=\"pending-" + id + "\">");
        assertTrue(row >= 0, page);
        String cells = page.substring(row, page.indexOf("</tr>", row));
        assertTrue(cells.contains("SMTP 127.0.0.1:" + noSmtp()), cells);
        assertFalse(cells.contains("Bonjour") || cells.contains("baptiste"), "never the text nor the sender: " + cells);
    }

    @Test
    void the_metrics_to_alert_on_exist_before_any_export_and_count_failed_messages() {
        String metrics = ProtocolFixtures.admin().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("rdex_export_duration_seconds_count"), "registered at start");
        assertTrue(metrics.contains("rdex_export_failures_total"), "registered at start");
        assertTrue(metrics.contains("rdex_relay_messages{state=\"FAILED\"}"), "the FAILED messages");
    }
}
