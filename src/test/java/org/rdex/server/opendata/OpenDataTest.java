package org.rdex.server.opendata;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.rdex.server.export.ExportResult;
import org.rdex.server.export.ExportService;
import org.rdex.server.journey.JourneyBulkService;
import org.rdex.server.key.KeyService;
import org.rdex.server.model.SharedJourney;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.rdex.RdexReadResult;
import org.rdex.server.rdex.RdexReader;
import org.rdex.server.support.ServerTestBase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;

@QuarkusTest
@TestProfile(OpenDataTestProfile.class)
class OpenDataTest extends ServerTestBase {

    private static final String LICENCE_LINK = "<https://www.etalab.gouv.fr/licence-ouverte-open-licence/>; rel=\"license\"";
    private static final String OPENDATA_HEALTH = "checks.find { it.name == 'rdex-opendata' }.data";
    private static final Pattern UUID_ELEMENT = Pattern.compile("<uuid>([^<]+)</uuid>");

    @Inject
    ExportService exports;
    @Inject
    OpenDataStore store;
    @Inject
    JourneyBulkService bulk;
    @Inject
    KeyService keys;
    @Inject
    PartnerService partners;
    @Inject
    ObjectMapper mapper;

    private final UdataStandIn udata = UdataStandIn.get();

    @BeforeEach
    void quietStandIn() {
        // A push left by the previous test must not eat this test's scripted failures.
        await().atMost(Duration.ofSeconds(20)).until(() -> store.lastPush()
                .map(p -> p.state().equals("SUCCEEDED") || p.state().equals("FAILED")).orElse(true));
        udata.reset();
    }

    @AfterAll
    static void stopStandIn() {
        UdataStandIn.stop();
    }

