package org.rdex.server.rdex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

import org.rdex.server.model.DayWindow;
import org.rdex.server.model.SharedJourney;
import org.rdex.server.support.TestJourneys;

class RdexWriterUnitTest {

    private static final Pattern EMPTY_PAIR = Pattern.compile("<(\\w+)></\\1>");
    private static final Pattern SELF_CLOSED = Pattern.compile("<\\w+/>");
    private static final Pattern WHITESPACE_BETWEEN = Pattern.compile(">\\s+<");

    static String write(RdexWriter.Options options, SharedJourney... journeys) throws IOException {
        return write(options, (uuid, reason) -> {
        }, journeys);
    }

    static String write(RdexWriter.Options options, RdexWriter.SkipListener skips, SharedJourney... journeys)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RdexWriter w = new RdexWriter(out, options, skips)) {
            w.start();
            for (SharedJourney j : journeys) {
                w.write(j);
            }
            w.finish();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static RdexWriter.Options extended() {
        return RdexWriter.Options.defaults().withExtensions(true);
    }

    static SharedJourney sample() {
        return new TestJourneys(1).next(0);
    }

    @Test
    void output_has_no_whitespace_between_elements_and_no_empty_element() throws IOException {
        TestJourneys gen = new TestJourneys(7);
        SharedJourney[] js = new SharedJourney[200];
        for (int i = 0; i < js.length; i++) {
            js[i] = gen.next(i);
        }
        String xml = write(extended().withIncludeAddress(true).withIncludeImage(true)
                .withDtdUrl("https://example.org/rdex-1.0.dtd"), js);
        assertFalse(EMPTY_PAIR.matcher(xml).find(), "empty element");
        assertFalse(SELF_CLOSED.matcher(xml).find(), "self-closed element");
        assertFalse(WHITESPACE_BETWEEN.matcher(xml).find(), "whitespace between elements");
        assertFalse(xml.contains("\n"), "single line");
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE document SYSTEM "
                + "\"https://example.org/rdex-1.0.dtd\"><document><title>RDEX journeys</title><journey>"));
        assertTrue(xml.endsWith("</journey></document>"));
    }

    @Test
    void escapes_markup_and_drops_characters_illegal_in_xml() throws IOException {
        SharedJourney j = withDetails(sample(), "a & b < c > d\u0001\uFFFE\uD800 e\u00e9\uD83D\uDE97");
        String xml = write(RdexWriter.Options.defaults(), j);
        assertTrue(xml.contains("<details>a &amp; b &lt; c > d e\u00e9\uD83D\uDE97</details>"), xml);
        assertTrue(xml.contains("<location>Ville &amp; co &lt;0></location>"), xml);
    }

    @Test
    void skips_value_made_only_of_illegal_characters() throws IOException {
        String xml = write(RdexWriter.Options.defaults(), withDetails(sample(), "\u0001\u0002 "));
        assertFalse(xml.contains("<details>"));
    }

    @Test
    void rounds_coordinates_and_every_route_point_and_drops_malformed_points() throws IOException {
        SharedJourney base = sample();
        SharedJourney.Place from = new SharedJourney.Place("A", null, null, null, 43.28555, -5.3507, null);
        SharedJourney j = copy(base, from, "43.2966667,5.3763889;bad;1,2,3;91,1; 43.0004999 , -0.0004 ;-0.0005,179.99951;");
        String xml = write(RdexWriter.Options.defaults(), j);
        assertTrue(xml.contains("<coords>43.286,-5.351</coords>"), xml);
        assertTrue(xml.contains("<route>43.297,5.376;43,0;-0.001,180</route>"), xml);
    }

    @Test
    void reads_route_numbers_in_exponent_notation_as_java_writes_small_doubles() throws IOException {
        SharedJourney j = copy(sample(), sample().from(), "43.1,5.0E-4;43.2,-7.5E-4;43.3,1.0E-9;1E999999999,2;1E-999999999,3");
        String xml = write(RdexWriter.Options.defaults(), j);
        assertTrue(xml.contains("<route>43.1,0.001;43.2,-0.001;43.3,0;0,3</route>"), xml);
    }

    @Test
    void omits_route_when_no_point_is_valid() throws IOException {
        String xml = write(RdexWriter.Options.defaults(), copy(sample(), sample().from(), "x,y;;"));
        assertFalse(xml.contains("<route>"), xml);
        assertFalse(EMPTY_PAIR.matcher(xml).find());
    }

    @Test
    void default_output_omits_extension_elements_and_is_valid_against_the_specifications_dtd() throws IOException {
        TestJourneys gen = new TestJourneys(5);
        SharedJourney[] js = new SharedJourney[100];
        for (int i = 0; i < js.length; i++) {
            js[i] = gen.next(i);
        }
        String xml = write(RdexWriter.Options.defaults().withIncludeImage(true), js);
        for (String tag : new String[] {"kilometers", "minutes", "image", "cost", "vehicle"}) {
            assertFalse(xml.contains("<" + tag + ">"), tag);
        }
        assertTrue(new RdexValidator(RdexDtd.MINIMAL).validate(
                new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).isValid());
        String extended = write(extended(), js);
        assertTrue(extended.contains("<kilometers>35.5</kilometers><minutes>33</minutes>"), extended);
        assertTrue(extended.contains("<vehicle><model>Clio</model></vehicle>"), extended);
    }

    @Test
    void privacy_options_default_to_leaving_out_address_and_image() throws IOException {
        String xml = write(RdexWriter.Options.defaults(), sample());
        assertFalse(xml.contains("<address>"));
        assertFalse(xml.contains("<image>"));
        String opted = write(extended().withIncludeAddress(true).withIncludeImage(true), sample());
        assertTrue(opted.contains("<address>6 impasse de la girelle</address>"));
        assertTrue(opted.contains("<image>https://img.example/0.jpg</image>"));
    }

    @Test
    void writes_formats_the_specification_expects() throws IOException {
        String xml = write(extended(), sample());
        assertTrue(xml.contains("<kilometers>35.5</kilometers>"), xml);
        assertTrue(xml.contains("<cost>5.2</cost>") || !xml.contains("<cost>"), xml);
        assertTrue(xml.contains("<driver>1</driver><passenger>0</passenger>"), xml);
        assertTrue(xml.matches(".*<punctual><date>\\d{4}-\\d{2}-\\d{2}</date><minitime>07:30</minitime>"
                + "<maxitime>08:15</maxitime></punctual>.*"), xml);
        assertTrue(xml.contains("<url>https://covoiturage36.fr/trajet?id=0&amp;x=1</url>"));
        assertTrue(xml.contains("<details>je fume&#10;parfois</details>"));
    }

    @Test
    void regular_skips_empty_days_and_pairs_lone_bounds() throws IOException {
        SharedJourney.Regular regular = new SharedJourney.Regular(Map.of(
                DayOfWeek.MONDAY, new DayWindow(LocalTime.of(8, 0), null, null, LocalTime.of(18, 5)),
                DayOfWeek.TUESDAY, new DayWindow(null, null, null, null)));
        String xml = write(RdexWriter.Options.defaults(), withSchedule(sample(), null, regular));
        assertTrue(xml.contains("<regular><monday><depminitime>08:00</depminitime><depmaxitime>08:00</depmaxitime>"
                + "<retminitime>18:05</retminitime><retmaxitime>18:05</retmaxitime></monday></regular>"), xml);
        assertFalse(xml.contains("tuesday"));
    }

    @Test
    void skips_journey_without_punctual_or_non_empty_regular_naming_uuid() throws IOException {
        SharedJourney.Regular empty = new SharedJourney.Regular(Map.of(DayOfWeek.MONDAY,
                new DayWindow(null, null, null, null)));
        List<String> skipped = new ArrayList<>();
        String xml = write(RdexWriter.Options.defaults(), (uuid, reason) -> skipped.add(uuid + ": " + reason),
                withSchedule(sample(), null, empty), withSchedule(sample(), null, null));
        assertEquals(2, skipped.size(), skipped.toString());
        assertTrue(skipped.get(0).startsWith("uuid-0: journey uuid-0: neither a punctual"), skipped.get(0));
        assertFalse(xml.contains("<journey>"), xml);
    }

    @Test
    void skipped_journey_leaves_no_partial_output() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RdexWriter w = new RdexWriter(out)) {
            w.start();
            w.write(sample());
            w.write(withSchedule(sample(), null, null));
            w.write(sample());
            w.finish();
            assertEquals(2, w.written());
            assertEquals(1, w.skipped());
        }
        String xml = out.toString(StandardCharsets.UTF_8);
        assertEquals(2, xml.split("<journey>", -1).length - 1);
        assertTrue(new RdexValidator(RdexDtd.MINIMAL).validate(
                new java.io.ByteArrayInputStream(out.toByteArray())).isValid());
    }

    @Test
    void several_threads_write_the_same_bytes_in_the_same_order_as_one() throws IOException {
        TestJourneys gen = new TestJourneys(9);
        SharedJourney[] js = new SharedJourney[1_000];
        for (int i = 0; i < js.length; i++) {
            js[i] = i % 97 == 5 ? withSchedule(gen.next(i), null, null) : gen.next(i);
        }
        List<String> skippedByOne = new ArrayList<>();
        List<String> skippedByThree = new ArrayList<>();
        String one = write(extended().withThreads(1), (uuid, reason) -> skippedByOne.add(uuid), js);
        String three = write(extended().withThreads(3), (uuid, reason) -> skippedByThree.add(uuid), js);
        assertEquals(one, three);
        assertEquals(11, skippedByOne.size());
        assertEquals(skippedByOne, skippedByThree);
        assertEquals(989, three.split("<journey>", -1).length - 1);
    }

    @Test
    void finish_flushes_without_closing_the_stream() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        try (RdexWriter w = new RdexWriter(out)) {
            w.start();
            w.finish();
        }
        assertFalse(closed[0]);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).endsWith("<title>RDEX journeys</title></document>"));
    }

    @Test
    void streams_to_the_output_while_writing_instead_of_buffering_the_file() throws IOException {
        long[] received = { 0 };
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                received[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                received[0] += len;
            }
        };
        RdexWriter w = new RdexWriter(counting);
        w.start();
        TestJourneys gen = new TestJourneys(4);
        long bufferedAtMost = 0;
        for (int i = 0; i < 5_000; i++) {
            w.write(gen.next(i));
        }
        long before = received[0];
        w.finish();
        bufferedAtMost = received[0] - before;
        assertTrue(before > 0, "nothing reached the stream before finish()");
        assertTrue(bufferedAtMost < 1024 * 1024, "held back " + bufferedAtMost + " bytes until finish()");
    }

    static SharedJourney withDetails(SharedJourney j, String details) {
        return j.toBuilder().details(details).build();
    }

    static SharedJourney copy(SharedJourney j, SharedJourney.Place from, String route) {
        return j.toBuilder().from(from).route(route).build();
    }

    static SharedJourney withSchedule(SharedJourney j, SharedJourney.Punctual p, SharedJourney.Regular r) {
        LocalDate from = j.activeFrom() != null ? j.activeFrom() : LocalDate.of(2025, 1, 1);
        return j.toBuilder().activeFrom(from).punctual(p).regular(r).build();
    }
}
