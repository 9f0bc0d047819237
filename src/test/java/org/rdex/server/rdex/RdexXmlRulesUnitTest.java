package org.rdex.server.rdex;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdex.server.support.TestJourneys;

/** The XML rules of the parser (Woodstox, as {@link RdexReader} configures it): what is read, what refuses the file. */
class RdexXmlRulesUnitTest {

    private static final String JOURNEY = RdexReaderUnitTest.JOURNEY;

    private static RdexReaderUnitTest.Read read(String xml) throws IOException {
        return RdexReaderUnitTest.read(xml);
    }

    private static RdexReaderUnitTest.Read read(byte[] xml) throws IOException {
        return RdexReaderUnitTest.read(new ByteArrayInputStream(xml), RdexReader.Options.defaults());
    }

    private static String doc(String body) {
        return RdexReaderUnitTest.doc(body);
    }

    /** A document whose first journey's name is {@code nameXml}, as written. */
    private static String withName(String nameXml) {
        return doc(JOURNEY.replace("<name>n</name>", "<name>" + nameXml + "</name>"));
    }

    private static String nameOf(String xml) throws IOException {
        return read(xml).accepted().get(0).pseudonym();
    }

    private static RdexFormatException refused(String xml) {
        return assertThrows(RdexFormatException.class, () -> read(xml), xml);
    }

    private static RdexFormatException refused(byte[] xml) {
        return assertThrows(RdexFormatException.class, () -> read(xml));
    }

    @Test
    void refuses_undeclared_entity_naming_it() {
        RdexFormatException e = refused(withName("a&nbsp;b"));
        assertTrue(e.getMessage().contains("\"nbsp\""), e.getMessage());
        assertTrue(e.getMessage().startsWith("malformed XML: "), e.getMessage());
        refused(withName("&AMP;"));
        refused(withName("&amp"));
        refused(withName("a & b"));
    }

    @Test
    void refuses_entity_declared_in_the_internal_subset_when_referenced() throws IOException {
        String prolog = "<?xml version=\"1.0\"?><!DOCTYPE document [<!ENTITY e \"expanded\"> <!ENTITY x SYSTEM \"file:///etc/passwd\">]>";
        String plain = prolog + doc(JOURNEY).substring(doc("").indexOf("<document>"));
        assertEquals(1, read(plain).accepted().size(), "the DOCTYPE alone is skipped");
        refused(plain.replace("<name>n</name>", "<name>&e;</name>"));
        RdexFormatException e = refused(plain.replace("<name>n</name>", "<name>&x;</name>"));
        assertFalse(e.getMessage().contains("root:"), e.getMessage());
    }

