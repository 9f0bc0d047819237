package org.rdex.server.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import javax.sql.DataSource;

import org.rdex.server.partner.ImportReport;
import org.rdex.server.imports.ImportService;
import org.rdex.server.journey.JourneyBulkService;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.rdex.RdexDtd;
import org.rdex.server.rdex.RdexValidator;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

@QuarkusTest
@TestProfile(ExtendedExportTest.Extended.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class ExtendedExportTest {

    public static class Extended implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rdex.export.extensions", "true", "rdex.export.include-image", "true",
                    "rdex.export.dtd-base-url", "https://rdex.example/rdex");
        }
    }

    @Inject
    ExportService exports;
    @Inject
    JourneyBulkService bulk;
    @Inject
    ImportService imports;
    @Inject
    PartnerService partners;
    @Inject
    DataSource dataSource;

    @Test
    void extensions_are_written_and_the_file_declares_and_validates_against_our_extended_dtd() throws Exception {
        bulk.generate(200, 11);
        Path copy = Files.createTempFile("extended", ".xml.gz");
        ExportResult result = exports.export(Optional.of(copy));
        assertEquals(ExportResult.Status.PUBLISHED, result.status(), result.summary());

        RdexValidator.Result validation = new RdexValidator(RdexDtd.FULL).validate(copy);
        assertTrue(validation.isValid(), validation.problems().toString());
        assertFalse(new RdexValidator(RdexDtd.MINIMAL).validate(copy).isValid(),
                "the extensions are not in the specification's DTD");
        String xml;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(copy))) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(xml.contains("<!DOCTYPE document SYSTEM \"https://rdex.example/rdex/rdex-1.0.dtd\">"),
                xml.substring(0, 200));
        for (String extension : new String[] { "<kilometers>", "<minutes>", "<image>" }) {
            assertTrue(xml.contains(extension), extension);
        }
    }

    /**
     * Export, then import the exported file as a partner's: every journey comes back with the same values,
     * coordinates within the export's rounding (3 decimals) and route points rounded half-up to 3 decimals.
     */
    @Test
    void exported_journeys_import_back_with_the_same_values() throws Exception {
        bulk.generate(300, 21);
        Path copy = Files.createTempFile("roundtrip", ".xml.gz");
        ExportResult exported = exports.export(Optional.of(copy));
        assertEquals(ExportResult.Status.PUBLISHED, exported.status(), exported.summary());

        String name = "roundtrip-" + System.nanoTime();
        Partner partner = partners.add(new NewPartner(name, "roundtrip", null, List.of("roundtrip.example"), null, null));
        ImportReport report = imports.importPartner(name, Optional.of(copy), Optional.empty());
        assertEquals(ImportReport.Outcome.IMPORTED, report.outcome(), report.describe());
        assertEquals(exported.journeys(), report.accepted(), report.describe());

        List<String> columns = List.of("operator", "site", "from_location", "from_insee", "from_postalcode",
                "from_country", "to_location", "to_insee", "to_postalcode", "to_country", "distance_km", "duration_min",
                "driver", "passenger", "seats", "url", "pseudonym", "image_url", "vehicle_model", "vehicle_colour",
                "price", "details", "active_from", "active_to", "punctual", "punctual_date", "punctual_min",
                "punctual_max", "days_mask", "dep_lo", "dep_hi", "ret_lo", "ret_hi");
        List<String> checks = new ArrayList<>();
        for (String column : columns) {
            checks.add("case when p." + column + " is distinct from j." + column + " then '" + column + ": ' || coalesce(j."
                    + column + "::text, 'null') || ' became ' || coalesce(p." + column + "::text, 'null') end");
        }
        checks.add("case when p.from_address is not null or p.to_address is not null then 'address published' end");
        for (String coordinate : List.of("from_lat", "from_lon", "to_lat", "to_lon")) {
            checks.add("case when not abs(p." + coordinate + " - j." + coordinate + ") <= 0.0005000001 then '"
                    + coordinate + ": ' || j." + coordinate + " || ' became ' || coalesce(p." + coordinate
                    + "::text, 'null') end");
        }
        String sql = "select j.uuid, j.route, p.route, array_to_string(array[" + String.join(", ", checks) + "], '; ')"
                + " from journey j left join partner_journey p on p.uuid = j.uuid and p.partner_id = ?"
                + " where j.active_to >= current_date";
        int compared = 0;
        List<String> different = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, partner.id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    compared++;
                    String problems = rs.getString(4);
                    if (!java.util.Objects.equals(rounded(rs.getString(2)), rs.getString(3))) {
                        problems += "; route " + rs.getString(2) + " became " + rs.getString(3);
                    }
                    if (!problems.isEmpty()) {
                        different.add(rs.getString(1) + ": " + problems);
                    }
                }
            }
        }
        assertEquals(exported.journeys(), compared);
        assertEquals(List.of(), different);
    }

    private static String rounded(String route) {
        if (route == null || route.isBlank()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String point : route.split(";")) {
            String[] latLon = point.split(",");
            out.append(out.length() == 0 ? "" : ";").append(round(latLon[0])).append(',').append(round(latLon[1]));
        }
        return out.toString();
    }

    private static String round(String value) {
        return new BigDecimal(value.strip()).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
