package org.rdex.server.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.rdex.server.db.AdvisoryLock;
import org.rdex.server.db.DataDirectory;
import org.rdex.server.journey.JourneyBulkService;
import org.rdex.server.rdex.RdexDtd;
import org.rdex.server.rdex.RdexValidator;
import org.rdex.server.support.PostgresResource;
import org.rdex.server.support.ServerTestBase;
import org.rdex.server.support.TestJourneys;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;

@QuarkusTest
class ExportTest extends ServerTestBase {

    @Inject
    ExportService exports;
    @Inject
    ExportStore store;
    @Inject
    JourneyBulkService bulk;

    @Test
    void generated_export_validates_against_the_specifications_dtd_and_is_served() throws Exception {
        bulk.generate(300, 7);
        Path copy = Files.createTempFile("export", ".xml.gz");
        ExportResult result = exports.export(Optional.of(copy));
        assertEquals(ExportResult.Status.PUBLISHED, result.status(), result.summary());
        assertTrue(result.journeys() >= 300);

        RdexValidator.Result validation = new RdexValidator(RdexDtd.MINIMAL).validate(copy);
        assertTrue(validation.isValid(), validation.problems().toString());

        byte[] served = given().when().get("/rdex/journeys.xml.gz")
                .then().statusCode(200).contentType("application/gzip").extract().asByteArray();
        assertEquals(Files.size(copy), served.length);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(copy), served));
    }

    @Test
    void export_in_several_members_is_the_same_bytes_and_etag_twice_and_one_valid_gzip_file() throws Exception {
        // More than two ranges, the last one partial: several workers' members concatenated in order.
        bulk.generate(2 * ChunkedExport.CHUNK + 300, 11);
        Path first = Files.createTempFile("export", ".xml.gz");
        Path second = Files.createTempFile("export", ".xml.gz");
        ExportResult one = exports.export(Optional.of(first));
        String firstEtag = store.current().orElseThrow().etag();
        ExportResult two = exports.export(Optional.of(second));
        assertEquals(ExportResult.Status.PUBLISHED, two.status(), two.summary());
        assertEquals(one.journeys(), two.journeys());
        assertTrue(one.journeys() >= 2 * ChunkedExport.CHUNK + 300);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(first), Files.readAllBytes(second)), "same bytes");
        assertEquals(firstEtag, store.current().orElseThrow().etag());

        Process gzip = new ProcessBuilder("gzip", "-t", first.toString()).redirectErrorStream(true).start();
        assertEquals(0, gzip.waitFor(), new String(gzip.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        RdexValidator.Result validation = new RdexValidator(RdexDtd.MINIMAL).validate(first);
        assertTrue(validation.isValid(), validation.problems().toString());
        String xml;
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(first))) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertFalse(xml.contains("\n"), "one line");
        assertEquals(one.uncompressedBytes(), xml.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(one.journeys(), xml.split("<journey>", -1).length - 1);
        Files.delete(first);
        Files.delete(second);
    }

    @Test
    void export_is_minified_without_empty_elements_and_names_the_dtd() throws Exception {
        bulk.generate(50, 8);
        String xml = exportedXml();
        assertFalse(xml.contains("\n"), "one line");
        assertFalse(xml.matches("(?s).*>\\s+<.*"), "no whitespace between elements");
        assertFalse(xml.matches("(?s).*<(\\w+)></\\1>.*"), "no empty element");
        assertFalse(xml.matches("(?s).*<\\w+/>.*"), "no self-closed element");
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assertTrue(xml.contains("<!DOCTYPE document SYSTEM \"https://localhost:8443/rdex/rdex-1.0-minimal.dtd\">"
                + "<document><title>"), xml.substring(0, 200));
        for (String extension : new String[] { "<kilometers>", "<minutes>", "<image>", "<cost>", "<vehicle>" }) {
            assertFalse(xml.contains(extension), extension + " is not in the specification's DTD");
        }
    }

    @Test
    void export_keeps_personal_data_private_by_default() throws Exception {
        platform().contentType(ContentType.JSON)
                .body(TestJourneys.punctualJson("2099-05-01"))
                .when().put("/api/v1/journeys/private-1").then().statusCode(201);
        String uuid = platform().when().get("/api/v1/journeys/private-1")
                .then().extract().path("uuid");
        String xml = exportedXml();
        int start = xml.indexOf("<uuid>" + uuid + "</uuid>");
        assertTrue(start > 0, "journey exported under its public uuid");
        String journey = xml.substring(xml.lastIndexOf("<journey>", start), xml.indexOf("</journey>", start));
        assertFalse(journey.contains("alice@example.org"), "owner e-mail");
        assertFalse(journey.contains("user-1"), "owner reference");
        assertFalse(journey.contains("private-1"), "platform id");
        assertFalse(journey.contains("rue de la Paix"), "address");
        assertFalse(journey.contains("photos/alice.jpg"), "photo");
        assertTrue(journey.contains("<name>alice</name>"), "pseudonym only");
        assertTrue(journey.contains("<coords>43.297,5.37</coords>"), "coordinates rounded to 3 decimals: " + journey);
        assertTrue(journey.contains("43.412,5.401"), "route rounded");
        assertFalse(journey.contains("43.41234567"));
    }

    @Test
    void expired_and_deleted_journeys_are_not_exported() throws Exception {
        platform().contentType(ContentType.JSON)
                .body(TestJourneys.punctualJson("2020-01-01").replace("\"alice\"", "\"expiredone\""))
                .when().put("/api/v1/journeys/expired-1").then().statusCode(201);
        platform().contentType(ContentType.JSON)
                .body(TestJourneys.punctualJson("2099-01-01").replace("\"alice\"", "\"deletedone\""))
                .when().put("/api/v1/journeys/deleted-1").then().statusCode(201);
        assertTrue(exportedXml().contains("<name>deletedone</name>"));
        platform().when().delete("/api/v1/journeys/deleted-1").then().statusCode(204);
        String xml = exportedXml();
        assertFalse(xml.contains("<name>deletedone</name>"));
        assertFalse(xml.contains("<name>expiredone</name>"));
    }

    @Test
    void conditional_get_answers_304_and_head_has_no_body() {
        assertEquals(ExportResult.Status.PUBLISHED, exports.export(Optional.empty()).status());
        Response first = given().when().get("/rdex/journeys.xml.gz");
        first.then().statusCode(200).header("ETag", notNullValue()).header("Last-Modified", notNullValue());
        String etag = first.header("ETag");
        String lastModified = first.header("Last-Modified");

        given().header("If-None-Match", etag).when().get("/rdex/journeys.xml.gz").then().statusCode(304);
        given().header("If-Modified-Since", lastModified).when().get("/rdex/journeys.xml.gz").then().statusCode(304);
        given().header("If-None-Match", "\"other\"").when().get("/rdex/journeys.xml.gz").then().statusCode(200);
        given().when().head("/rdex/journeys.xml.gz").then().statusCode(200).header("ETag", is(etag))
                .body(is(emptyString()));
    }

    @Test
    void serves_the_dtd() {
        given().when().get("/rdex/rdex-1.0.dtd").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("<!ELEMENT journey"));
    }

    @Test
    void export_that_fails_keeps_the_previous_file() {
        assertEquals(ExportResult.Status.PUBLISHED, exports.export(Optional.empty()).status());
        ExportStore.Published before = store.current().orElseThrow();
        QuarkusMock.installMockForType(new DataDirectory() {
            @Override
            public Path resolve(String name) {
                throw new java.io.UncheckedIOException(new IOException("disk gone"));
            }
        }, DataDirectory.class);
        ExportResult failed = exports.export(Optional.empty());
        assertEquals(ExportResult.Status.FAILED, failed.status());
        assertEquals(before.runId(), store.current().orElseThrow().runId());
        given().when().get("/rdex/journeys.xml.gz").then().statusCode(200).header("ETag", is(before.etag()));
    }

    @Test
    void only_one_export_runs_while_another_instance_holds_the_lock() throws Exception {
        // A connection of its own holds the lock, as another instance would.
        try (Connection other = DriverManager.getConnection(PostgresResource.jdbcUrl())) {
            try (PreparedStatement lock = other.prepareStatement("select pg_advisory_lock(?)")) {
                lock.setLong(1, AdvisoryLock.EXPORT);
                lock.execute();
            }
            assertEquals(ExportResult.Status.SKIPPED_LOCKED, exports.export(Optional.empty()).status());
            try (PreparedStatement unlock = other.prepareStatement("select pg_advisory_unlock(?)")) {
                unlock.setLong(1, AdvisoryLock.EXPORT);
                unlock.execute();
            }
        }
        assertEquals(ExportResult.Status.PUBLISHED, exports.export(Optional.empty()).status());
    }

    private String exportedXml() throws IOException {
        ExportResult result = exports.export(Optional.empty());
        assertEquals(ExportResult.Status.PUBLISHED, result.status(), result.summary());
        byte[] gz = given().when().get("/rdex/journeys.xml.gz").then().statusCode(200).extract().asByteArray();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
