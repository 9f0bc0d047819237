package org.rdex.server.rdex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The document read in chunks by several threads gives what one thread gives, in file order. */
class ChunkedReadUnitTest {

    private static final int JOURNEYS = 12_000;
    /** Deep in the file: more than two chunks of {@link ChunkedRead#CHUNK_CHARS} in. */
    private static final int DEEP = 10_000;

    private static String journey(int i) {
        String j = RdexReaderUnitTest.JOURNEY.replace("<uuid>u1</uuid>", "<uuid>j" + i + "</uuid>");
        if (i % 1000 == 7) {
            j = j.replace("<coords>1,2</coords>", "<coords>91,2</coords>");
        }
        if (i == DEEP) {
            j = j.replace("<url>http://x.org/1</url>", "<url>ftp://x.org/1</url><colour>red</colour>");
        }
        return j;
    }

    /** A journey a line, from line 4 on (the XML declaration, the root's start tag and the title before). */
    private static String document(String root, String end) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").append(root)
                .append("\n<title>T</title>");
        for (int i = 0; i < JOURNEYS; i++) {
            b.append('\n').append(journey(i));
        }
        return b.append('\n').append(end).append('\n').toString();
    }

    private static RdexReaderUnitTest.Read read(byte[] bytes, int threads) throws IOException {
        return RdexReaderUnitTest.read(new ByteArrayInputStream(bytes),
                RdexReader.Options.defaults().withParseThreads(threads));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void journeys_come_out_in_file_order_with_the_same_results_as_on_one_thread() throws IOException {
        byte[] file = utf8(document("<document>", "</document>"));
        assertTrue(file.length > 4 * ChunkedRead.CHUNK_CHARS, "the file spans several chunks");
        RdexReaderUnitTest.Read one = read(file, 1);
        for (int threads : new int[] {2, 3}) {
            RdexReaderUnitTest.Read many = read(file, threads);
            List<String> uuids = many.results().stream().map(r -> r instanceof RdexReadResult.Accepted a
                    ? a.journey().uuid() : ((RdexReadResult.Rejected) r).uuid()).toList();
            assertEquals(IntStream.range(0, JOURNEYS).mapToObj(i -> "j" + i).toList(), uuids);
            assertEquals(one.results(), many.results());
            assertEquals(one.summary(), many.summary());
        }
        assertEquals("T", one.summary().title());
        assertEquals(JOURNEYS - 13, one.summary().accepted());
        assertEquals(List.of("unknown element <colour> in <journey> ignored"), one.summary().warnings());
    }

    @Test
    void a_journey_rejected_deep_in_a_later_chunk_keeps_its_reason_and_place() throws IOException {
        RdexReaderUnitTest.Read many = read(utf8(document("<document>", "</document>")), 2);
        RdexReadResult deep = many.results().get(DEEP);
        RdexReadResult.Rejected r = assertInstance(deep);
        assertEquals("j" + DEEP, r.uuid());
        assertTrue(r.reason().contains("url"), r.reason());
    }

    private static RdexReadResult.Rejected assertInstance(RdexReadResult result) {
        assertTrue(result instanceof RdexReadResult.Rejected, String.valueOf(result));
        return (RdexReadResult.Rejected) result;
    }

    @Test
    void a_break_deep_in_a_later_chunk_is_reported_at_its_true_line() throws IOException {
        String whole = document("<document>", "</document>");
        String broken = whole.replace("<uuid>j" + DEEP + "</uuid>", "<uuid>j" + DEEP + "</uid>");
        int line = DEEP + 4;
        RdexFormatException one = assertThrows(RdexFormatException.class, () -> read(utf8(broken), 1));
        RdexFormatException many = assertThrows(RdexFormatException.class, () -> read(utf8(broken), 2));
        assertTrue(one.getMessage().contains("[" + line + ","), one.getMessage());
        assertEquals(one.getMessage(), many.getMessage());
    }

    @Test
    void the_root_as_written_wraps_every_chunk() throws IOException {
        String root = "<document\n  xmlns=\"urn:example\"\n  xmlns:x=\"urn:other\">";
        byte[] file = utf8(document(root, "</document>"));
        assertEquals(read(file, 1).results(), read(file, 2).results());
        assertEquals(JOURNEYS, read(file, 2).results().size());
    }

    @Test
    void a_latin1_file_reads_as_on_one_thread() throws IOException {
        String doc = document("<document>", "</document>").replace("UTF-8", "ISO-8859-1")
                .replace("<name>n</name>", "<name>Gar\u00e9 \u00e0 Lyon</name>");
        byte[] file = doc.getBytes(Charset.forName("ISO-8859-1"));
        RdexReaderUnitTest.Read many = read(file, 2);
        assertEquals(read(file, 1).results(), many.results());
        assertEquals("Gar\u00e9 \u00e0 Lyon", ((RdexReadResult.Accepted) many.results().get(JOURNEYS - 1)).journey().pseudonym());
    }

    @Test
    void chunks_are_parsed_under_the_file_s_xml_version() throws IOException {
        String doc = document("<document>", "</document>").replace("<name>n</name>", "<name>a&#x1;b</name>");
        assertThrows(RdexFormatException.class, () -> read(utf8(doc), 2));
        byte[] file = utf8(doc.replace("version=\"1.0\"", "version=\"1.1\""));
        RdexReaderUnitTest.Read many = read(file, 2);
        assertEquals(read(file, 1).results(), many.results());
        assertEquals("a\u0001b", ((RdexReadResult.Accepted) many.results().get(JOURNEYS - 1)).journey().pseudonym());
    }

    @Test
    void a_journey_too_large_to_hold_is_streamed_and_judged_as_on_one_thread() throws IOException {
        String skipped = "<x>" + "y".repeat(1000) + "</x>";
        String markup = RdexReaderUnitTest.JOURNEY.replace("<uuid>u1</uuid>", "<uuid>markup</uuid>" + skipped.repeat(6000));
        String text = RdexReaderUnitTest.JOURNEY.replace("<uuid>u1</uuid>", "<uuid>text</uuid>")
                .replace("<name>n</name>", "<name>n</name><details>" + "z".repeat(3_000_000) + "</details>");
        String doc = document("<document>", "</document>").replace("<title>T</title>", "<title>T</title>" + markup + text);
        byte[] file = utf8(doc);
        RdexReaderUnitTest.Read one = read(file, 1);
        RdexReaderUnitTest.Read many = read(file, 2);
        assertEquals(one.results(), many.results());
        assertEquals(one.summary(), many.summary());
        assertEquals("markup", ((RdexReadResult.Accepted) many.results().get(0)).journey().uuid());
        assertTrue(assertInstance(many.results().get(1)).reason().contains("journey longer than"));
        assertEquals(JOURNEYS + 2, many.results().size());
        // Broken after the scanner began to stream the journey: the same refusal.
        String broken = doc.replace("</x><from>", "</x><from></x>");
        assertEquals(assertThrows(RdexFormatException.class, () -> read(utf8(broken), 1)).getMessage(),
                assertThrows(RdexFormatException.class, () -> read(utf8(broken), 2)).getMessage());
    }

    @Test
    void comments_between_journeys_are_cut_between_and_read_as_on_one_thread() throws IOException {
        String comments = ("<!--" + "c".repeat(1000) + "-->\n<?pi x?>").repeat(6000);
        byte[] file = utf8(document("<document>", "</document>").replace("<title>T</title>",
                "<title>T</title>" + comments + "<![CDATA[" + "d".repeat(3_000_000) + "]]>"));
        RdexReaderUnitTest.Read many = read(file, 2);
        assertEquals(read(file, 1).results(), many.results());
        assertEquals(JOURNEYS, many.results().size());
        assertEquals("T", many.summary().title());
    }

    @Test
    void hostile_prologs_are_refused_as_on_one_thread() {
        String body = "<document><title>t</title>" + RdexReaderUnitTest.JOURNEY + "</document>";
        List<String> hostile = List.of(
                "<?xml version=\"1.0\"?><!DOCTYPE document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + body.replace("<name>n</name>", "<name>&x;</name>"),
                "<?xml version=\"1.0\"?><!DOCTYPE document [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
                        + body.replace("<name>n</name>", "<name>&b;</name>"),
                "<?xml version=\"1.0\"?>" + body.replace("<name>n</name>", "<name>&undeclared;</name>"),
                "<?xml version=\"1.0\"?><journeys/>",
                "<?xml version=\"1.0\"?>" + body + "<trailing/>");
        for (String xml : hostile) {
            RdexFormatException one = assertThrows(RdexFormatException.class, () -> read(utf8(xml), 1));
            RdexFormatException many = assertThrows(RdexFormatException.class, () -> read(utf8(xml), 2));
            assertEquals(one.getMessage(), many.getMessage(), xml);
        }
    }

    @Test
    void a_failing_consumer_stops_the_read_with_its_exception() {
        byte[] file = utf8(document("<document>", "</document>"));
        IllegalStateException stop = new IllegalStateException("stop");
        List<RdexReadResult> seen = new ArrayList<>();
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> new RdexReader(new ByteArrayInputStream(file), RdexReader.Options.defaults().withParseThreads(2))
                        .read(r -> {
                            seen.add(r);
                            if (seen.size() == DEEP) {
                                throw stop;
                            }
                        }));
        assertSame(stop, thrown);
        assertEquals(DEEP, seen.size());
    }
}
