package org.rdex.server.rdex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rdex.server.model.DayWindow;
import org.rdex.server.model.SharedJourney;

class RdexReaderUnitTest {

    static final String JOURNEY = "<journey><operator>o</operator><site>s</site><uuid>u1</uuid>"
            + "<from><location>A</location><coords>1,2</coords></from><to><location>B</location><coords>3,4</coords></to>"
            + "<url>http://x.org/1</url><name>n</name><driver>1</driver><activefrom>2025-01-01</activefrom>"
            + "<activeto>2025-01-02</activeto><punctual><date>2025-01-01</date><minitime>08:00</minitime>"
            + "<maxitime>08:30</maxitime></punctual></journey>";

    /** Results and summary of one read. */
    record Read(List<RdexReadResult> results, RdexReader.Summary summary) {
        List<SharedJourney> accepted() {
            return results.stream().filter(r -> r instanceof RdexReadResult.Accepted)
                    .map(r -> ((RdexReadResult.Accepted) r).journey()).toList();
        }

        List<RdexReadResult.Rejected> rejected() {
            return results.stream().filter(r -> r instanceof RdexReadResult.Rejected)
                    .map(r -> (RdexReadResult.Rejected) r).toList();
        }
    }

    static Read read(InputStream in, RdexReader.Options options) throws IOException {
        List<RdexReadResult> results = new ArrayList<>();
        RdexReader.Summary summary = new RdexReader(in, options).read(results::add);
        return new Read(results, summary);
    }

