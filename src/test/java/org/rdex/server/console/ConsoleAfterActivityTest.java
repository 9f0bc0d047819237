package org.rdex.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rdex.server.contact.RelayWorker;
import org.rdex.server.export.ExportResult;
import org.rdex.server.export.ExportService;
import org.rdex.server.imports.ImportCommand;
import org.rdex.server.support.Cli;
import org.rdex.server.support.ConsoleClient;
import org.rdex.server.support.ProtocolFixtures;
import org.rdex.server.support.ServerTestBase;
import org.rdex.server.support.TestJourneys;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * Every console page renders on a server that has done what a real one does: exported its file, imported a
 * partner's, relayed messages (one delivered, one refused by our platform and waiting for its retry). The
 * other console tests render the pages of a server that has done none of it.
 */
@QuarkusTest
@TestProfile(ConsoleAfterActivityTest.OwnWebhook.class)
class ConsoleAfterActivityTest extends ServerTestBase {

    /**
     * Our platform's webhook: accepts every message except those asking to be refused. Started by the profile,
     * in the class loader Quarkus starts the application from.
     */
    public static class OwnWebhook implements QuarkusTestProfile {
        private static HttpServer hook;

        static synchronized int hookPort() {
            if (hook == null) {
                try {
                    hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                hook.createContext("/hook", exchange -> {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(body.contains("refuse me") ? 503 : 204, -1);
                    exchange.close();
                });
                hook.start();
            }
            return hook.getAddress().getPort();
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rdex.relay.webhook-url", "http://127.0.0.1:" + hookPort() + "/hook",
                    "rdex.relay.initial-backoff", "PT1H");
        }
    }

    @Inject
    ExportService exports;
    @Inject
    RelayWorker worker;

    @Test
    void every_page_renders_after_an_export_an_import_and_a_relay() {
        String uuid = ProtocolFixtures.journey(ProtocolFixtures.unique("console-j"), TestJourneys.punctualJson("2099-03-01"));
        ExportResult export = exports.export(Optional.empty());
        assertEquals(ExportResult.Status.PUBLISHED, export.status(), export.summary());

        String partner = ProtocolFixtures.partner(ProtocolFixtures.unique("console-p"), "console-p.example.org");
        Cli.Run imported = Cli.run(ImportCommand.class, "--partner", partner, "--file",
                Path.of("src/test/resources/rdex/spec-example.xml").toString());
        assertEquals(0, imported.exit(), imported.out() + imported.err());

        String key = ProtocolFixtures.key(partner, "127.0.0.1", "::1").getString("key");
        long delivered = contact(key, uuid, partner, "Bonjour, une place ?");
        long refused = contact(key, uuid, partner, "Bonjour, refuse me");
        worker.runOnce();

        ConsoleClient console = ConsoleClient.signIn(managementPort());
        String overview = console.page("/console");
        assertTrue(overview.contains("PUBLISHED"), overview);
        Matcher run = Pattern.compile("<td>" + export.runId() + "</td><td>[^<]*</td><td[^>]*>PUBLISHED</td><td>([\\d,]+)</td>")
                .matcher(overview);
        assertTrue(run.find(), "the run with its journeys: " + overview);
        assertEquals(export.journeys(), Long.parseLong(run.group(1).replace(",", "")), "a count with thousands separators");
        console.page("/console/partners");
        assertTrue(console.page("/console/partners/" + partner).contains(" accepted, "), "the import report");
        console.page("/console/keys");

        String relay = console.page("/console/relay");
        String waiting = row(relay, "pending-" + refused);
        assertTrue(waiting.contains("answered HTTP 503"), waiting);
        assertTrue(waiting.contains("webhook 127.0.0.1:"), "names what was called: " + waiting);
        assertTrue(Pattern.compile("<td>\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\([^<]*\\)</td><td>webhook").matcher(waiting).find(),
                "the next attempt: " + waiting);
        assertTrue(row(relay, "delivered-" + delivered).contains("WEBHOOK"), relay);
        assertTrue(!relay.contains("refuse me") && !relay.contains("une place"), "never the text");
    }

    private static String row(String html, String id) {
        int start = html.indexOf("<tr id=\"" + id + "\">");
        assertTrue(start >= 0, "no row " + id + " in " + html);
        return html.substring(start, html.indexOf("</tr>", start));
    }

    /** A message from the partner's server to our journey; returns its id. */
    private static long contact(String key, String uuid, String partner, String message) {
        https().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("Key", key).formParam("Id", uuid)
                .formParam("From", "Baptiste <baptiste@example.net>").formParam("Site", "console-p.example.org")
                .formParam("Message", message).when().post("/rdex/contact").then().statusCode(201);
        return ProtocolFixtures.count("select max(id) from contact_message where journey_uuid = ?", uuid);
    }
}
