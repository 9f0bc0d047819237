package org.rdex.server.rdex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rdex.server.model.SharedJourney;
import org.rdex.server.support.TestJourneys;

class RdexValidatorUnitTest {

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final String JOURNEY = "<journey><operator>o</operator><site>s</site><uuid>u1</uuid>"
            + "<from><location>A</location><coords>1,2</coords></from><to><location>B</location><coords>3,4</coords></to>"
            + "<url>http://x</url><name>n</name><activefrom>2025-01-01</activefrom><activeto>2025-01-02</activeto>"
            + "<punctual><date>2025-01-01</date><minitime>08:00</minitime><maxitime>08:00</maxitime></punctual></journey>";

    private static RdexValidator.Result validate(RdexDtd dtd, String xml) throws IOException {
        return new RdexValidator(dtd).validate(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String doc(String journeys) {
        return HEAD + "<document><title>t</title>" + journeys + "</document>";
    }

    @Test
    void exported_file_validates_against_both_dtds() throws IOException {
        TestJourneys gen = new TestJourneys(11);
        SharedJourney[] js = new SharedJourney[50];
        for (int i = 0; i < js.length; i++) {
            js[i] = gen.next(i);
        }
        String full = RdexWriterUnitTest.write(RdexWriterUnitTest.extended().withIncludeAddress(true).withIncludeImage(true), js);
        assertEquals(java.util.List.of(), validate(RdexDtd.FULL, full).problems());
        String minimal = RdexWriterUnitTest.write(RdexWriter.Options.defaults(), js);
        assertEquals(java.util.List.of(), validate(RdexDtd.MINIMAL, minimal).problems());
        assertEquals(java.util.List.of(), validate(RdexDtd.FULL, minimal).problems(), "minimal output is valid against ours too");
        assertFalse(validate(RdexDtd.MINIMAL, full).isValid(), "extensions are not in the minimal DTD");
    }

    @Test
    void validates_file_without_doctype_against_the_local_dtd() throws IOException {
        assertTrue(validate(RdexDtd.MINIMAL, doc(JOURNEY)).isValid());
        RdexValidator.Result bad = validate(RdexDtd.MINIMAL, doc(JOURNEY.replace("<name>n</name>", "")));
        assertFalse(bad.isValid());
    }

    @Test
    void reports_missing_mandatory_element_with_line_and_column() throws IOException {
        String xml = doc(JOURNEY.replace("<url>http://x</url>", ""));
        RdexValidator.Result r = validate(RdexDtd.FULL, xml);
        assertFalse(r.isValid());
        // The first problem is where the order breaks: <name> came where <url> was due.
        RdexValidator.Problem p = r.problems().get(0);
        assertEquals(1, p.line());
        int name = xml.indexOf("<name>") + 1;
        assertTrue(p.column() >= name && p.column() <= name + "<name>".length(), p.toString());
        assertTrue(p.toString().startsWith("1:" + p.column() + ": "));
        assertTrue(p.message().contains("<url>"), p.toString());
    }

    @Test
    void empty_pcdata_element_is_valid_but_unknown_element_is_not() throws IOException {
        String emptyDetails = JOURNEY.replace("</activeto>", "</activeto><details></details>");
        assertTrue(validate(RdexDtd.FULL, doc(emptyDetails)).isValid());
        RdexValidator.Result r = validate(RdexDtd.FULL, doc(JOURNEY.replace("<name>n</name>", "<name>n</name><foo>x</foo>")));
        assertFalse(r.isValid());
        assertTrue(r.problems().toString().contains("foo"), r.problems().toString());
    }

    @Test
    void ignores_remote_doctype_url_and_uses_the_local_dtd() throws IOException {
        String xml = HEAD + "<!DOCTYPE document SYSTEM \"http://127.0.0.1:1/nothing-here.dtd\"><document><title>t</title>"
                + JOURNEY + "</document>";
        assertTrue(validate(RdexDtd.MINIMAL, xml).isValid(), validate(RdexDtd.MINIMAL, xml).problems().toString());
    }

    @Test
    void never_connects_to_doctype_or_entity_urls() throws IOException {
        try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open()) {
            server.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            String base = "http://127.0.0.1:" + server.socket().getLocalPort() + "/";
            String xml = HEAD + "<!DOCTYPE document SYSTEM \"" + base + "rdex.dtd\" [<!ENTITY % p SYSTEM \"" + base
                    + "p\"> %p; <!ENTITY e SYSTEM \"" + base + "e\">]><document><title>&e;</title>" + JOURNEY + "</document>";
            RdexValidator.Result r = validate(RdexDtd.FULL, xml);
            assertFalse(r.isValid(), "the internal subset is reported");
            // A connection attempt would sit in the kernel backlog even without accept().
            int accepted = 0;
            while (server.accept() != null) {
                accepted++;
            }
            assertEquals(0, accepted);
        }
    }

    @Test
    void rejects_external_entity_and_internal_subset() throws IOException {
        String xml = HEAD + "<!DOCTYPE document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><document><title>&x;</title>"
                + JOURNEY + "</document>";
        RdexValidator.Result r = validate(RdexDtd.FULL, xml);
        assertFalse(r.isValid());
        assertTrue(r.problems().toString().contains("internal DTD subset"), r.problems().toString());
        assertFalse(r.problems().toString().contains("root:"));
    }

    @Test
    void billion_laughs_is_stopped() throws IOException {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE document [<!ENTITY l0 \"ha\">");
        for (int i = 1; i < 12; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"");
            for (int k = 0; k < 10; k++) {
                dtd.append("&l").append(i - 1).append(';');
            }
            dtd.append("\">");
        }
        dtd.append("]>");
        String xml = HEAD + dtd + "<document><title>&l11;</title></document>";
        long t0 = System.nanoTime();
        RdexValidator.Result r = validate(RdexDtd.FULL, xml);
        assertFalse(r.isValid());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    }

