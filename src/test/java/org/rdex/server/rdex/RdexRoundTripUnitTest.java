package org.rdex.server.rdex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

import org.rdex.server.model.DayWindow;
import org.rdex.server.model.SharedJourney;
import org.rdex.server.support.TestJourneys;

class RdexRoundTripUnitTest {

    private static final int N = 500;
    private static final int DECIMALS = 4;

    private static List<SharedJourney> journeys() {
        TestJourneys gen = new TestJourneys(42);
        List<SharedJourney> list = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            list.add(gen.next(i));
        }
        return list;
    }

    private static byte[] writeGzip(List<SharedJourney> js, RdexWriter.Options options) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes); RdexWriter w = new RdexWriter(gz, options)) {
            w.start();
            for (SharedJourney j : js) {
                w.write(j);
            }
            w.finish();
            assertEquals(js.size(), w.written());
        }
        return bytes.toByteArray();
    }

    @Test
    void written_journeys_validate_and_read_back_with_the_same_values() throws IOException {
        List<SharedJourney> js = journeys();
        RdexWriter.Options options = RdexWriter.Options.defaults().withExtensions(true).withThreads(2)
                .withCoordinateDecimals(DECIMALS).withIncludeAddress(true).withIncludeImage(true).withDtdUrl("https://rdex.example/rdex-1.0.dtd")
                .withTitle("Round trip");
        byte[] gz = writeGzip(js, options);

        assertEquals(List.of(), new RdexValidator(RdexDtd.FULL).validate(new ByteArrayInputStream(gz)).problems());

        List<RdexReadResult> results = new ArrayList<>();
        RdexReader.Summary summary = new RdexReader(new ByteArrayInputStream(gz)).read(results::add);
        assertEquals("Round trip", summary.title());
        assertEquals(List.of(), summary.warnings());
        assertEquals(N, results.size());
        for (int i = 0; i < N; i++) {
            SharedJourney expected = js.get(i);
            SharedJourney actual = ((RdexReadResult.Accepted) results.get(i)).journey();
            assertSame(expected, actual, true);
        }
    }

    @Test
    void default_output_validates_against_the_specifications_dtd_and_reads_back() throws IOException {
        List<SharedJourney> js = journeys();
        byte[] gz = writeGzip(js, RdexWriter.Options.defaults().withCoordinateDecimals(DECIMALS));
        assertEquals(List.of(), new RdexValidator(RdexDtd.MINIMAL).validate(new ByteArrayInputStream(gz)).problems());
        assertEquals(List.of(), new RdexValidator(RdexDtd.FULL).validate(new ByteArrayInputStream(gz)).problems());
        List<RdexReadResult> results = new ArrayList<>();
        new RdexReader(new ByteArrayInputStream(gz)).read(results::add);
        for (int i = 0; i < N; i++) {
            SharedJourney actual = ((RdexReadResult.Accepted) results.get(i)).journey();
            assertSame(js.get(i), actual, false);
            assertNull(actual.distanceKm());
            assertNull(actual.vehicleModel());
        }
    }

    private static void assertSame(SharedJourney e, SharedJourney a, boolean full) {
        String id = e.uuid();
        assertEquals(e.uuid(), a.uuid());
        assertEquals(e.operator(), a.operator(), id);
        assertEquals(e.site(), a.site(), id);
        assertPlace(e.from(), a.from(), full, id);
        assertPlace(e.to(), a.to(), full, id);
        assertEquals(roundRoute(e.route()), a.route(), id);
        assertEquals(e.url(), a.url(), id);
        assertEquals(e.pseudonym(), a.pseudonym(), id);
        assertEquals(e.driver(), a.driver(), id);
        assertEquals(e.passenger(), a.passenger(), id);
        assertEquals(e.seats(), a.seats(), id);
        assertEquals(e.activeFrom(), a.activeFrom(), id);
        assertEquals(e.activeTo(), a.activeTo(), id);
        assertEquals(e.details(), a.details(), id);
        assertEquals(e.punctual(), a.punctual(), id);
        if (e.regular() != null) {
            // Lone bounds are written as min = max.
            e.regular().days().forEach((day, w) -> {
                DayWindow got = a.regular().days().get(day);
                assertEquals(w.depMin() != null ? w.depMin() : w.depMax(), got.depMin(), id);
                assertEquals(w.depMax() != null ? w.depMax() : w.depMin(), got.depMax(), id);
                assertEquals(w.retMin() != null ? w.retMin() : w.retMax(), got.retMin(), id);
                assertEquals(w.retMax() != null ? w.retMax() : w.retMin(), got.retMax(), id);
            });
            assertEquals(e.regular().days().keySet(), a.regular().days().keySet(), id);
        } else {
            assertNull(a.regular());
        }
        if (full) {
            assertEquals(strip(e.distanceKm()), strip(a.distanceKm()), id);
            assertEquals(e.minutes(), a.minutes(), id);
            assertEquals(strip(e.price()), strip(a.price()), id);
            assertEquals(e.image(), a.image(), id);
            assertEquals(e.vehicleModel(), a.vehicleModel(), id);
            assertEquals(e.vehicleColour(), a.vehicleColour(), id);
        }
    }

    private static void assertPlace(SharedJourney.Place e, SharedJourney.Place a, boolean withAddress, String id) {
        assertEquals(e.location(), a.location(), id);
        assertEquals(e.insee(), a.insee(), id);
        assertEquals(e.postalCode(), a.postalCode(), id);
        assertEquals(withAddress ? e.address() : null, a.address(), id);
        assertEquals(e.country(), a.country(), id);
        assertEquals(round(e.lat()), a.lat(), 1e-12, id);
        assertEquals(round(e.lon()), a.lon(), 1e-12, id);
    }

    private static double round(double v) {
        return Coordinates.scale(v, DECIMALS) / (double) Coordinates.pow10(DECIMALS);
    }

    private static String roundRoute(String route) {
        StringBuilder sb = new StringBuilder();
        for (String point : route.split(";")) {
            String[] ll = point.split(",");
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(new BigDecimal(ll[0]).setScale(DECIMALS, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                    .toPlainString());
            sb.append(',');
            sb.append(new BigDecimal(ll[1]).setScale(DECIMALS, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                    .toPlainString());
        }
        return sb.toString();
    }

    private static BigDecimal strip(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros();
    }
}