    static Read read(String xml) throws IOException {
        return read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), RdexReader.Options.defaults());
    }

    static String doc(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><document><title>t</title>" + body + "</document>";
    }

    @Test
    void reads_the_specification_example_leniently() throws IOException {
        Read r;
        try (InputStream in = getClass().getResourceAsStream("/rdex/spec-example.xml")) {
            r = read(in, RdexReader.Options.defaults());
        }
        assertEquals("Ecolutis - Carpooling journeys", r.summary().title());
        assertEquals(List.of(), r.rejected());
        assertEquals(2, r.accepted().size());

        SharedJourney a = r.accepted().get(0);
        assertEquals("ecolutis", a.operator());
        assertEquals("easycovoiturage.com", a.site());
        assertEquals("6c0868c0cb8a7682768c7b9912b89b105df1c389", a.uuid());
        assertEquals(new SharedJourney.Place("marseille", "13216", "13007", "6 impasse de la girelle", 43.2850, 5.3507,
                "france"), a.from());
        assertEquals(48.8632, a.to().lat());
        assertEquals(new BigDecimal("776"), a.distanceKm());
        assertEquals(418, a.minutes());
        String[] points = a.route().split(";");
        assertEquals(28, points.length);
        assertEquals("43.3012700,5.3750600", points[4], "point split across lines is rejoined");
        assertEquals("43.5533300,5.2316500", points[9]);
        assertEquals("http://easycovoiturage.com/trajets-de-covoiturage.php?id=256900", a.url());
        assertEquals("baptiste", a.pseudonym());
        assertEquals("http://www.gravatar.com/avatar/ae5022a2a95c707f2308c7d2a2aa5d72.jpg?s=60", a.image());
        assertEquals(new BigDecimal("123"), a.price());
        assertTrue(a.driver());
        assertTrue(a.passenger());
        assertEquals(3, a.seats());
        assertEquals(LocalDate.of(2011, 2, 1), a.activeFrom());
        assertEquals(LocalDate.of(2011, 2, 28), a.activeTo());
        assertEquals(new SharedJourney.Punctual(LocalDate.of(2011, 2, 28), LocalTime.of(8, 0), LocalTime.of(8, 0)),
                a.punctual());
        assertEquals("je fume", a.details());
        assertNull(a.regular());

        SharedJourney b = r.accepted().get(1);
        assertEquals("7d8c3989a660a730408826fb8a800ff19caa79be", b.uuid());
        assertEquals("25 rue de Jéricho", b.from().address());
        assertEquals(-1.1605, b.from().lon());
        assertEquals(new BigDecimal("35.5"), b.distanceKm());
        assertEquals(33, b.minutes());
        assertFalse(b.route().endsWith(";"));
        assertEquals(13, b.route().split(";").length);
        assertEquals("45.9585100,-0.9789100", b.route().split(";")[3]);
        assertFalse(b.driver());
        assertTrue(b.passenger());
        assertNull(b.seats());
        assertNull(b.details(), "empty details is no details");
        assertNull(b.punctual());
        assertEquals(5, b.regular().days().size());
        assertEquals(new DayWindow(LocalTime.of(8, 0), LocalTime.of(8, 0), LocalTime.of(16, 0),
                LocalTime.of(18, 0)), b.regular().days().get(DayOfWeek.FRIDAY));
        assertEquals(LocalTime.of(17, 30), b.regular().days().get(DayOfWeek.MONDAY).retMin());
    }

    @Test
    void keeps_valid_journeys_and_rejects_invalid_ones_with_reasons() throws IOException {
        String noUrl = JOURNEY.replace("<uuid>u1</uuid>", "<uuid>u2</uuid>").replace("<url>http://x.org/1</url>", "");
        String badCoords = JOURNEY.replace("<uuid>u1</uuid>", "<uuid>u3</uuid>").replace("<coords>1,2</coords>",
                "<coords>91,2</coords>");
        String backwards = JOURNEY.replace("<uuid>u1</uuid>", "<uuid>u4</uuid>").replace("2025-01-02", "2024-12-31");
        String nobody = JOURNEY.replace("<uuid>u1</uuid>", "<uuid>u5</uuid>").replace("<driver>1</driver>", "");
        String noUuid = JOURNEY.replace("<uuid>u1</uuid>", "");
        String badTime = JOURNEY.replace("<uuid>u1</uuid>", "<uuid>u7</uuid>").replace("08:30", "25:00");
        String noSchedule = JOURNEY.replace("<uuid>u1</uuid>", "<uuid>u8</uuid>").replaceAll("<punctual>.*</punctual>", "");
        String last = JOURNEY.replace("<uuid>u1</uuid>", "<uuid>u9</uuid>");
        Read r = read(doc(JOURNEY + noUrl + badCoords + backwards + nobody + noUuid + badTime + noSchedule + last));
        assertEquals(List.of("u1", "u9"), r.accepted().stream().map(SharedJourney::uuid).toList());
        List<RdexReadResult.Rejected> rej = r.rejected();
        assertEquals(Arrays.asList("u2", "u3", "u4", "u5", null, "u7", "u8"),
                rej.stream().map(RdexReadResult.Rejected::uuid).toList());
        assertTrue(rej.get(0).reason().contains("missing url"), rej.get(0).reason());
        assertTrue(rej.get(1).reason().contains("from/coords"), rej.get(1).reason());
        assertTrue(rej.get(2).reason().contains("before activefrom"), rej.get(2).reason());
        assertTrue(rej.get(3).reason().contains("neither driver nor passenger"), rej.get(3).reason());
        assertTrue(rej.get(4).reason().contains("missing uuid"), rej.get(4).reason());
        assertTrue(rej.get(5).reason().contains("bad time"), rej.get(5).reason());
        assertTrue(rej.get(6).reason().contains("neither punctual nor regular"), rej.get(6).reason());
        assertEquals(2, r.summary().accepted());
        assertEquals(7, r.summary().rejected());
    }

    @Test
    void accepts_common_variants_and_warns_once_per_unknown_element() throws IOException {
        String j = "<journey><uuid>v</uuid><name>n</name><url>www.example.org/t</url><site>s</site><operator>o</operator>"
                + "<to><coords> 3.5 , 4 </coords><location>B</location><postal_code>75001</postal_code></to>"
                + "<from><postalCode>13007</postalCode><location>A</location><coords>43,285,5,35</coords><foo>x</foo></from>"
                + "<vehicle><model>Clio</model><color>rouge</color></vehicle><passenger>yes</passenger><driver>false</driver>"
                + "<kilometers>35,5</kilometers><minutes>33</minutes><cost>5,20</cost><seats>x</seats><foo>y</foo><bar/>"
                + "<route>1.5,2.5 ;\n 3,4;junk;</route><activefrom>01/02/2025</activefrom><activeto>2025-03-01</activeto>"
                + "<regular><monday><depmintime>8:05</depmintime><retmaxitime>18:00:00</retmaxitime></monday>"
                + "<tuesday></tuesday></regular></journey>";
        Read r = read(doc(j + j.replace("<uuid>v</uuid>", "<uuid>w</uuid>")));
        assertEquals(List.of(), r.rejected());
        SharedJourney a = r.accepted().get(0);
        assertEquals("http://www.example.org/t", a.url());
        assertEquals("75001", a.to().postalCode());
        assertEquals("13007", a.from().postalCode());
        assertEquals(43.285, a.from().lat());
        assertEquals(5.35, a.from().lon());
        assertEquals(3.5, a.to().lat());
        assertEquals("Clio", a.vehicleModel());
        assertEquals("rouge", a.vehicleColour());
        assertFalse(a.driver());
        assertTrue(a.passenger());
        assertEquals(new BigDecimal("35.5"), a.distanceKm());
        assertEquals(new BigDecimal("5.20"), a.price());
        assertNull(a.seats());
        assertEquals("1.5,2.5;3,4", a.route());
        assertEquals(LocalDate.of(2025, 2, 1), a.activeFrom());
        assertEquals(new DayWindow(LocalTime.of(8, 5), LocalTime.of(8, 5), LocalTime.of(18, 0),
                LocalTime.of(18, 0)), a.regular().days().get(DayOfWeek.MONDAY));
        assertEquals(1, a.regular().days().size());
        List<String> warnings = r.summary().warnings();
        assertEquals(1, warnings.stream().filter(w -> w.contains("<foo>")).count(), warnings.toString());
        assertEquals(1, warnings.stream().filter(w -> w.contains("<bar>")).count(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("seats")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("route")), warnings.toString());
    }

    @Test
    void punctual_with_one_time_uses_it_for_both_bounds() throws IOException {
        Read r = read(doc(JOURNEY.replace("<maxitime>08:30</maxitime>", "")));
        assertEquals(LocalTime.of(8, 0), r.accepted().get(0).punctual().maxTime());
    }

    @Test
    void rejects_non_http_url() throws IOException {
        Read r = read(doc(JOURNEY.replace("http://x.org/1", "javascript:alert(1)")));
        assertTrue(r.rejected().get(0).reason().contains("url"));
    }

    @Test
    void rejects_external_entity_without_reading_the_file(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-42");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE document [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<document><title>&xxe;</title>" + JOURNEY.replace("<name>n</name>", "<name>&xxe;</name>") + "</document>";
        List<RdexReadResult> seen = new ArrayList<>();
        RdexFormatException e = assertThrows(RdexFormatException.class,
                () -> new RdexReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).read(seen::add));
        assertFalse(e.getMessage().contains("TOP-SECRET"));
        assertFalse(seen.toString().contains("TOP-SECRET"));
    }

    @Test
    void never_connects_to_external_dtd_or_parameter_entity_urls() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            String base = "http://127.0.0.1:" + server.socket().getLocalPort() + "/";
            String xml = "<?xml version=\"1.0\"?><!DOCTYPE document SYSTEM \"" + base + "rdex.dtd\" ["
                    + "<!ENTITY % remote SYSTEM \"" + base + "param\"> %remote;"
                    + "<!ENTITY ext SYSTEM \"" + base + "general\">]>" + doc(JOURNEY).substring(doc("").indexOf("<document>"));
            Read r = read(xml);
            assertEquals(1, r.accepted().size(), "the DTD is ignored, the file is read");
            String withEntity = xml.replace("<name>n</name>", "<name>&ext;</name>");
            assertThrows(RdexFormatException.class, () -> read(withEntity));
            // A connection attempt would have completed in the kernel backlog even without accept().
            int accepted = 0;
            while (server.accept() != null) {
                accepted++;
            }
            assertEquals(0, accepted);
        }
    }

    @Test
    void billion_laughs_fails_fast() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE document [<!ENTITY l0 \"ha\">");
        for (int i = 1; i < 12; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"");
            for (int k = 0; k < 10; k++) {
                dtd.append("&l").append(i - 1).append(';');
            }
            dtd.append("\">");
        }
        dtd.append("]>");
        String xml = "<?xml version=\"1.0\"?>" + dtd + "<document><title>&l11;</title>" + JOURNEY + "</document>";
        // The parser's expansion limit stops it long before 10^11 characters would be built.
        assertThrows(RdexFormatException.class, () -> read(xml));
    }

    @Test
    void gzip_bomb_is_stopped_at_the_cap() {
        long bombSize = 200L * 1024 * 1024;
        long[] produced = {0};
        InputStream zeros = new InputStream() {
            // Small empty elements: no single text or value limit of the parser stops them, only the cap.
            private final byte[] head = "<?xml version=\"1.0\"?><document>".getBytes(StandardCharsets.US_ASCII);
            private final byte[] body = "<x/>".getBytes(StandardCharsets.US_ASCII);

            @Override
            public int read() {
                if (produced[0] >= bombSize) {
                    return -1;
                }
                long i = produced[0]++;
                return i < head.length ? head[(int) i] : body[(int) ((i - head.length) % body.length)];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (produced[0] >= bombSize) {
                    return -1;
                }
                int n = (int) Math.min(len, bombSize - produced[0]);
                for (int k = 0; k < n; k++) {
                    b[off + k] = (byte) read();
                }
                return n;
            }
        };
        // gzip generated on the fly: header, then deflate; no trailer is needed if the cap works.
        byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        InputStream gzip = new SequenceInputStream(new ByteArrayInputStream(header),
                new DeflaterInputStream(zeros, new Deflater(Deflater.BEST_SPEED, true), 64 * 1024));
        RdexReader.Options capped = RdexReader.Options.defaults().withMaxDecompressedBytes(10L * 1024 * 1024);
        RdexFormatException e = assertThrows(RdexFormatException.class, () -> read(gzip, capped));
        assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
        // Buffers of compressed bytes run ahead of the cap, but nowhere near the whole bomb.
        assertTrue(produced[0] < bombSize / 4, "bomb consumed up to " + produced[0] + " bytes before stopping");
    }

    @Test
    void truncated_gzip_is_a_format_error() throws IOException {
        byte[] gz = gzip(doc(JOURNEY.repeat(200)));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        assertThrows(RdexFormatException.class, () -> read(new ByteArrayInputStream(cut), RdexReader.Options.defaults()));
    }

    @Test
    void truncated_or_malformed_xml_is_a_format_error() {
        String full = doc(JOURNEY + JOURNEY);
        assertThrows(RdexFormatException.class, () -> read(full.substring(0, full.length() - 30)));
        assertThrows(RdexFormatException.class, () -> read(doc("<journey><uuid>a</uuid></jorney>")));
        assertThrows(RdexFormatException.class, () -> read("<?xml version=\"1.0\"?><journeys/>"));
        assertThrows(RdexFormatException.class, () -> read(""));
    }

    @Test
    void reads_latin1_file_with_accented_names() throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><document><title>Trajets à Sète</title>"
                + JOURNEY.replace("<location>A</location>", "<location>Sète</location>")
                        .replace("<name>n</name>", "<name>Hélène</name>") + "</document>";
        Read r = read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.ISO_8859_1)), RdexReader.Options.defaults());
        assertEquals("Trajets à Sète", r.summary().title());
        assertEquals("Sète", r.accepted().get(0).from().location());
        assertEquals("Hélène", r.accepted().get(0).pseudonym());
    }

    @Test
    void reads_gzip_detected_by_magic_bytes() throws IOException {
        Read r = read(new ByteArrayInputStream(gzip(doc(JOURNEY))), RdexReader.Options.defaults());
        assertInstanceOf(RdexReadResult.Accepted.class, r.results().get(0));
    }

    @Test
    void rejects_journey_with_oversized_value_and_continues() throws IOException {
        String huge = JOURNEY.replace("<name>n</name>", "<name>" + "x".repeat(100) + "</name>");
        Read r = read(new ByteArrayInputStream(doc(huge + JOURNEY).getBytes(StandardCharsets.UTF_8)),
                new RdexReader.Options(1 << 20, 50));
        assertEquals(1, r.rejected().size());
        assertTrue(r.rejected().get(0).reason().contains("longer than 50"));
        assertEquals(1, r.accepted().size());
    }

    @Test
    void rejects_a_journey_with_a_value_beyond_its_field_limit_and_reads_on() throws IOException {
        String fat = "x".repeat(65_000);
        String fatJourney = JOURNEY.replace("<uuid>u1</uuid>", "<uuid>fat</uuid>")
                .replace("<operator>o</operator>", "<operator>" + fat + "</operator>")
                .replace("<location>A</location>", "<location>A</location><postalcode>" + fat + "</postalcode>")
                .replace("<name>n</name>", "<name>" + fat + "</name>");
        Read r = read(doc(fatJourney + JOURNEY));
        assertEquals(1, r.rejected().size());
        assertEquals("fat", r.rejected().get(0).uuid());
        assertEquals("operator longer than 253 characters; from/postalcode longer than 16 characters; "
                + "name longer than 200 characters", r.rejected().get(0).reason());
        assertEquals(List.of("u1"), r.accepted().stream().map(SharedJourney::uuid).toList());
    }

    @Test
    void a_journey_at_its_field_limits_is_accepted_and_one_character_more_is_not() throws IOException {
        StringBuilder route = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            route.append(i == 0 ? "" : ";").append("45.1,4.5");
        }
        String atLimits = JOURNEY.replace("<operator>o</operator>", "<operator>" + "o".repeat(253) + "</operator>")
                .replace("<site>s</site>", "<site>" + "s".repeat(253) + "</site>")
                .replace("<location>A</location>", "<location>" + "a".repeat(200) + "</location><postalcode>"
                        + "1".repeat(16) + "</postalcode>")
                .replace("<url>http://x.org/1</url>", "<url>http://x.org/" + "u".repeat(2048 - 15) + "</url>")
                .replace("</url>", "</url><route>" + route + "</route>");
        String overRoute = atLimits.replace("<uuid>u1</uuid>", "<uuid>u2</uuid>")
                .replace("<route>", "<route>1,2;");
        Read r = read(doc(atLimits + overRoute));
        assertEquals(List.of("u1"), r.accepted().stream().map(SharedJourney::uuid).toList());
        assertEquals(1000, r.accepted().get(0).route().split(";").length);
        assertEquals("route of 1001 points, more than 1000", r.rejected().get(0).reason());
    }

    @Test
    void seats_beyond_the_limit_are_dropped_with_a_warning() throws IOException {
        Read r = read(doc(JOURNEY.replace("<driver>1</driver>", "<driver>1</driver><seats>100</seats>")
                + JOURNEY.replace("<uuid>u1</uuid>", "<uuid>u2</uuid>").replace("<driver>1</driver>",
                        "<driver>1</driver><seats>99</seats>")));
        assertNull(r.accepted().get(0).seats());
        assertEquals(99, r.accepted().get(1).seats());
        assertTrue(r.summary().warnings().contains("unreadable <seats> values ignored"), r.summary().warnings().toString());
    }

    @Test
    void repeated_fields_and_blocks_reject_with_reasons_in_a_stable_order() throws IOException {
        String j = JOURNEY.replace("<uuid>u1</uuid>", "<uuid>u1</uuid><UUID>u2</UUID><details></details><details>x</details>")
                .replace("</to>", "</to><from><location>C</location><coords>9,9</coords><coords>bad</coords></from>")
                .replace("</punctual>", "</punctual><punctual><date>31/02/2025</date><mintime>8h</mintime></punctual>"
                        + "<regular><monday><depmintime>8:00</depmintime></monday><monday><retmaxitime>25:00</retmaxitime>"
                        + "<foo/></monday><regular/></regular>")
                .replace("<driver>1</driver>", "<driver/><passenger>maybe</passenger><seats>-2</seats>");
        Read r = read(doc(j));
        assertEquals(List.of(new RdexReadResult.Rejected("u1", "element <uuid> repeated in <journey>; "
                + "element <details> repeated in <journey>; element <from> repeated in <journey>; "
                + "element <coords> repeated in <from>; element <punctual> repeated in <journey>; "
                + "element <monday> repeated in <regular>; bad passenger 'maybe'; neither driver nor passenger is true; "
                + "bad date in punctual/date '31/02/2025'; bad time in punctual/minitime '8h'; "
                + "bad time in regular/monday/retmaxitime '25:00'; regular without any day with a time; "
                + "both punctual and regular")), r.results());
        assertEquals(List.of("unknown element <foo> in <monday> ignored", "unknown element <regular> in <regular> ignored"),
                r.summary().warnings());
    }

    @Test
    void matches_names_in_any_case_and_alias_including_outside_ascii() throws IOException {
        String j = JOURNEY.replace("<name>n</name>", "<NAME>n</NAME><\u212Ailometers>12,5</\u212Ailometers>"
                + "<Insee_Code>x</Insee_Code>")
                .replace("<location>A</location>", "<Location>A</Location><Postal_Code>13007</Postal_Code>"
                        + "<insee_code>13216</insee_code>")
                .replace("<minitime>08:00</minitime>", "<MinTime>08:00</MinTime>");
        Read r = read(doc(j));
        SharedJourney a = r.accepted().get(0);
        assertEquals("n", a.pseudonym());
        assertEquals(new BigDecimal("12.5"), a.distanceKm(), "KELVIN SIGN lower-cases to k, as before");
        assertEquals("13007", a.from().postalCode());
        assertEquals("13216", a.from().insee());
        assertEquals(LocalTime.of(8, 0), a.punctual().minTime());
        assertEquals(List.of("unknown element <Insee_Code> in <journey> ignored"), r.summary().warnings());
    }

    @Test
    void values_that_repeat_across_journeys_follow_each_journey() throws IOException {
        StringBuilder body = new StringBuilder();
        for (String op : List.of("a", "a", "b", " a ", "a", "")) {
            body.append(JOURNEY.replace("<operator>o</operator>", "<operator>" + op + "</operator>"));
        }
        Read r = read(doc(body.toString()));
        assertEquals(List.of("a", "a", "b", "a", "a"), r.accepted().stream().map(SharedJourney::operator).toList());
        assertEquals("missing operator", r.rejected().get(0).reason());
    }

    static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
