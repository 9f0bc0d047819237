package org.rdex.server.check;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rdex.server.support.ProtocolFixtures;
import org.rdex.server.support.ServerTestBase;
import org.rdex.server.tls.TlsCertificates;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * {@code partners check} through the admin API: against this very server registered as its own partner over
 * loopback (its RDEX 1.2 and standard-covoiturage APIs, its contact endpoint and its pinned certificate, with a
 * file naming one of its journeys), and against a stand-in that breaks one rule of each part.
 */
@QuarkusTest
class PartnerCheckTest extends ServerTestBase {

    private static final double FROM_LAT = 45.7640;
    private static final double FROM_LON = 4.8357;
    private static final double TO_LAT = 45.4397;
    private static final double TO_LON = 4.3872;
    private static final String DATE = LocalDate.now().plusDays(20).toString();
    private static final String WRONG_PIN = "ab".repeat(32);

    static StandIn standIn;

    @Inject
    TlsCertificates certificates;

    @BeforeAll
    static void start() throws IOException {
        standIn = new StandIn();
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    private static String journey(String uuid, String extra) {
        return "<journey><operator>operator-b</operator><site>b.example.org</site><uuid>" + uuid + "</uuid>"
                + "<from><location>Lyon</location><coords>" + FROM_LAT + "," + FROM_LON + "</coords></from>"
                + "<to><location>Saint-Etienne</location><coords>" + TO_LAT + "," + TO_LON + "</coords></to>" + extra
                + "<url>https://b.example.org/j/" + uuid + "</url><name>bob</name><driver>1</driver><passenger>0</passenger>"
                + "<activefrom>" + DATE + "</activefrom><activeto>" + DATE + "</activeto>"
                + "<punctual><date>" + DATE + "</date><minitime>08:00</minitime><maxitime>08:30</maxitime></punctual>"
                + "</journey>";
    }

    private static byte[] document(String journeys) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><document><title>B's journeys</title>" + journeys
                + "</document>").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String partner(String prefix, String feedUrl, String contactUrl, String pin) {
        String name = ProtocolFixtures.unique(prefix);
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "operator", "operator-b", "sites",
                List.of("b.example.org")));
        if (feedUrl != null) {
            body.put("feedUrl", feedUrl);
        }
        if (contactUrl != null) {
            body.put("contactUrl", contactUrl);
        }
        if (pin != null) {
            body.put("tlsFingerprint", pin);
        }
        admin().contentType(ContentType.JSON).body(body).when().post("/admin/partners").then().statusCode(201);
        return name;
    }

    private static void protocols(String name, Map<String, Object> settings) {
        admin().contentType(ContentType.JSON).body(settings).when().put("/admin/partners/" + name + "/protocol").then()
                .statusCode(200);
    }

    /** Runs the check; returns each rule's status by name (and the report, for messages). */
    private static JsonPath check(String name) {
        return admin().when().post("/admin/partners/" + name + "/check").then().statusCode(200)
                .body("partner", equalTo(name)).extract().jsonPath();
    }

    private static String status(JsonPath report, String rule) {
        List<Map<String, String>> results = report.getList("results");
        return results.stream().filter(r -> r.get("name").equals(rule)).map(r -> r.get("status")).findFirst()
                .orElse("absent");
    }

    @Test
    void our_own_server_as_a_partner_passes_every_check() {
        String own = ProtocolFixtures.journey(ProtocolFixtures.unique("own"),
                ProtocolFixtures.punctual("driver", DATE, FROM_LAT, FROM_LON, TO_LAT, TO_LON, "08:00", "08:30"));
        String feed = "/self/" + own + ".xml.gz";
        standIn.on(feed, q -> new StandIn.Reply(200, "application/gzip", gzip(document(journey(own, "")))));
        String base = "https://localhost:" + httpsPort();
        String name = partner("self", standIn.url(feed), base + "/", certificates.fingerprint());
        JsonPath key = ProtocolFixtures.key(name, "127.0.0.1", "::1");
        protocols(name, Map.of("rdex12Url", base + "/rdex", "rdex12Apikey", key.getString("rdex12.apikey"),
                "rdex12PrivateKey", key.getString("rdex12.privateKey"), "standardUrl", base + "/standard/v1",
                "standardApiKey", key.getString("key")));

        JsonPath report = check(name);

        String seen = report.prettify();
        for (String rule : List.of("feed.download", "feed.gzip", "feed.dtd", "feed.journeys", "rdex12.search",
                "rdex12.types", "rdex12.error", "standard.status", "standard.search", "standard.types",
                "standard.radius", "standard.time", "standard.count", "standard.ids", "standard.operator",
                "standard.found", "contact.tls", "contact.reachable")) {
            assertEquals("PASS", status(report, rule), rule + " in " + seen);
        }
        assertEquals("WARN", status(report, "contact.key"), seen);
        assertEquals(0, report.getInt("fail"), seen);
    }

    @Test
    void a_stand_in_breaking_one_rule_of_each_part_is_reported_by_name() {
        String uuid = ProtocolFixtures.unique("broken");
        // Named .gz, sent plain.
        standIn.on("/broken/feed.xml.gz", q -> new StandIn.Reply(200, "application/xml", document(journey(uuid, ""))));
        // RDEX 1.2: a latitude of the wrong type, and a search without from/to answered as if it were fine.
        standIn.on("/broken/rdex12/journeys", q -> StandIn.Reply.json(q.contains("%5Bfrom%5D")
                ? "[{\"journeys\":{\"uuid\":\"" + uuid + "\",\"driver\":{\"state\":1},\"passenger\":{\"state\":0},"
                        + "\"from\":{\"latitude\":true,\"longitude\":" + FROM_LON + "},\"to\":{\"latitude\":" + TO_LAT
                        + ",\"longitude\":" + TO_LON + "},\"frequency\":\"punctual\",\"outward\":{\"mindate\":\"" + DATE + "\"}}}]"
                : "[]"));
        // standard-covoiturage: a pickup 5.5 km from the searched departure, outside its 1 km radius.
        standIn.on("/broken/standard/status", q -> StandIn.Reply.json("{}"));
        standIn.on("/broken/standard/driver_journeys", q -> StandIn.Reply.json("[{\"id\":\"" + uuid
                + "\",\"operator\":\"b.example.org\",\"passengerPickupLat\":" + (FROM_LAT + 0.05) + ",\"passengerPickupLng\":"
                + FROM_LON + ",\"passengerDropLat\":" + TO_LAT + ",\"passengerDropLng\":" + TO_LON
                + ",\"passengerPickupDate\":" + param(q, "departureDate") + ",\"type\":\"DYNAMIC\"}]"));
        // The contact endpoint is this server, whose certificate is not the pinned one.
        String name = partner("broken", standIn.url("/broken/feed.xml.gz"), "https://localhost:" + httpsPort() + "/",
                WRONG_PIN);
        protocols(name, Map.of("rdex12Url", standIn.url("/broken/rdex12"), "rdex12Apikey", "pub",
                "rdex12PrivateKey", "secret", "standardUrl", standIn.url("/broken/standard"), "standardApiKey", "k"));

        JsonPath report = check(name);

        String seen = report.prettify();
        assertEquals("FAIL", status(report, "feed.gzip"), seen);
        assertEquals("PASS", status(report, "feed.dtd"), seen);
        assertEquals("FAIL", status(report, "rdex12.types"), seen);
        assertEquals("FAIL", status(report, "rdex12.error"), seen);
        assertEquals("FAIL", status(report, "standard.radius"), seen);
        assertEquals("PASS", status(report, "standard.status"), seen);
        assertEquals("FAIL", status(report, "contact.tls"), seen);
        assertTrue(report.getInt("fail") >= 5, seen);
        assertTrue(standIn.methods.stream().allMatch("GET"::equals), "only GETs reach the partner: " + standIn.methods);
    }

    @Test
    void a_file_invalid_against_the_dtd_and_a_missing_file_fail_their_rules() {
        String uuid = ProtocolFixtures.unique("nodtd");
        // <kilometers> is not in the specification's DTD; the import itself accepts it.
        standIn.on("/nodtd/feed.xml.gz", q -> new StandIn.Reply(200, "application/gzip",
                gzip(document(journey(uuid, "<kilometers>51</kilometers>")))));
        String invalid = partner("nodtd", standIn.url("/nodtd/feed.xml.gz"), null, null);
        JsonPath report = check(invalid);
        assertEquals("FAIL", status(report, "feed.dtd"), report.prettify());
        assertEquals("PASS", status(report, "feed.gzip"), report.prettify());
        assertEquals("PASS", status(report, "feed.journeys"), report.prettify());

        String missing = partner("nofile", standIn.url("/nofile/feed.xml.gz"), null, null);
        JsonPath gone = check(missing);
        assertEquals("FAIL", status(gone, "feed.download"), gone.prettify());
        assertEquals(List.of("feed.download"), gone.getList("results.name"));
    }

    @Test
    void reports_are_stored_with_their_date_newest_first_and_unknown_partners_are_404() {
        String name = partner("stored", null, null, null);
        check(name);
        String second = check(name).getString("checkedAt");
        admin().when().get("/admin/partners/" + name + "/checks").then().statusCode(200)
                .body("size()", equalTo(2)).body("[0].checkedAt", equalTo(second))
                .body("[0].results.name", hasItem("declared")).body("[0].warn", equalTo(1));
        admin().when().post("/admin/partners/nobody-here/check").then().statusCode(404);
        management().when().post("/admin/partners/" + name + "/check").then().statusCode(401);
    }

    private static final java.util.regex.Pattern CSRF = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private static String csrf(String html) {
        java.util.regex.Matcher m = CSRF.matcher(html);
        assertTrue(m.find(), html);
        return m.group(1);
    }

    @Test
    void the_check_button_of_the_partner_page_needs_csrf_runs_the_check_and_the_page_shows_its_report() {
        String name = partner("console", standIn.url("/console-none/feed.xml.gz"), null, null);
        io.restassured.response.Response login = management().get("/console/login");
        String session = management().redirects().follow(false).cookie("rdex_console_pre", login.cookie("rdex_console_pre"))
                .formParam("_csrf", csrf(login.asString())).formParam("token", "test-admin-token").post("/console/login")
                .cookie("rdex_console");
        String page = management().cookie("rdex_console", session).get("/console/partners/" + name).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("id=\"check-now\""))
                .body(org.hamcrest.Matchers.containsString("Never checked")).extract().asString();

        management().cookie("rdex_console", session).redirects().follow(false).post("/console/partners/" + name + "/check")
                .then().statusCode(403);
        management().cookie("rdex_console", session).redirects().follow(false).formParam("_csrf", csrf(page))
                .post("/console/partners/" + name + "/check").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("?done=check"));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> admin()
                .when().get("/admin/partners/" + name + "/checks").then().body("size()", equalTo(1)));
        management().cookie("rdex_console", session).get("/console/partners/" + name).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("<td>feed.download</td><td class=\"check-FAIL\">FAIL</td>"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Never checked")));
    }

    private static String param(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return "0";
    }
}
