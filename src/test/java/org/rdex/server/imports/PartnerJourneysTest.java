package org.rdex.server.imports;

import org.rdex.server.partner.ImportReport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdex.server.model.DayWindow;
import org.rdex.server.model.SharedJourney;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.rdex.RdexReader;
import org.rdex.server.rdex.RdexWriter;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** What an import stores, field by field (binary COPY), and the life of a partner's partition. */
@QuarkusTest
@TestProfile(ImportTestProfile.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class PartnerJourneysTest {

    private static final LocalDate FROM = LocalDate.now().minusDays(2);
    private static final LocalDate TO = LocalDate.now().plusDays(40);

    @Inject
    ImportService imports;
    @Inject
    PartnerService partners;
    @Inject
    DataSource dataSource;
    @Inject
    JourneyStore store;
    @Inject
    PartnerPartitions partnerJourneys;

    @TempDir
    Path dir;

    @Test
    void stores_every_field_as_the_file_gives_it() throws Exception {
        Partner p = partner();
        SharedJourney punctual = SharedJourney.builder().operator("partnerco").site("partner.example").uuid("full-1")
                .from(new SharedJourney.Place("Bègles \"centre\"", "33039", "33130", null, 44.808, -0.548, "France"))
                .to(new SharedJourney.Place("Arcachon\tplage", "33009", "33120", null, -12.5, 179.999, "France"))
                .kilometers(new BigDecimal("12345.6")).minutes(95).route("44.808,-0.548;44.700,-0.900")
                .url("https://partner.example/j/1").name("zoé").cost(new BigDecimal("12.50")).vehicleModel("Clio")
                .vehicleColour("rouge").driver(true).seats(3).activeFrom(FROM).activeTo(TO)
                .details("Détails\nsur deux lignes")
                .punctual(new SharedJourney.Punctual(TO, LocalTime.of(8, 5), LocalTime.of(8, 35))).build();
        SharedJourney regular = SharedJourney.builder().operator("partnerco").site("partner.example").uuid("full-2")
                .from(new SharedJourney.Place("A", null, null, null, 0.0005, 0, null))
                .to(new SharedJourney.Place("B", null, null, null, 45, 5, null))
                .kilometers(new BigDecimal("0.5")).url("https://partner.example/j/2").name("max")
                .cost(new BigDecimal("0")).passenger(true).activeFrom(FROM).activeTo(TO)
                .regular(new SharedJourney.Regular(Map.of(DayOfWeek.MONDAY,
                        new DayWindow(LocalTime.of(7, 0), LocalTime.of(7, 30), LocalTime.of(17, 0), null),
                        DayOfWeek.FRIDAY, new DayWindow(LocalTime.of(9, 15), null, null, null)))).build();

        ImportReport report = importFile(p, punctual, regular);

        assertEquals(ImportReport.Outcome.IMPORTED, report.outcome(), report.describe());
        assertEquals(List.of(
                "full-1|partnerco|partner.example|Bègles \"centre\"|33039|33130|44.808|-0.548|France|Arcachon\tplage"
                        + "|-12.5|179.999|44.808,-0.548;44.7,-0.9|12345.6|95|true|false|3|https://partner.example/j/1|zoé|Clio"
                        + "|rouge|12.50|Détails\nsur deux lignes|" + FROM + "|" + TO + "|true|" + TO + "|08:05:00|08:35:00"
                        + "||" + (1 << (TO.getDayOfWeek().getValue() - 1)),
                "full-2|partnerco|partner.example|A|||0.001|0||B|45|5||0.5||false|true||https://partner.example/j/2|max"
                        // No schedule text: the file gives each window both ends (the reader fills in a
                        // missing one) in whole minutes, which the window arrays hold (Schedule.derivable).
                        + "|||0.00||" + FROM + "|" + TO + "|false|||||17"),
                rows(p, "uuid, operator, site, from_location, from_insee, from_postalcode, from_lat, from_lon,"
                        + " from_country, to_location, to_lat, to_lon, route, distance_km, duration_min, driver,"
                        + " passenger, seats, url, pseudonym, vehicle_model, vehicle_colour, price, details,"
                        + " active_from, active_to, punctual, punctual_date, punctual_min, punctual_max,"
                        + " schedule, days_mask"));
        // The grid cells the search index reads: those V12's generated columns compute for own journeys.
        String v12 = "floor((%1$s_lat + 90) * 10)::integer * 3601 + floor((%1$s_lon + 180) * 10)::integer = %1$s_cell";
        assertEquals(List.of("true|true", "true|true"),
                rows(p, String.format(v12, "from") + ", " + String.format(v12, "to")));
        assertEquals(List.of((int) Math.floor((44.808 + 90) * 10) * 3601 + (int) Math.floor((-0.548 + 180) * 10) + "|"
                + ((int) Math.floor((-12.5 + 90) * 10) * 3601 + (int) Math.floor((179.999 + 180) * 10)),
                900 * 3601 + 1800 + "|" + (1350 * 3601 + 1850)), rows(p, "from_cell, to_cell"));
    }

    @Test
    void a_new_import_replaces_the_partition_and_removing_the_partner_drops_it() throws Exception {
        Partner p = partner();
        importFile(p, journey("old-1"), journey("old-2"));
        importFile(p, journey("new-1"));
        assertEquals(List.of("new-1"), rows(p, "uuid"));
        assertEquals(1, count("select count(*) from searchable_journey where partner_id = ?", p.id));
        assertFalse(tableExists("partner_journey_" + p.id + "_load"), "no load table is left behind");

        assertTrue(partners.remove(p.name));
        assertFalse(tableExists("partner_journey_" + p.id));
        assertEquals(0, count("select count(*) from searchable_journey where partner_id = ?", p.id));
    }

    @Test
    void journeys_of_another_operator_are_kept_with_one_warning_per_operator() throws Exception {
        Partner p = partner();
        ImportReport report = importFile(p, journey("op-1", "otherco"), journey("op-2", "otherco"),
                journey("op-3", "partnerco"), journey("op-4", "thirdco"), journey("op-5", "otherco"));
        assertEquals(5, report.accepted());
        assertEquals(List.of("operator 'otherco' differs from the partner's (partnerco)",
                "operator 'thirdco' differs from the partner's (partnerco)"), report.warnings());
    }

    @Test
    void an_error_in_the_parser_cancels_the_copy_releases_the_lock_and_the_next_import_works() throws Exception {
        Partner p = partner();
        importFile(p, journey("kept-1"));
        SharedJourney[] many = new SharedJourney[3000];
        for (int i = 0; i < many.length; i++) {
            many[i] = journey("many-" + i);
        }
        byte[] xml = Files.readAllBytes(write(many));
        // Thrown on the parser thread after some batches went into the COPY, as an exhausted heap would.
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(xml)) {
            private int served;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (served > xml.length / 2) {
                    throw new OutOfMemoryError("simulated");
                }
                int n = super.read(b, off, Math.min(len, 8192));
                served += Math.max(n, 0);
                return n;
            }
        };
        assertThrows(OutOfMemoryError.class, () -> store.replace(p.id, p.operator, failing,
                RdexReader.Options.defaults(), LocalDate.now(), 10));
        assertEquals(List.of("kept-1"), rows(p, "uuid"));
        assertTrue(lockIsFree(p.id), "the partner's lock is released");
        assertFalse(tableExists("partner_journey_" + p.id + "_load"), "the load is rolled back");
        importFile(p, journey("new-1"));
        assertEquals(List.of("new-1"), rows(p, "uuid"));
    }

    @Test
    void an_error_in_a_loader_rolls_back_and_releases_the_lock() throws Exception {
        Partner p = partner();
        importFile(p, journey("kept-1"));
        StackOverflowError e = assertThrows(StackOverflowError.class, () -> partnerJourneys.replace(p.id,
                (c, table) -> {
                    try (var st = c.createStatement()) {
                        st.execute("insert into " + table + " select * from partner_journey_" + p.id);
                    }
                    throw new StackOverflowError("simulated");
                }));
        assertEquals("simulated", e.getMessage());
        assertEquals(List.of("kept-1"), rows(p, "uuid"));
        assertTrue(lockIsFree(p.id), "the partner's lock is released");
        importFile(p, journey("new-1"));
        assertEquals(List.of("new-1"), rows(p, "uuid"));
    }

    /** Whether another session can take the partner's import lock now. */
    private boolean lockIsFree(long partnerId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, PartnerPartitions.LOCK_NAMESPACE);
            ps.setInt(2, (int) partnerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                boolean free = rs.getBoolean(1);
                if (free) {
                    try (PreparedStatement unlock = c.prepareStatement("select pg_advisory_unlock(?, ?)")) {
                        unlock.setInt(1, PartnerPartitions.LOCK_NAMESPACE);
                        unlock.setInt(2, (int) partnerId);
                        unlock.execute();
                    }
                }
                return free;
            }
        }
    }

    private static SharedJourney journey(String uuid) {
        return journey(uuid, "partnerco");
    }

    private static SharedJourney journey(String uuid, String operator) {
        return SharedJourney.builder().operator(operator).site("partner.example").uuid(uuid)
                .from(new SharedJourney.Place("A", null, null, null, 44.8, -0.5, null))
                .to(new SharedJourney.Place("B", null, null, null, 44.6, -1.1, null))
                .url("https://partner.example/j/" + uuid).name("bob").driver(true).activeFrom(FROM).activeTo(TO)
                .punctual(new SharedJourney.Punctual(TO, LocalTime.NOON, null)).build();
    }

    private static int counter;

    private Partner partner() {
        return partners.add(new NewPartner("pj-" + System.nanoTime() + "-" + (++counter), "partnerco", null,
                List.of("partner.example"), null, null));
    }

    private Path write(SharedJourney... journeys) throws IOException {
        Path file = Files.createTempFile(dir, "feed", ".xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            RdexWriter writer = new RdexWriter(out, RdexWriter.Options.defaults().withExtensions(true));
            writer.start();
            for (SharedJourney j : journeys) {
                writer.write(j);
            }
            writer.finish();
        }
        return file;
    }

    private ImportReport importFile(Partner p, SharedJourney... journeys) throws IOException {
        Path file = write(journeys);
        ImportReport report = imports.importPartner(p.name, Optional.of(file), Optional.empty());
        assertEquals(ImportReport.Outcome.IMPORTED, report.outcome(), report.describe());
        return report;
    }

    private List<String> rows(Partner p, String columns) throws SQLException {
        // One string per row, '|' between values, '' for null (concat_ws alone would skip nulls).
        String values = java.util.Arrays.stream(columns.split(",\\s*")).map(col -> "coalesce((" + col + ")::text, '')")
                .collect(java.util.stream.Collectors.joining(", "));
        return StoredJourneys.values(dataSource, p.id, "concat_ws('|', " + values + ")");
    }

    private long count(String sql, long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private boolean tableExists(String name) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
