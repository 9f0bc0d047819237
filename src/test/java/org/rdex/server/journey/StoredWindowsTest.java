package org.rdex.server.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.rdex.server.partner.ImportReport;
import org.rdex.server.imports.ImportService;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.support.ServerTestBase;
import org.rdex.server.support.TestJourneys;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * The search windows and their envelopes (V23) as each writer stores them: the platform API (Hibernate), the bulk load (CSV
 * COPY) and a partner import (binary COPY) must give the same arrays as Schedule.windows.
 */
@QuarkusTest
class StoredWindowsTest extends ServerTestBase {

    /** TestJourneys.regularJson: Monday 08:00-08:15 back 17:30-18:00, Friday 08:00-08:15. */
    private static final String REGULAR = "{480,NULL,NULL,NULL,480,NULL,NULL}|{495,NULL,NULL,NULL,495,NULL,NULL}"
            + "|{1050,NULL,NULL,NULL,NULL,NULL,NULL}|{1080,NULL,NULL,NULL,NULL,NULL,NULL}|480|495|1050|1080";
    private static final LocalDate DATE = LocalDate.of(2099, 4, 1);

    @Inject
    JourneyBulkService bulk;
    @Inject
    ImportService imports;
    @Inject
    PartnerService partners;

    /** TestJourneys.punctualJson: 08:00-08:30 on its date's weekday only, no return. */
    private static String punctual(LocalDate date) {
        int day = date.getDayOfWeek().getValue();
        StringBuilder lo = new StringBuilder("{");
        StringBuilder hi = new StringBuilder("{");
        for (int d = 1; d <= 7; d++) {
            lo.append(d == 1 ? "" : ",").append(d == day ? "480" : "NULL");
            hi.append(d == 1 ? "" : ",").append(d == day ? "510" : "NULL");
        }
        return lo + "}|" + hi + "}|||480|510||";
    }

    @Test
    void the_platform_api_stores_the_windows_and_replaces_them_on_update() throws Exception {
        put("windows-api", TestJourneys.regularJson());
        assertEquals(List.of(REGULAR), windows("journey", "external_id", "windows-api"));
        put("windows-api", TestJourneys.punctualJson(DATE.toString()));
        assertEquals(List.of(punctual(DATE)), windows("journey", "external_id", "windows-api"));
    }

    @Test
    void the_bulk_load_stores_the_windows() throws Exception {
        Path file = Files.createTempFile("windows", ".jsonl");
        Files.writeString(file, line("windows-bulk-1", TestJourneys.regularJson()) + "\n"
                + line("windows-bulk-2", TestJourneys.punctualJson(DATE.toString())) + "\n");
        assertEquals(2, bulk.load(file).loaded());
        assertEquals(List.of(REGULAR), windows("journey", "external_id", "windows-bulk-1"));
        assertEquals(List.of(punctual(DATE)), windows("journey", "external_id", "windows-bulk-2"));
    }

    @Test
    void a_partner_import_stores_the_windows() throws Exception {
        LocalDate to = LocalDate.now().plusDays(30);
        String file = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><document><title>t</title>"
                + journey("windows-regular", "<regular><monday><depmintime>08:00</depmintime><depmaxtime>08:15"
                        + "</depmaxtime><retmintime>17:30</retmintime><retmaxtime>18:00</retmaxtime></monday>"
                        + "<friday><depmintime>08:00</depmintime><depmaxtime>08:15</depmaxtime></friday></regular>", to)
                + journey("windows-punctual", "<punctual><date>" + to + "</date><mintime>08:00</mintime>"
                        + "<maxtime>08:30</maxtime></punctual>", to)
                + "</document>";
        Path path = Files.createTempFile("windows-partner", ".xml");
        Files.writeString(path, file, StandardCharsets.UTF_8);
        partners.add(new NewPartner("windows-partner", "windowsco", null, List.of("windows.example"), null, null));
        ImportReport report = imports.importPartner("windows-partner", Optional.of(path), Optional.empty());
        assertEquals(2, report.accepted(), report.describe());
        assertEquals(List.of(REGULAR), windows("partner_journey", "uuid", "windows-regular"));
        assertEquals(List.of(punctual(to)), windows("partner_journey", "uuid", "windows-punctual"));
        // The arrays hold this schedule whole, so no JSON copy of it is stored (the search rebuilds it).
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select schedule is null from partner_journey where uuid = 'windows-regular'");
                ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertTrue(rs.getBoolean(1));
        }
    }

    private static void put(String id, String json) {
        platform().contentType(ContentType.JSON).body(json)
                .when().put("/api/v1/journeys/" + id).then().statusCode(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
    }

    private static String line(String id, String json) {
        return "{\"id\": \"" + id + "\", " + json.strip().substring(1).replace("\n", " ");
    }

    private static String journey(String uuid, String schedule, LocalDate to) {
        return "<journey><operator>windowsco</operator><site>windows.example</site><uuid>" + uuid + "</uuid>"
                + "<from><location>A</location><coords>-40,-100</coords></from>"
                + "<to><location>B</location><coords>-40.5,-100</coords></to>"
                + "<url>https://windows.example/" + uuid + "</url><name>eve</name><driver>1</driver>"
                + "<activefrom>" + LocalDate.now() + "</activefrom><activeto>" + to + "</activeto>" + schedule
                + "</journey>";
    }

    /** Read from the table: these tests check the window columns the database stores and indexes. */
    private List<String> windows(String table, String key, String value) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select concat_ws('|', coalesce(dep_lo::text, ''), coalesce(dep_hi::text, ''),"
                        + " coalesce(ret_lo::text, ''), coalesce(ret_hi::text, ''), coalesce(dep_lo_min::text, ''),"
                        + " coalesce(dep_hi_max::text, ''), coalesce(ret_lo_min::text, ''),"
                        + " coalesce(ret_hi_max::text, '')) from " + table + " where " + key
                        + " = ?")) {
            ps.setString(1, value);
            List<String> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
