package org.rdex.server.imports;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.rdex.server.partner.ImportReport;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.support.ServerTestBase;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Issue 20's major fault: one partner's fat file (450 journeys, every text value 65,000 characters) was accepted,
 * made searches answer 52 MB, ran the server out of memory and left backends holding locks that blocked every
 * later import. Now the file's journeys are rejected with reasons, a search answer is bounded in bytes, sessions
 * have limits, and readiness sees a backend holding a lock.
 */
@QuarkusTest
@TestProfile(FatFileTestProfile.class)
class FatPartnerFileTest extends ServerTestBase {

    private static final int FAT = 65_000;

    @Inject
    ImportService imports;
    @Inject
    PartnerService partners;

    private Partner partner(String name, String feedUrl) {
        return partners.add(new NewPartner(name + "-" + System.nanoTime(), "partnerco", feedUrl,
                List.of("partner.example"), null, null));
    }

    private ImportReport run(Partner p) {
        return imports.importPartner(p.name, Optional.empty(), Optional.empty());
    }

    /** The file, gzipped as it is built: 450 uncompressed fat journeys are about 350 MB. */
    private static byte[] gzipped(int journeys, java.util.function.IntFunction<String> journey) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 1 << 16)) {
            gz.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><document><title>t</title>"
                    .getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < journeys; i++) {
                gz.write(journey.apply(i).getBytes(StandardCharsets.UTF_8));
            }
            gz.write("</document>".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** A journey near Bordeaux whose values are {@code v} (location, codes, names) and {@code url}s. */
    private static String journey(String uuid, String operator, String site, String text, String code, String url,
            String details, String route) {
        return "<journey><operator>" + operator + "</operator><site>" + site + "</site><uuid>" + uuid + "</uuid>"
                + "<from><location>" + text + "</location><insee>" + code + "</insee><postalcode>" + code
                + "</postalcode><address>" + text + "</address><coords>44.8378,-0.5792</coords><country>" + text
                + "</country></from><to><location>" + text + "</location><postalcode>" + code + "</postalcode>"
                + "<coords>44.6586,-1.1689</coords></to><route>" + route + "</route><url>" + url + "</url><name>"
                + text + "</name><image>" + url + "</image><vehicle><model>" + text + "</model><colour>" + text
                + "</colour></vehicle><driver>1</driver><passenger>1</passenger><seats>3</seats><activefrom>"
                + java.time.LocalDate.now() + "</activefrom><activeto>" + Feeds.FUTURE + "</activeto><details>"
                + details + "</details><punctual><date>" + Feeds.FUTURE + "</date><minitime>08:00</minitime>"
                + "<maxitime>08:30</maxitime></punctual></journey>";
    }

    private static String fatJourney(int i) {
        String v = String.valueOf((char) ('a' + i % 26)).repeat(FAT);
        return journey("fat-" + i, v, v, v, v, "https://partner.example/" + v, v, "44.8,-0.5;44.7,-1.1");
    }

    /** Every value at its limit (model.FieldLimits). */
    private static String limitJourney(int i) {
        StringBuilder route = new StringBuilder();
        for (int p = 0; p < 1000; p++) {
            route.append(p == 0 ? "" : ";").append("44.8,-0.5");
        }
        String url = "https://partner.example/" + i + "/";
        url += "u".repeat(2048 - url.length());
        return journey("lim-" + i, "o".repeat(253), "s".repeat(253), "t".repeat(200), "1".repeat(16), url,
                "d".repeat(2000), route.toString());
    }

    private static Response search() {
        return platform().queryParam("fromLat", "44.8378").queryParam("fromLon", "-0.5792")
                .queryParam("date", Feeds.FUTURE).queryParam("size", "100").when().get("/api/v1/journeys/search");
    }

    /** Our backends other than {@code c}'s: state, wait event and query start, for the failure message. */
    private static List<String> otherBackends(Connection c, String condition) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select pid, state, wait_event, query from pg_stat_activity"
                        + " where datname = current_database() and usename = current_user"
                        + " and pid <> pg_backend_pid() and (" + condition + ")")) {
            while (rs.next()) {
                out.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        }
        return out;
    }

    @Test
    void a_fat_file_is_rejected_journey_by_journey_and_searches_near_journeys_at_the_limits_stay_bounded()
            throws Exception {
        try (FeedServer fatServer = FeedServer.http(); FeedServer limitServer = FeedServer.http()) {
            byte[] fat = gzipped(450, FatPartnerFileTest::fatJourney);
            fatServer.handler = ex -> FeedServer.send(ex, 200, fat);
            Partner fatPartner = partner("fat", fatServer.url("/rdex.xml.gz"));
            ImportReport fatReport = run(fatPartner);
            assertEquals(ImportReport.Outcome.IMPORTED, fatReport.outcome(), fatReport.describe());
            assertEquals(0, fatReport.accepted(), fatReport.describe());
            assertEquals(450, fatReport.rejected());
            assertTrue(fatReport.rejections().get(0).startsWith("fat-0: operator longer than 253 characters; site"
                    + " longer than 253 characters; from/location longer than 200 characters"),
                    fatReport.rejections().get(0));

            byte[] atLimits = gzipped(150, FatPartnerFileTest::limitJourney);
            limitServer.handler = ex -> FeedServer.send(ex, 200, atLimits);
            Partner limitPartner = partner("limits", limitServer.url("/rdex.xml.gz"));
            ImportReport limitReport = run(limitPartner);
            assertEquals(150, limitReport.accepted(), limitReport.describe());

            ExecutorService pool = Executors.newFixedThreadPool(10);
            try {
                List<Future<Response>> answers = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    answers.add(pool.submit((Callable<Response>) FatPartnerFileTest::search));
                }
                for (Future<Response> f : answers) {
                    Response r = f.get(2, TimeUnit.MINUTES);
                    assertEquals(200, r.statusCode(), r.asString());
                    int bytes = r.asByteArray().length;
                    assertTrue(bytes <= FatFileTestProfile.MAX_ANSWER_BYTES, bytes + " bytes");
                    int results = r.jsonPath().getList("results").size();
                    assertTrue(results > 0 && results < 100, results + " results");
                    assertTrue(r.jsonPath().getBoolean("hasMore"), "a page cut by the byte cap says there is more");
                }
            } finally {
                pool.shutdownNow();
            }

            try (Connection c = dataSource.getConnection()) {
                assertEquals(List.of(), otherBackends(c, "state like 'idle in transaction%'"
                        + " or wait_event = 'ClientWrite'"), "no search backend left behind");
            }

            // Every partner imports again: nothing holds a lock on partner_journey.
            byte[] fatAgain = gzipped(451, i -> i < 450 ? fatJourney(i) : Feeds.journey("thin-1"));
            fatServer.handler = ex -> FeedServer.send(ex, 200, fatAgain);
            ImportReport again = run(fatPartner);
            assertEquals(ImportReport.Outcome.IMPORTED, again.outcome(), again.describe());
            assertEquals(1, again.accepted());
            byte[] limitsAgain = gzipped(151, i -> i < 150 ? limitJourney(i) : Feeds.journey("thin-2"));
            limitServer.handler = ex -> FeedServer.send(ex, 200, limitsAgain);
            ImportReport limitsImport = run(limitPartner);
            assertEquals(ImportReport.Outcome.IMPORTED, limitsImport.outcome(), limitsImport.describe());
            assertEquals(151, limitsImport.accepted());
        }
    }

    @Test
    void every_pooled_session_has_the_configured_timeouts() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select current_setting('statement_timeout'),"
                    + " current_setting('idle_in_transaction_session_timeout')")) {
                rs.next();
                assertEquals("20s", rs.getString(1));
                assertEquals("2s", rs.getString(2));
            }
        }
    }

    @Test
    void a_session_left_idle_in_a_transaction_is_ended_and_its_lock_released() throws Exception {
        Connection idle = dataSource.getConnection();
        try {
            idle.setAutoCommit(false);
            try (Statement s = idle.createStatement()) {
                s.execute("select count(*) from partner_journey");
            }
            // Then nothing: as a request that died half-way would leave it.
            try (Connection c = dataSource.getConnection()) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(
                        () -> otherBackends(c, "state like 'idle in transaction%'").isEmpty());
            }
            assertThrows(SQLException.class, () -> {
                try (Statement s = idle.createStatement()) {
                    s.execute("select 1");
                }
            });
        } finally {
            try {
                idle.close();
            } catch (SQLException ignored) {
                // already ended by the server
            }
        }
    }

    @Test
    void readiness_is_down_while_a_backend_holds_a_lock_longer_than_allowed() throws Exception {
        management().when().get("/q/health/ready").then().statusCode(200);
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            ExecutorService one = Executors.newSingleThreadExecutor();
            try {
                Future<?> sleeping = one.submit(() -> {
                    try (Statement s = holder.createStatement()) {
                        s.execute("select count(*) from partner_journey");
                        s.execute("select pg_sleep(8)");
                    }
                    return null;
                });
                await().atMost(Duration.ofSeconds(7)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> management()
                        .when().get("/q/health/ready").then().statusCode(503)
                        .body("checks.findAll { it.name == 'rdex-database-sessions' }.status", hasItem("DOWN")));
                sleeping.get(20, TimeUnit.SECONDS);
                holder.rollback();
            } finally {
                one.shutdownNow();
            }
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> management()
                .when().get("/q/health/ready").then().statusCode(200));
    }
}