    @Test
    void served_manifest_validates_against_the_schema_in_the_repository() throws Exception {
        long runId = exportAndSettle();
        Response response = given().when().get("/rdex/manifest.json");
        response.then().statusCode(200).contentType("application/json").header("Link", is(LICENCE_LINK));
        String manifest = response.asString();

        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of("src/main/resources/opendata/manifest.schema.json")), InputFormat.JSON);
        assertEquals(List.of(), schema.validate(manifest, InputFormat.JSON));
        assertFalse(schema.validate(manifest.replace("\"ttl\"", "\"time_to_live\""), InputFormat.JSON).isEmpty(),
                "the schema refuses a manifest without ttl");
        assertEquals(Files.readString(Path.of("src/main/resources/opendata/manifest.schema.json")),
                given().when().get("/rdex/manifest.schema.json").then().statusCode(200).extract().asString());

        JsonNode json = mapper.readTree(manifest);
        long ttl = json.get("ttl").asLong();
        assertTrue(ttl > 0, "the nightly cron is scheduled");
        assertEquals("public, max-age=" + ttl, response.header("Cache-Control"));
        JsonNode data = json.get("data");
        assertEquals("lov2", data.at("/licence/id").asText());
        assertEquals("https://rdex.example.org/rdex/contact", data.get("contact_api_url").asText());
        JsonNode pub = data.get("feeds").get(0);
        JsonNode partners = data.get("feeds").get(1);
        assertEquals("https://rdex.example.org/rdex/opendata/journeys.xml.gz", pub.get("url").asText());
        assertEquals("rotating", pub.get("ids").asText());
        assertEquals("partners", partners.get("access").asText());
        assertEquals("stable", partners.get("ids").asText());

        byte[] file = publicFile();
        assertEquals(file.length, pub.get("bytes").asLong());
        assertEquals(sha256(file), pub.get("sha256").asText());
        assertEquals(parse(file).size(), pub.get("journeys").asLong());
        assertEquals(runId, store.latest().orElseThrow().runId());

        String fileCache = given().when().head("/rdex/opendata/journeys.xml.gz").then().statusCode(200)
                .extract().header("Cache-Control");
        long fileMaxAge = Long.parseLong(fileCache.replaceAll(".*max-age=(\\d+).*", "$1"));
        assertTrue(fileMaxAge <= ttl && fileMaxAge >= ttl - 60, fileCache + " against ttl " + ttl);

        String etag = response.header("ETag");
        assertTrue(etag.startsWith("W/\""), etag);
        given().header("If-None-Match", etag).when().get("/rdex/manifest.json").then().statusCode(304);
        given().header("If-None-Match", etag.substring(2)).when().get("/rdex/manifest.json").then().statusCode(304);
    }

    @Test
    void catalogue_has_dcat_required_properties_and_the_file_facts() throws Exception {
        exportAndSettle();
        Response response = given().when().get("/rdex/catalog.jsonld");
        response.then().statusCode(200).contentType("application/ld+json");
        JsonNode catalog = mapper.readTree(response.asString());
        assertEquals("http://www.w3.org/ns/dcat#", catalog.at("/@context/dcat").asText());
        assertEquals("dcat:Catalog", catalog.get("@type").asText());
        for (String property : List.of("dct:title", "dct:description", "dct:publisher", "dcat:dataset")) {
            assertTrue(catalog.hasNonNull(property), "catalogue " + property);
        }
        JsonNode dataset = catalog.get("dcat:dataset").get(0);
        assertEquals("dcat:Dataset", dataset.get("@type").asText());
        assertTrue(dataset.get("dct:title").asText().contains("Covoit Test"));
        assertFalse(dataset.get("dct:description").asText().isBlank());
        assertEquals("Covoit Test", dataset.at("/dct:publisher/foaf:name").asText());
        assertEquals("https://www.etalab.gouv.fr/licence-ouverte-open-licence/", dataset.at("/dct:license/@id").asText());
        assertEquals("http://publications.europa.eu/resource/authority/frequency/DAILY",
                dataset.at("/dct:accrualPeriodicity/@id").asText());

        byte[] file = publicFile();
        List<SharedJourney> journeys = parse(file);
        double minLat = journeys.stream().flatMapToDouble(j -> java.util.stream.DoubleStream.of(j.from().lat(), j.to().lat())).min().orElseThrow();
        double maxLon = journeys.stream().flatMapToDouble(j -> java.util.stream.DoubleStream.of(j.from().lon(), j.to().lon())).max().orElseThrow();
        String bbox = dataset.at("/dct:spatial/dcat:bbox/@value").asText();
        assertTrue(bbox.startsWith("POLYGON(("), bbox);
        double[] corners = Pattern.compile("[-0-9.]+").matcher(bbox).results().mapToDouble(m -> Double.parseDouble(m.group()))
                .toArray();
        assertEquals(minLat, corners[1], 1e-9, "south edge");
        assertEquals(maxLon, corners[2], 1e-9, "east edge");
        LocalDate from = journeys.stream().map(SharedJourney::activeFrom).min(LocalDate::compareTo).orElseThrow();
        LocalDate to = journeys.stream().map(SharedJourney::activeTo).max(LocalDate::compareTo).orElseThrow();
        assertEquals(from.toString(), dataset.at("/dct:temporal/dcat:startDate/@value").asText());
        assertEquals(to.toString(), dataset.at("/dct:temporal/dcat:endDate/@value").asText());

        JsonNode distribution = dataset.get("dcat:distribution").get(0);
        assertEquals("dcat:Distribution", distribution.get("@type").asText());
        assertEquals("https://rdex.example.org/rdex/opendata/journeys.xml.gz", distribution.at("/dcat:accessURL/@id").asText());
        assertEquals("https://www.iana.org/assignments/media-types/application/gzip",
                distribution.at("/dcat:mediaType/@id").asText());
        assertEquals(Long.toString(file.length), distribution.at("/dcat:byteSize/@value").asText());
        assertEquals(sha256(file), distribution.at("/spdx:checksum/spdx:checksumValue/@value").asText());
        assertEquals("spdx:checksumAlgorithm_sha256", distribution.at("/spdx:checksum/spdx:algorithm/@id").asText());
    }

    @Test
    void files_carry_the_licence_and_name_the_producer() throws Exception {
        exportAndSettle();
        Response pub = given().when().get("/rdex/opendata/journeys.xml.gz");
        pub.then().statusCode(200).header("Link", is(LICENCE_LINK)).header("Accept-Ranges", is("bytes"))
                .header("Repr-Digest", is("sha-256=:" + base64Sha256(pub.asByteArray()) + ":"));
        assertTrue(xml(pub.asByteArray()).contains("<title>Covoit Test - Carpooling journeys</title>"));
        Response partners = given().header("Authorization", "Bearer " + partnerKey()).when().get("/rdex/journeys.xml.gz");
        partners.then().statusCode(200).header("Link", is(LICENCE_LINK));
        assertTrue(partners.header("Cache-Control").startsWith("private"), partners.header("Cache-Control"));
        assertTrue(xml(partners.asByteArray()).contains("<title>Covoit Test - Carpooling journeys</title>"));
    }

    @Test
    void public_ids_change_at_every_export_while_partners_keep_stable_ones() throws Exception {
        bulk.generate(40, 12);
        String key = partnerKey();
        exportAndSettle();
        String public1 = xml(publicFile());
        String partners1 = xml(partnersFile(key));
        exportAndSettle();
        String public2 = xml(publicFile());
        String partners2 = xml(partnersFile(key));

        Set<String> stable1 = uuids(partners1);
        Set<String> rotated1 = uuids(public1);
        Set<String> rotated2 = uuids(public2);
        assertTrue(stable1.size() >= 40);
        assertEquals(stable1, uuids(partners2), "partners' uuids do not move");
        assertEquals(stable1.size(), rotated1.size(), "one rotated id per journey");
        assertEquals(stable1.size(), rotated2.size());
        assertTrue(disjoint(rotated1, rotated2), "nothing links two public files");
        assertTrue(disjoint(rotated1, stable1), "nothing links the public file to partners'");
        assertEquals(UUID_ELEMENT.matcher(partners1).replaceAll("<uuid/>"), UUID_ELEMENT.matcher(public1).replaceAll("<uuid/>"),
                "the public file is partners' file but for the uuids");

        given().when().get("/rdex/journeys.xml.gz").then().statusCode(401);
        given().when().get("/rdex/opendata/journeys.xml.gz").then().statusCode(200);
    }

    @Test
    void pushes_the_public_file_to_data_gouv_after_each_export() throws Exception {
        long runId = exportAndSettle();
        OpenDataStore.Push push = awaitPush(runId, "SUCCEEDED");
        assertEquals(1, push.attempts());
        byte[] file = publicFile();

        List<UdataStandIn.Call> calls = udata.calls();
        assertEquals(2, calls.size(), calls.toString());
        UdataStandIn.Call upload = calls.get(0);
        assertEquals("POST", upload.method());
        assertEquals("/api/1/datasets/" + UdataStandIn.DATASET + "/resources/" + UdataStandIn.RESOURCE + "/upload/",
                upload.path());
        assertEquals(UdataStandIn.KEY, upload.apiKey());
        assertEquals("journeys.xml.gz", upload.filename());
        assertEquals(sha256(file), sha256(upload.file()), "the uploaded file is the public one");
        UdataStandIn.Call title = calls.get(1);
        assertEquals("PUT", title.method());
        assertEquals("Trajets de covoiturage (RDEX)", mapper.readTree(title.json()).get("title").asText());

        admin().when().get("/admin/opendata").then().statusCode(200)
                .body("lastPush.state", is("SUCCEEDED")).body("lastPush.runId", is((int) runId))
                .body("publicFile.rotated", is(true));
        management().when().get("/q/health/ready").then().statusCode(200)
                .body(OPENDATA_HEALTH + ".'push.state'", is("SUCCEEDED"));
        management().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("rdex_opendata_push_total{outcome=\"succeeded\""));
    }

    @Test
    void refused_key_fails_the_push_at_once_and_leaves_the_export_alone() throws Exception {
        udata.expectKey("another-key");
        bulk.generate(5, 13);
        ExportResult result = exports.export(Optional.empty());
        assertEquals(ExportResult.Status.PUBLISHED, result.status(), result.summary());
        OpenDataStore.Push push = awaitPush(result.runId(), "FAILED");
        assertEquals(1, push.attempts(), "a 401 is not retried");
        assertEquals(401, push.httpStatus());
        assertEquals(1, udata.calls().size());
        assertEquals(UdataStandIn.KEY, udata.calls().get(0).apiKey());

        given().when().get("/rdex/opendata/journeys.xml.gz").then().statusCode(200);
        management().when().get("/q/health/ready").then().statusCode(200)
                .body(OPENDATA_HEALTH + ".'push.state'", is("FAILED"))
                .body(OPENDATA_HEALTH + ".'push.httpStatus'", is(401));
        admin().when().get("/admin/opendata").then().statusCode(200).body("lastPush.httpStatus", is(401));
    }

    @Test
    void server_error_is_retried_after_a_backoff() {
        udata.failNext(500);
        long runId = exportAndSettle();
        OpenDataStore.Push push = awaitPush(runId, "SUCCEEDED");
        assertEquals(2, push.attempts());
        List<UdataStandIn.Call> calls = udata.calls();
        assertEquals(3, calls.size(), "500, then upload and title: " + calls);
        assertEquals(sha256(publicFile()), sha256(calls.get(1).file()));
    }

    @Test
    void gives_up_after_the_configured_tries() {
        udata.failNext(500, 503, 502);
        long runId = exportAndSettle();
        OpenDataStore.Push push = awaitPush(runId, "FAILED");
        assertEquals(3, push.attempts());
        assertEquals(502, push.httpStatus());
        assertEquals(3, udata.calls().size());
        given().when().get("/rdex/opendata/journeys.xml.gz").then().statusCode(200);
    }

    @Test
    void admin_api_pushes_on_demand() {
        long runId = exportAndSettle();
        awaitPush(runId, "SUCCEEDED");
        udata.reset();
        admin().when().post("/admin/opendata/push").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> udata.calls().size() == 2);
        management().header("Authorization", "Bearer wrong").when().post("/admin/opendata/push").then().statusCode(401);
        assertEquals(2, udata.calls().size(), "a refused call pushes nothing");
    }

    private long exportAndSettle() {
        ExportResult result = exports.export(Optional.empty());
        assertEquals(ExportResult.Status.PUBLISHED, result.status(), result.summary());
        assertEquals(result.runId(), store.latest().orElseThrow().runId(), "public file made in the export's wake");
        return result.runId();
    }

    private OpenDataStore.Push awaitPush(long runId, String state) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> store.lastPush().filter(p -> p.runId() == runId && p.state().equals(state)),
                        Optional::isPresent).orElseThrow();
    }

    private static byte[] publicFile() {
        return given().when().get("/rdex/opendata/journeys.xml.gz").then().statusCode(200).extract().asByteArray();
    }

    private static byte[] partnersFile(String key) {
        return given().header("Authorization", "Bearer " + key).when().get("/rdex/journeys.xml.gz")
                .then().statusCode(200).extract().asByteArray();
    }

    @Test
    void partners_file_refuses_two_different_authorization_headers_even_with_a_valid_key() throws Exception {
        String key = partnerKey();
        given().headers(new io.restassured.http.Headers(new io.restassured.http.Header("Authorization", "Bearer " + key),
                new io.restassured.http.Header("Authorization", "Bearer other")))
                .when().get("/rdex/journeys.xml.gz").then().statusCode(401).body("error.name", is("access_denied"));
        given().header("Authorization", "Bearer not-a-key").queryParam("key", key)
                .when().get("/rdex/journeys.xml.gz").then().statusCode(403);
    }

    private String partnerKey() throws Exception {
        String name = "opendata-" + UUID.randomUUID().toString().substring(0, 8);
        partners.add(new NewPartner(name, "op", null, List.of("opendata.example"), null, null));
        return keys.issue(name, List.of("127.0.0.1", "::1"), null).key();
    }

    static String xml(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<SharedJourney> parse(byte[] gz) throws IOException {
        List<SharedJourney> journeys = new ArrayList<>();
        new RdexReader(new ByteArrayInputStream(gz)).read(r -> {
            if (r instanceof RdexReadResult.Accepted a) {
                journeys.add(a.journey());
            }
        });
        return journeys;
    }

    private static Set<String> uuids(String xml) {
        Set<String> ids = new HashSet<>();
        Matcher m = UUID_ELEMENT.matcher(xml);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both.isEmpty();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64Sha256(byte[] bytes) {
        return java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256(bytes)));
    }

}