    @Test
    void malformed_xml_is_one_problem_not_an_exception() throws IOException {
        RdexValidator.Result r = validate(RdexDtd.FULL, HEAD + "<document><title>t</title><journey>");
        assertEquals(1, r.problems().size(), r.problems().toString());
    }

    @Test
    void caps_the_number_of_problems() throws IOException {
        String xml = doc("<foo>x</foo>".repeat(500));
        RdexValidator.Result r = new RdexValidator(RdexDtd.FULL, 10, 1 << 20)
                .validate(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(10, r.problems().size());
        assertTrue(r.truncated());
    }

    @Test
    void detects_gzip_by_magic_bytes_not_by_name(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(doc(JOURNEY).getBytes(StandardCharsets.UTF_8));
        }
        Path file = dir.resolve("journeys.xml");
        Files.write(file, bytes.toByteArray());
        assertTrue(new RdexValidator(RdexDtd.MINIMAL).validate(file).isValid());
    }

    @Test
    void bytes_not_valid_in_the_declared_encoding_are_a_problem() throws IOException {
        byte[] head = (HEAD + "<document><title>").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "</title></document>".getBytes(StandardCharsets.UTF_8);
        byte[] xml = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, xml, 0, head.length);
        xml[head.length] = (byte) 0xE9;
        System.arraycopy(tail, 0, xml, head.length + 1, tail.length);
        RdexValidator.Result r = new RdexValidator(RdexDtd.FULL).validate(new ByteArrayInputStream(xml));
        assertEquals(1, r.problems().size(), r.problems().toString());
    }

    @Test
    void gzip_bomb_stops_at_the_size_cap() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write((HEAD + "<document><title>").getBytes(StandardCharsets.UTF_8));
            byte[] zeros = new byte[1 << 20];
            java.util.Arrays.fill(zeros, (byte) 'a');
            for (int i = 0; i < 8; i++) {
                gz.write(zeros);
            }
        }
        RdexValidator.Result r = new RdexValidator(RdexDtd.FULL, 10, 1 << 20)
                .validate(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).message().contains("exceeds"), r.problems().toString());
    }

    @Test
    void latin1_file_is_decoded_by_its_declaration() throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><document><title>Départ é</title></document>";
        RdexValidator.Result r = new RdexValidator(RdexDtd.FULL)
                .validate(new ByteArrayInputStream(xml.getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(r.isValid(), r.problems().toString());
    }
}
