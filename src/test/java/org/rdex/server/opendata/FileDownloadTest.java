package org.rdex.server.opendata;

import org.rdex.server.export.ChunkFiles;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rdex.server.export.ExportResult;
import org.rdex.server.export.ExportService;
import org.rdex.server.journey.JourneyBulkService;
import org.rdex.server.support.PostgresResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Bulk download of partners' file with open data off: ranges, weak ETags, HEAD, digests; no open-data routes. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class FileDownloadTest {

    private static final String FILE = "/rdex/journeys.xml.gz";

    @Inject
    ExportService exports;
    @Inject
    JourneyBulkService bulk;
    @Inject
    AgroalDataSource dataSource;

    private byte[] exported() throws Exception {
        bulk.generate(60, 21);
        ExportResult result = exports.export(Optional.empty());
        assertEquals(ExportResult.Status.PUBLISHED, result.status(), result.summary());
        return given().when().get(FILE).then().statusCode(200).header("Accept-Ranges", is("bytes"))
                .extract().asByteArray();
    }

    @Test
    void a_broken_download_resumes_with_a_range() throws Exception {
        byte[] whole = exported();
        int cut = whole.length / 3;
        Response rest = given().header("Range", "bytes=" + cut + "-").when().get(FILE);
        rest.then().statusCode(206)
                .header("Content-Range", is("bytes " + cut + "-" + (whole.length - 1) + "/" + whole.length))
                .header("Content-Length", is(Integer.toString(whole.length - cut)));
        ByteArrayOutputStream resumed = new ByteArrayOutputStream();
        resumed.write(whole, 0, cut);
        resumed.write(rest.asByteArray());
        assertArrayEquals(whole, resumed.toByteArray());

        byte[] middle = given().header("Range", "bytes=10-19").when().get(FILE).then().statusCode(206)
                .extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(whole, 10, 20), middle);
        byte[] tail = given().header("Range", "bytes=-7").when().get(FILE).then().statusCode(206)
                .extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(whole, whole.length - 7, whole.length), tail);
        given().header("Range", "bytes=" + whole.length + "-").when().get(FILE).then().statusCode(416)
                .header("Content-Range", is("bytes */" + whole.length));
    }

    @Test
    void a_range_for_an_older_file_gets_the_whole_new_one() throws Exception {
        byte[] whole = exported();
        given().header("Range", "bytes=0-9").header("If-Range", "\"0000\"").when().get(FILE).then().statusCode(200)
                .header("Content-Length", is(Integer.toString(whole.length)));
        String etag = given().when().head(FILE).then().extract().header("ETag");
        given().header("Range", "bytes=0-9").header("If-Range", etag).when().get(FILE).then().statusCode(206);
    }

    @Test
    void weak_etags_match_in_if_none_match() throws Exception {
        exported();
        String etag = given().when().head(FILE).then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", "W/" + etag).when().get(FILE).then().statusCode(304).header("ETag", is(etag));
        given().header("If-None-Match", "\"other\", W/" + etag).when().get(FILE).then().statusCode(304);
        given().header("If-None-Match", "W/\"other\"").when().get(FILE).then().statusCode(200);
    }

    @Test
    void head_answers_the_headers_of_get_and_digests_name_the_file() throws Exception {
        byte[] whole = exported();
        Response get = given().when().get(FILE);
        Response head = given().when().head(FILE);
        head.then().statusCode(200).body(is(emptyString()));
        for (String header : new String[] {"ETag", "Last-Modified", "Cache-Control", "Accept-Ranges", "Repr-Digest",
            "Digest", "Content-Length", "Content-Type", "Content-Disposition"}) {
            assertEquals(get.header(header), head.header(header), header);
        }
        String base64 = OpenDataTest.base64Sha256(whole);
        assertEquals("sha-256=:" + base64 + ":", get.header("Repr-Digest"));
        assertEquals("SHA-256=" + base64, get.header("Digest"));
        assertEquals("\"" + OpenDataTest.sha256(whole) + "\"", get.header("ETag"));
        assertEquals("public, no-transform, max-age=300", get.header("Cache-Control"));
    }

    @Test
    void open_data_routes_and_licence_stay_off_by_default() throws Exception {
        exported();
        given().when().get(FILE).then().statusCode(200).header("Link", nullValue());
        given().when().get("/rdex/manifest.json").then().statusCode(404);
        given().when().get("/rdex/catalog.jsonld").then().statusCode(404);
        given().when().get("/rdex/opendata/journeys.xml.gz").then().statusCode(404);
    }

    @Test
    void reads_any_range_of_a_file_stored_in_small_chunks() throws Exception {
        byte[] data = new byte[1000];
        new Random(5).nextBytes(data);
        long runId;
        // A run row made by hand: the test reads chunks of a size (64 bytes) no export writes.
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into export_run (status) values ('FAILED') returning id");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                runId = rs.getLong(1);
            }
            try (PreparedStatement ps = c.prepareStatement("insert into opendata_file (run_id, rotated, sha256, bytes,"
                    + " journeys) values (?, true, 'x', 1000, 0)")) {
                ps.setLong(1, runId);
                ps.executeUpdate();
            }
            ChunkFiles.write(c, ChunkFiles.Table.OPENDATA, runId, 64, new ByteArrayInputStream(data));
        }
        try {
            for (int[] r : new int[][] {{0, 1000}, {0, 1}, {63, 2}, {64, 64}, {100, 500}, {999, 1}, {130, 870}}) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ChunkFiles.copy(dataSource, ChunkFiles.Table.OPENDATA, runId, r[0], r[1], out);
                assertArrayEquals(Arrays.copyOfRange(data, r[0], r[0] + r[1]), out.toByteArray(), r[0] + "+" + r[1]);
            }
        } finally {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("delete from export_run where id = ?")) {
                ps.setLong(1, runId);
                ps.executeUpdate();
            }
        }
    }
}