    @Test
    void never_fetches_external_dtd_entity_or_parameter_entity(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            String base = "http://127.0.0.1:" + server.socket().getLocalPort() + "/";
            String prolog = "<?xml version=\"1.0\"?><!DOCTYPE document PUBLIC \"-//RDEX//x\" \"" + base + "rdex.dtd\" ["
                    + "<!ENTITY % p SYSTEM \"" + base + "p.dtd\"> %p; <!ENTITY % q \"<!ENTITY s SYSTEM '" + secret.toUri()
                    + "'>\"> %q; <!ENTITY g SYSTEM \"" + base + "g\">]>";
            String body = doc(JOURNEY).substring(doc("").indexOf("<document>"));
            RdexReaderUnitTest.Read r = read(prolog + body);
            assertEquals("n", r.accepted().get(0).pseudonym());
            for (String ref : List.of("&g;", "&s;", "%p;")) {
                String xml = prolog + body.replace("<name>n</name>", "<name>" + ref + "</name>");
                if (ref.startsWith("%")) {
                    assertEquals(ref, nameOf(xml), "outside the DTD, % is a plain character");
                } else {
                    assertFalse(refused(xml).getMessage().contains("TOP-SECRET"));
                }
            }
            int connections = 0;
            while (server.accept() != null) {
                connections++;
            }
            assertEquals(0, connections);
        }
    }

    @Test
    void skips_doctype_minding_quotes_comments_and_processing_instructions() throws IOException {
        String prolog = "<?xml version=\"1.0\"?><!DOCTYPE document SYSTEM 'a]>b' [<!ENTITY e \"v>]\"><!-- ]> -->"
                + "<?pi ]>?><!ATTLIST journey id CDATA '>'>]>\n<!-- after -->";
        assertEquals("n", nameOf(prolog + doc(JOURNEY).substring(doc("").indexOf("<document>"))));
        refused("<?xml version=\"1.0\"?><!DOCTYPE document [<!ENTITY e \"unterminated>]><document/>");
        refused("<?xml version=\"1.0\"?><!DOCTYPE document><!DOCTYPE document>" + "<document/>");
        refused("<?xml version=\"1.0\"?><document/><!DOCTYPE document>");
    }

    @Test
    void billion_laughs_is_refused_without_expansion() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE document [<!ENTITY l0 \"ha\">");
        for (int i = 1; i < 30; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        RdexFormatException e = refused("<?xml version=\"1.0\"?>" + dtd + "<document><title>&l29;</title></document>");
        assertTrue(e.getMessage().contains("\"l29\""), e.getMessage());
    }

    @Test
    void reads_cdata_as_literal_text() throws IOException {
        assertEquals("a<b&c]]d>", nameOf(withName("<![CDATA[a<b&c]]d>]]>")));
        assertEquals("x&amp;y", nameOf(withName("x<![CDATA[&amp;]]>y")));
        assertEquals("ab", nameOf(withName("a<![CDATA[]]>b")));
        refused(withName("<![CDATA[never closed"));
        refused(withName("<![cdata[x]]>"));
    }

    @Test
    void resolves_character_references_and_predefined_entities() throws IOException {
        assertEquals("é€😀A\tB", nameOf(withName("&#233;&#x20AC;&#x1F600;&#0065;&#9;B")));
        assertEquals("<>&'\"", nameOf(withName("&lt;&gt;&amp;&apos;&quot;")));
        assertEquals("a\rb", nameOf(withName("a&#13;b")), "a CR written as a reference stays a CR");
    }

    @Test
    void refuses_character_references_to_illegal_characters() {
        for (String ref : List.of("&#0;", "&#x0;", "&#1;", "&#x1F;", "&#xD800;", "&#xDFFF;", "&#xFFFE;", "&#xFFFF;",
                "&#x110000;", "&#1114112;", "&#99999999999999999999;", "&#;", "&#x;", "&#X41;", "&#65", "&#6 5;",
                "&#x-1;", "&#-1;")) {
            refused(withName(ref));
        }
    }

    @Test
    void refuses_mismatched_or_stray_tags() {
        refused(withName("n</Name><name>"));
        refused(doc("<journey><uuid>u</journey></uuid>"));
        refused(doc("<journey></journey></journey>"));
        refused(doc("<journey><uuid>u</uuid ><</journey>"));
        refused(doc("<journey><1uuid>u</1uuid></journey>"));
        refused(doc("<journey><uuid>u</uuid/></journey>"));
        refused(doc("<journey></></journey>"));
        refused(doc("<journey>< uuid>u</uuid></journey>"));
    }

    @Test
    void accepts_whitespace_inside_tags_and_empty_elements() throws IOException {
        String j = JOURNEY.replace("<name>n</name>", "<name\n>n</name\t>").replace("<driver>1</driver>",
                "<driver >1</driver ><seats/><bar\r\n/>");
        RdexReaderUnitTest.Read r = read(doc(j));
        assertEquals("n", r.accepted().get(0).pseudonym());
        assertNull(r.accepted().get(0).seats());
    }

    @Test
    void refuses_a_file_truncated_at_any_point() throws IOException {
        String full = doc(JOURNEY.replace("<name>n</name>", "<name>é&amp;<![CDATA[x]]><!--c--></name>"));
        assertEquals(1, read(full).accepted().size());
        byte[] bytes = full.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] prefix = java.util.Arrays.copyOf(bytes, cut);
            assertThrows(RdexFormatException.class, () -> read(prefix), "cut at " + cut);
        }
    }

    @Test
    void refuses_content_outside_the_root_element() throws IOException {
        String ok = doc(JOURNEY);
        assertEquals(1, read(ok + "\n<!-- end --><?pi x?>\n").accepted().size());
        refused(ok + "junk");
        refused(ok + "<document/>");
        refused(ok + "&amp;");
        refused("junk" + ok);
        refused(ok.replace("<document>", "x<document>"));
        refused(" " + ok);
        refused(ok.replace("<document>", "<?xml version=\"1.0\"?><document>"));
        refused("");
        refused("<?xml version=\"1.0\"?>");
        refused("<?xml version=\"1.0\"?><!-- only a comment -->");
    }

    @Test
    void checks_the_xml_declaration() throws IOException {
        String body = doc(JOURNEY).substring(doc("").indexOf("<document>"));
        assertEquals(1, read("<?xml version='1.0' encoding='utf-8' standalone='no' ?>" + body).accepted().size());
        assertEquals(1, read(body).accepted().size(), "the declaration is optional");
        refused("<?xml version=\"2.0\"?>" + body);
        refused("<?xml encoding=\"UTF-8\"?>" + body);
        refused("<?xml version=\"1.0\" standalone=\"maybe\"?>" + body);
        refused("<?xml version=\"1.0\"encoding=\"UTF-8\"?>" + body);
        refused("<?xml version=\"1.0\" encoding=\"no-such-charset\"?>" + body);
        refused("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + body);
        refused("<?xml version=\"1.0\"?><?XmL x?>" + body);
    }

    @Test
    void refuses_bad_comments_and_processing_instructions() throws IOException {
        assertEquals("ab", nameOf(withName("a<!-- x - y -->b<?pi data?>")));
        refused(withName("<!-- a -- b -->"));
        refused(withName("<!-- a --->"));
        refused(withName("<!-- never closed"));
        refused(withName("<? pi?>"));
        refused(withName("<?xml x?>"));
    }

    @Test
    void reads_attributes_without_using_them() throws IOException {
        String j = JOURNEY.replace("<journey>", "<journey id=\"a>b\" q='\"' e=\"&amp;&#65;\" xml:lang=\"fr\">")
                .replace("<name>", "<name class='x' >");
        assertEquals("n", nameOf(doc(j)));
        refused(doc(JOURNEY.replace("<journey>", "<journey a='1' a='2'>")));
        refused(doc(JOURNEY.replace("<journey>", "<journey a='<'>")));
        refused(doc(JOURNEY.replace("<journey>", "<journey a='&x;'>")));
        refused(doc(JOURNEY.replace("<journey>", "<journey a=1>")));
        refused(doc(JOURNEY.replace("<journey>", "<journey a>")));
        refused(doc(JOURNEY.replace("<journey>", "<journey a='1'b='2'>")));
        refused(doc(JOURNEY.replace("<journey>", "<journey a='1>")));
    }

    @Test
    void reads_namespaced_names_by_local_part_and_refuses_unbound_prefixes() throws IOException {
        String j = JOURNEY.replace("<journey>", "<r:journey xmlns:r=\"urn:rdex\">").replace("</journey>", "</r:journey>")
                .replace("<name>n</name>", "<r:name>n</r:name>");
        assertEquals("n", nameOf(doc(j)));
        refused(doc(JOURNEY.replace("<name>n</name>", "<r:name>n</r:name>")));
        refused(doc(j.replace("<r:name>n</r:name>", "<r:name>n</name>")));
        refused(doc(JOURNEY.replace("<journey>", "<journey xmlns:r=''>")));
        refused(doc(JOURNEY.replace("<journey>", "<journey r:a='1'>")));
        refused(doc(JOURNEY.replace("<name>n</name>", "<a:b:c xmlns:a='u'/><name>n</name>")));
        StringBuilder many = new StringBuilder("<journey");
        for (int i = 0; i <= 64; i++) {
            many.append(" xmlns:p").append(i).append("='u'");
        }
        refused(doc(JOURNEY.replace("<journey>", many + ">")));
    }

    @Test
    void refuses_elements_nested_deeper_than_the_limit() throws IOException {
        // document and journey are two levels: 30 more make 32, the default limit.
        String ok = "<x>".repeat(30) + "</x>".repeat(30);
        assertEquals(1, read(doc(JOURNEY.replace("<name>n</name>", "<name>n</name>" + ok))).accepted().size());
        String deep = "<x>".repeat(31) + "</x>".repeat(31);
        RdexFormatException e = refused(doc(JOURNEY.replace("<name>n</name>", "<name>n</name>" + deep)));
        assertTrue(e.getMessage().contains("Depth limit (32)"), e.getMessage());
        refused("<document>" + "<x>".repeat(100_000));
    }

    @Test
    void caps_a_very_long_value_without_keeping_it() throws IOException {
        // Under the parser's text limit (4 Mi characters) a long value rejects its journey only.
        String huge = "x".repeat(4_000_000);
        RdexReaderUnitTest.Read r = RdexReaderUnitTest.read(new ByteArrayInputStream(
                doc(JOURNEY.replace("<name>n</name>", "<name>" + huge + "</name>") + JOURNEY).getBytes(StandardCharsets.UTF_8)),
                new RdexReader.Options(1L << 30, 100));
        assertTrue(r.rejected().get(0).reason().contains("<name> longer than 100 characters"), r.rejected().toString());
        assertEquals(1, r.accepted().size());
    }

    @Test
    void counts_the_value_limit_in_utf16_units() throws IOException {
        RdexReader.Options sixteen = new RdexReader.Options(1L << 30, 16);
        String j = JOURNEY.replace("<operator>o</operator>", "<operator>" + "é".repeat(16) + "</operator>")
                .replace("<site>s</site>", "<site>" + "😀".repeat(8) + "</site>");
        RdexReaderUnitTest.Read r = RdexReaderUnitTest.read(new ByteArrayInputStream(doc(j).getBytes(StandardCharsets.UTF_8)),
                sixteen);
        assertEquals("é".repeat(16), r.accepted().get(0).operator(), "16 characters in 32 bytes fit");
        assertEquals("😀".repeat(8), r.accepted().get(0).site(), "8 code points are 16 units");
        String over = j.replace("😀</site>", "😀a</site>");
        r = RdexReaderUnitTest.read(new ByteArrayInputStream(doc(over).getBytes(StandardCharsets.UTF_8)), sixteen);
        assertTrue(r.rejected().get(0).reason().contains("<site> longer than 16"), r.rejected().toString());
    }

    @Test
    void refuses_malformed_utf8_and_illegal_characters() {
        byte[] good = withName("NAME").getBytes(StandardCharsets.UTF_8);
        for (byte[] bad : List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0x80}, new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBE}, new byte[] {0x01},
                new byte[] {0x00}, new byte[] {0x0B}, new byte[] {(byte) 0xE2, (byte) 0x82})) {
            assertThrows(RdexFormatException.class, () -> read(replace(good, "NAME", bad)),
                    () -> java.util.HexFormat.of().formatHex(bad));
        }
        refused(withName("a]]>b"));
    }

    private static byte[] replace(byte[] doc, String marker, byte[] with) {
        String s = new String(doc, StandardCharsets.ISO_8859_1);
        int at = s.indexOf(marker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(doc, 0, at);
        out.write(with, 0, with.length);
        out.write(doc, at + marker.length(), doc.length - at - marker.length());
        return out.toByteArray();
    }

    @Test
    void normalises_line_ends_in_values() throws IOException {
        String j = JOURNEY.replace("<operator>o</operator>", "<details>a\r\nb\rc\nd</details><operator>o</operator>");
        RdexReaderUnitTest.Read r = read(doc(j));
        assertEquals("a\nb\nc\nd", r.accepted().get(0).details());
        RdexFormatException e = refused(doc(j.replace("<uuid>u1</uuid>", "<uuid>u1</uuid>\r\n\r\n<bad")));
        assertTrue(e.getMessage().contains("[6,"), e.getMessage());
    }

    @Test
    void reads_utf16_files_with_or_without_byte_order_mark() throws IOException {
        String xml = doc(JOURNEY.replace("<name>n</name>", "<name>Hélène 😀</name>"))
                .replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
        for (Charset cs : List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            assertEquals("Hélène 😀", nameOf(xml.getBytes(cs)), cs.name());
        }
        byte[] le = xml.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[le.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(le, 0, withBom, 2, le.length);
        assertEquals("Hélène 😀", nameOf(withBom));
        refused(xml.replace("UTF-16", "ISO-8859-1").getBytes(StandardCharsets.UTF_16));
        int at = xml.indexOf("😀");
        ByteArrayOutputStream lone = new ByteArrayOutputStream();
        lone.writeBytes(xml.substring(0, at).getBytes(StandardCharsets.UTF_16BE));
        lone.writeBytes(new byte[] {(byte) 0xD8, 0x3D});
        lone.writeBytes(xml.substring(at + 2).getBytes(StandardCharsets.UTF_16BE));
        refused(lone.toByteArray());
    }

    private static String nameOf(byte[] xml) throws IOException {
        return read(xml).accepted().get(0).pseudonym();
    }

    @Test
    void reads_latin1_windows1252_and_ebcdic_files_as_declared() throws IOException {
        String xml = doc(JOURNEY.replace("<name>n</name>", "<name>Sète 5 €</name>"));
        assertEquals("Sète 5 €", nameOf(xml.replace("UTF-8", "windows-1252").getBytes(Charset.forName("windows-1252"))));
        String latin = xml.replace("UTF-8", "ISO-8859-15");
        assertEquals("Sète 5 €", nameOf(latin.getBytes(Charset.forName("ISO-8859-15"))));
        assertEquals("Sète 5 €", nameOf(xml.replace("UTF-8", "IBM01140").getBytes(Charset.forName("IBM01140"))));
        refused(xml.replace("UTF-8", "US-ASCII"));
        refused(xml.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void skips_a_utf8_byte_order_mark() throws IOException {
        byte[] xml = withName("é").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[xml.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(xml, 0, withBom, 3, xml.length);
        assertEquals("é", nameOf(withBom));
    }

    @Test
    void reads_the_same_whatever_the_input_chunking() throws IOException {
        List<String> docs = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/rdex/spec-example.xml")) {
            docs.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        // Values, names, references and multi-byte characters at every offset of the scanner's buffer.
        StringBuilder big = new StringBuilder("<?xml version=\"1.0\"?>\r\n<document><title>t</title>");
        TestJourneys gen = new TestJourneys(7);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        RdexWriter w = new RdexWriter(written, RdexWriter.Options.defaults().withExtensions(true).withIncludeAddress(true)
                .withIncludeImage(true));
        w.start();
        for (int i = 0; i < 600; i++) {
            w.write(gen.next(i));
        }
        w.finish();
        docs.add(written.toString(StandardCharsets.UTF_8));
        for (int i = 0; i < 400; i++) {
            big.append(JOURNEY.replace("u1", "u" + i).replace("<name>n</name>", "<name>é&amp;😀" + "x".repeat(i % 97)
                    + "<![CDATA[c]]></name>\r\n<!-- z -->"));
        }
        docs.add(big.append("</document>").toString());
        for (String xml : docs) {
            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            RdexReaderUnitTest.Read whole = read(bytes);
            RdexReaderUnitTest.Read trickled = RdexReaderUnitTest.read(new Trickle(bytes, new Random(bytes.length)),
                    RdexReader.Options.defaults());
            assertEquals(whole.results(), trickled.results());
            assertEquals(whole.summary(), trickled.summary());
            assertFalse(whole.accepted().isEmpty());
        }
    }

    @Test
    void reads_a_multibyte_character_straddling_a_64_kib_refill_in_comment_attribute_pi_and_doctype()
            throws IOException {
        String body = doc(JOURNEY).substring(doc("").indexOf("<document>"));
        for (String construct : List.of("comment", "attribute", "pi", "doctype")) {
            for (int shift = 0; shift < 4; shift++) {
                // 'é' is two bytes in UTF-8: put its first byte on each side of the 65,536th byte.
                String pad = "x".repeat(64 * 1024 - 40 + shift);
                String xml = switch (construct) {
                    case "comment" -> "<?xml version=\"1.0\"?><!--" + pad + "é-->" + body;
                    case "attribute" -> "<?xml version=\"1.0\"?>" + body.replace("<journey>",
                            "<journey note=\"" + pad + "é\">");
                    case "pi" -> "<?xml version=\"1.0\"?><?note " + pad + "é?>" + body;
                    default -> "<?xml version=\"1.0\"?><!DOCTYPE document [<!-- " + pad + "é -->]>" + body;
                };
                RdexReaderUnitTest.Read r = read(xml.getBytes(StandardCharsets.UTF_8));
                assertEquals(1, r.accepted().size(), construct + " " + shift);
            }
        }
    }

    @Test
    void refuses_a_byte_undefined_in_windows_1252() {
        byte[] xml = withName("Caf\u00e9 X").replace("UTF-8", "windows-1252").getBytes(Charset.forName("windows-1252"));
        byte[] bad = xml.clone();
        int x = new String(bad, StandardCharsets.ISO_8859_1).indexOf("X<");
        bad[x] = (byte) 0x81;
        RdexFormatException e = refused(bad);
        assertTrue(e.getMessage().contains("not valid in the file's encoding"), e.getMessage());
        assertDoesNotThrow(() -> read(xml));
    }

    @Test
    void refuses_malformed_xml_a_hand_written_scanner_let_through() {
        String body = doc(JOURNEY).substring(doc("").indexOf("<document>"));
        refused("<?xml version=\"1.0\"?><!DOCTYPE document [ junk that is no declaration ]>" + body);
        refused("<?xml version=\"1.0\"?><!DOCTYPE document [<document>]>" + body);
        refused("<?xml version=\"1.0\"?><!DOCTYPE document [<!ENTITY e 'unterminated>]>" + body);
        refused(doc(JOURNEY.replace("<name>n</name>", "<name>n</name><a\u00d7b/>")));
        refused(doc(JOURNEY.replace("<name>n</name>", "<name>n</name><\u00b7a/>")));
        refused(doc(JOURNEY.replace("<name>n</name>", "<name>n</name><:a/>")));
        refused(doc(JOURNEY.replace("<journey>", "<journey xmlns:xml=\"urn:other\">")));
        refused(doc(JOURNEY.replace("<journey>", "<journey xmlns:xmlns=\"urn:other\">")));
        refused(doc(JOURNEY.replace("<journey>", "<journey xmlns:a=\"urn:u\" xmlns:b=\"urn:u\" a:x=\"1\" b:x=\"2\">")));
    }

    @Test
    void reads_xml_1_1_with_its_own_rules() throws IOException {
        String xml = withName("a&#x1;b");
        refused(xml);
        assertEquals("a\u0001b", nameOf(xml.replace("version=\"1.0\"", "version=\"1.1\"")));
    }

    /** Hands out 1 to 7 bytes per read, so that every token straddles refills of the scanner's buffer. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final Random random;
        private int pos;

        Trickle(byte[] data, Random random) {
            this.data = data;
            this.random = random;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + random.nextInt(7)), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
