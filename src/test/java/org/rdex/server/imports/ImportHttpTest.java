package org.rdex.server.imports;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdex.server.partner.ImportReport;
import org.rdex.server.partner.ImportReportRepository;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.support.ServerTestBase;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

@QuarkusTest
@TestProfile(ImportTestProfile.class)
class ImportHttpTest extends ServerTestBase {

    @Inject
    ImportService imports;
    @Inject
    PartnerService partners;
    @Inject
    ImportReportRepository reports;

    private static int counter;

    private Partner partner(String feedUrl, String fingerprint) {
        return partners.add(new NewPartner("imp-" + System.nanoTime() + "-" + (++counter), "partnerco", feedUrl,
                List.of("partner.example"), null, fingerprint));
    }

    private ImportReport run(Partner p) {
        return imports.importPartner(p.name, Optional.empty(), Optional.empty());
    }

    private List<String> uuids(Partner p) throws SQLException {
        return column(p, "uuid");
    }

    /** Read from the table: these tests check what an import leaves in the database, column by column. */
    private List<String> column(Partner p, String column) throws SQLException {
        return StoredJourneys.values(dataSource, p.id, column);
    }

    /** Imports a set of two journeys so that later failures can be checked to leave it alone. */
    private void importBaseline(FeedServer server, Partner p) throws SQLException {
        byte[] good = Feeds.gzip(Feeds.utf8(Feeds.doc(Feeds.journey("base-1") + Feeds.journey("base-2"))));
        server.handler = ex -> FeedServer.send(ex, 200, good);
        assertEquals(ImportReport.Outcome.IMPORTED, run(p).outcome());
        assertEquals(List.of("base-1", "base-2"), uuids(p));
    }

    private void assertRefusedKeepingBaseline(FeedServer server, Partner p, byte[] body, String messagePart)
            throws SQLException {
        importBaseline(server, p);
        server.handler = ex -> FeedServer.send(ex, 200, body);
        ImportReport report = run(p);
        assertEquals(ImportReport.Outcome.REFUSED, report.outcome(), report.describe());
        assertThat(report.message(), containsString(messagePart));
        assertEquals(List.of("base-1", "base-2"), uuids(p), "a refused file leaves the previous journeys");
        assertEquals(report, reports.last(p.id).orElseThrow());
    }

    @Test
    void imports_gzip_feed_over_http_sending_the_partner_key() throws Exception {
        try (FeedServer server = FeedServer.http()) {
            Partner p = partner(server.url("/rdex.xml"), null);
            partners.setOutboundKey(p.name, "s3cret-key");
            byte[] body = Feeds.gzip(Feeds.utf8(Feeds.doc(Feeds.journey("a-1") + Feeds.journey("a-2"))));
            server.handler = ex -> FeedServer.send(ex, "Bearer s3cret-key".equals(
                    ex.getRequestHeaders().getFirst("Authorization")) ? 200 : 401, body);
            ImportReport report = run(p);
            assertEquals(ImportReport.Outcome.IMPORTED, report.outcome(), report.describe());
            assertEquals(2, report.accepted());
            assertEquals(body.length, report.bytes());
            assertEquals(List.of("a-1", "a-2"), uuids(p));
            assertEquals(List.of("partnerco", "partnerco"), column(p, "operator"));
            assertEquals(List.of("t", "t"), column(p, "punctual"));
            assertEquals(List.of("08:00:00", "08:00:00"), column(p, "punctual_min"));
        }
    }

    @Test
    void unchanged_feed_is_not_imported_again() throws Exception {
        try (FeedServer server = FeedServer.http()) {
            Partner p = partner(server.url("/rdex.xml.gz"), null);
            byte[] body = Feeds.utf8(Feeds.doc(Feeds.journey("c-1")));
            server.handler = ex -> {
                if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                    FeedServer.send(ex, 304, new byte[0]);
                } else {
                    ex.getResponseHeaders().add("ETag", "\"v1\"");
                    ex.getResponseHeaders().add("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT");
                    FeedServer.send(ex, 200, body);
                }
            };
            assertEquals(ImportReport.Outcome.IMPORTED, run(p).outcome());
            ImportReport second = run(p);
            assertEquals(ImportReport.Outcome.UNCHANGED, second.outcome(), second.describe());
            assertEquals("Wed, 21 Oct 2015 07:28:00 GMT", server.requests.get(1).getFirst("If-Modified-Since"));
            assertEquals(List.of("c-1"), uuids(p));
        }
    }

    @Test
    void failed_download_keeps_the_previous_set_and_the_conditional_state() throws Exception {
        try (FeedServer server = FeedServer.http()) {
            Partner p = partner(server.url("/feed"), null);
            importBaseline(server, p);
            server.handler = ex -> FeedServer.send(ex, 503, Feeds.utf8("down"));
            ImportReport report = run(p);
            assertEquals(ImportReport.Outcome.FAILED, report.outcome());
            assertThat(report.message(), containsString("503"));
            assertEquals(List.of("base-1", "base-2"), uuids(p));
        }
    }

    @Test
    void a_new_file_replaces_the_partner_set_and_drops_expired_journeys() throws Exception {
        try (FeedServer server = FeedServer.http()) {
            Partner p = partner(server.url("/feed"), null);
            importBaseline(server, p);
            String past = LocalDate.now().minusDays(1).toString();
            byte[] next = Feeds.utf8(Feeds.doc(Feeds.journey("new-1")
                    + Feeds.journey("old-1", "Bordeaux", "44.8,-0.5", past).replace(
                            "<activefrom>" + LocalDate.now(), "<activefrom>" + LocalDate.now().minusDays(9))));
            server.handler = ex -> FeedServer.send(ex, 200, next);
            ImportReport report = run(p);
            assertEquals(1, report.accepted(), report.describe());
            assertEquals(1, report.expired());
            assertEquals(List.of("new-1"), uuids(p));
        }
    }

    @Test
    void keeps_valid_journeys_and_reports_invalid_ones_with_reasons() throws Exception {
        try (FeedServer server = FeedServer.http()) {
            Partner p = partner(server.url("/feed"), null);
            String body = Feeds.journey("ok-1")
                    + Feeds.journey("bad-coords", "X", "91.5,2", Feeds.FUTURE)
                    + Feeds.journey("nan-coords", "X", "abc,def", Feeds.FUTURE)
                    + Feeds.journey("no-url").replace("<url>https://partner.example/j/no-url</url>", "")
                    + Feeds.journey("bad-date").replace("<activefrom>" + LocalDate.now(), "<activefrom>2025-13-45")
                    + Feeds.journey("backwards").replace("<activefrom>" + LocalDate.now(), "<activefrom>2999-01-01")
                    + Feeds.journey("ok-2")
                    + Feeds.journey("ok-2").replace("bob", "bob-again")
                    + "<journey><uuid>only-uuid</uuid></journey>"
                    + "<extra>unknown at document level</extra>";
            server.handler = ex -> FeedServer.send(ex, 200, Feeds.utf8(Feeds.doc(body)));
            ImportReport report = run(p);
            assertEquals(ImportReport.Outcome.IMPORTED, report.outcome(), report.describe());
            assertEquals(2, report.accepted(), report.describe());
            assertEquals(7, report.rejected(), report.describe());
            assertThat(report.rejections(), hasItem(containsString("bad-coords: ")));
            assertThat(report.rejections(), hasItem(containsString("no-url: ")));
            assertThat(report.rejections(), hasItem(containsString("backwards: ")));
            assertThat(report.rejections(), hasItem(containsString("repeating the uuid")));
            assertThat(report.warnings(), hasItem(containsString("extra")));
            assertEquals(List.of("ok-1", "ok-2"), uuids(p));
            assertEquals(List.of("bob", "bob"), column(p, "pseudonym"), "the first of two journeys with one uuid is kept");
        }
    }

    @Test
    void imports_the_specification_example_leniently() throws Exception {
        String spec;
        try (InputStream in = getClass().getResourceAsStream("/rdex/spec-example.xml")) {
            spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // The example's dates are from 2011; move them forward so the journeys are not expired.
        int shift = LocalDate.now().getYear() + 1 - 2011;
        String current = spec.replace("2010-", (2010 + shift) + "-").replace("2011-", (2011 + shift) + "-");
        try (FeedServer server = FeedServer.http()) {
            Partner p = partner(server.url("/spec.xml"), null);
            server.handler = ex -> FeedServer.send(ex, 200, Feeds.utf8(current));
            ImportReport report = run(p);
            assertEquals(ImportReport.Outcome.IMPORTED, report.outcome(), report.describe());
            assertEquals(2, report.accepted(), report.describe());
            assertEquals(0, report.rejected(), report.describe());
            assertEquals(List.of("marseille"), column(p, "from_location").subList(0, 1));
            assertThat(report.warnings(), hasItem(containsString("operator 'ecolutis' differs")));
        }
    }

    @Test
    void reads_a_latin1_file_as_its_declaration_says() throws Exception {
        try (FeedServer server = FeedServer.http()) {
            Partner p = partner(server.url("/latin1.xml"), null);
            String xml = Feeds.doc(Feeds.journey("l-1", "Sète", "43.40,3.69", Feeds.FUTURE)
                    .replace("<name>bob</name>", "<name>Hélène</name>"))
                    .replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
            server.handler = ex -> FeedServer.send(ex, 200, xml.getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(ImportReport.Outcome.IMPORTED, run(p).outcome());
            assertEquals(List.of("Sète"), column(p, "from_location"));
            assertEquals(List.of("Hélène"), column(p, "pseudonym"));
        }
    }

    @Test
    void refuses_an_external_file_entity_without_reading_the_file(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE document [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + Feeds.doc(Feeds.journey("x-1").replace("<name>bob</name>", "<name>&xxe;</name>"))
                        .substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".length());
        try (FeedServer server = FeedServer.http()) {
            Partner p = partner(server.url("/feed"), null);
            assertRefusedKeepingBaseline(server, p, Feeds.utf8(xml), "xxe");
            assertFalse(column(p, "pseudonym").stream().anyMatch(s -> s.contains("TOP-SECRET")));
        }
    }

    @Test
    void never_connects_to_an_external_dtd_or_parameter_entity() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open(); FeedServer server = FeedServer.http()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.configureBlocking(false);
            String base = "http://127.0.0.1:" + listener.socket().getLocalPort() + "/";
            String xml = "<?xml version=\"1.0\"?><!DOCTYPE document SYSTEM \"" + base + "rdex.dtd\" ["
                    + "<!ENTITY % remote SYSTEM \"" + base + "param.dtd\"> %remote;]>"
                    + Feeds.doc(Feeds.journey("d-1")).substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".length());
            Partner p = partner(server.url("/feed"), null);
            server.handler = ex -> FeedServer.send(ex, 200, Feeds.utf8(xml));
            ImportReport report = run(p);
            assertEquals(ImportReport.Outcome.IMPORTED, report.outcome(), "the DOCTYPE is ignored: " + report.describe());
            assertEquals(List.of("d-1"), uuids(p));
            // A connection attempt completes in the kernel's backlog even though nobody calls accept().
            assertNull(listener.accept(), "the importer connected to the DTD or parameter entity URL");
        }
    }

    @Test
    void refuses_billion_laughs() throws Exception {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE document [<!ENTITY l0 \"ha\">");
        for (int i = 1; i < 12; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String xml = "<?xml version=\"1.0\"?>" + dtd + "<document><title>&l11;</title>" + Feeds.journey("b-1")
                + "</document>";
        try (FeedServer server = FeedServer.http()) {
            assertRefusedKeepingBaseline(server, partner(server.url("/feed"), null), Feeds.utf8(xml), "l11");
        }
    }

    @Test
    void stops_a_gzip_bomb_at_the_decompressed_size_cap() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(Feeds.utf8("<?xml version=\"1.0\"?><document><title>"));
            byte[] zeros = new byte[1 << 20];
            Arrays.fill(zeros, (byte) '0');
            for (int i = 0; i < 64; i++) {
                gz.write(zeros);
            }
            gz.write(Feeds.utf8("</title></document>"));
        }
        byte[] bomb = bytes.toByteArray();
        assertTrue(bomb.length < 1 << 20, "64 MiB compress to " + bomb.length);
        try (FeedServer server = FeedServer.http()) {
            assertRefusedKeepingBaseline(server, partner(server.url("/feed"), null), bomb, "exceeds the limit");
        }
    }

    @Test
    void refuses_a_truncated_gzip() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            many.append(Feeds.journey("t-" + i));
        }
        byte[] gz = Feeds.gzip(Feeds.utf8(Feeds.doc(many.toString())));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        try (FeedServer server = FeedServer.http()) {
            assertRefusedKeepingBaseline(server, partner(server.url("/feed"), null), cut, "gzip");
        }
    }

    @Test
    void refuses_truncated_xml_and_non_xml() throws Exception {
        String full = Feeds.doc(Feeds.journey("u-1") + Feeds.journey("u-2"));
        try (FeedServer server = FeedServer.http()) {
            Partner p = partner(server.url("/feed"), null);
            assertRefusedKeepingBaseline(server, p, Feeds.utf8(full.substring(0, full.length() - 40)), "XML");
            assertRefusedKeepingBaseline(server, p, Feeds.utf8("<html><body>Maintenance</body></html>"), "root");
        }
    }

    @Test
    void downloads_over_https_from_a_pinned_self_signed_certificate() throws Exception {
        try (FeedServer server = FeedServer.https()) {
            byte[] body = Feeds.utf8(Feeds.doc(Feeds.journey("s-1")));
            server.handler = ex -> FeedServer.send(ex, 200, body);

            Partner pinned = partner(server.url("/feed"), server.fingerprint.toUpperCase().replaceAll("(..)(?!$)", "$1:"));
            ImportReport ok = run(pinned);
            assertEquals(ImportReport.Outcome.IMPORTED, ok.outcome(), ok.describe());
            assertEquals(List.of("s-1"), uuids(pinned));

            Partner unpinned = partner(server.url("/feed"), null);
            ImportReport refused = run(unpinned);
            assertEquals(ImportReport.Outcome.FAILED, refused.outcome());
            assertThat(refused.message(), containsString("TLS"));

            Partner wrongPin = partner(server.url("/feed"), "ab".repeat(32));
            assertEquals(ImportReport.Outcome.FAILED, run(wrongPin).outcome());
            assertEquals(List.of(), uuids(wrongPin));
            assertEquals(1, server.requests.size(), "only the pinned partner's request reached the server");
        }
    }

    @Test
    void gives_up_on_a_stalled_partner_and_keeps_the_previous_set() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (FeedServer server = FeedServer.http()) {
            Partner p = partner(server.url("/feed"), null);
            importBaseline(server, p);
            server.handler = ex -> {
                ex.sendResponseHeaders(200, 0);
                ex.getResponseBody().write(Feeds.utf8("<?xml version=\"1.0\"?><document>"));
                ex.getResponseBody().flush();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            ImportReport report = run(p);
            assertEquals(ImportReport.Outcome.FAILED, report.outcome(), report.describe());
            assertThat(report.message(), containsString("no data"));
            assertEquals(List.of("base-1", "base-2"), uuids(p));
        } finally {
            release.countDown();
        }
    }

    @Test
    void does_not_send_the_key_to_another_origin_after_a_redirect() throws Exception {
        try (FeedServer feed = FeedServer.http()) {
            Partner p = partner(feed.url("/feed"), null);
            partners.setOutboundKey(p.name, "k-redirect");
            // The same address and port under another name: a redirect the rule allows, to another origin.
            feed.handler = ex -> {
                if (ex.getRequestURI().getPath().equals("/feed")) {
                    ex.getResponseHeaders().add("Location",
                            feed.url("/elsewhere.xml").replace("127.0.0.1", "[::ffff:127.0.0.1]"));
                    FeedServer.send(ex, 302, new byte[0]);
                } else {
                    FeedServer.send(ex, 200, Feeds.utf8(Feeds.doc(Feeds.journey("r-1"))));
                }
            };
            assertEquals(ImportReport.Outcome.IMPORTED, run(p).outcome());
            assertEquals("Bearer k-redirect", feed.requests.get(0).getFirst("Authorization"));
            assertNull(feed.requests.get(1).getFirst("Authorization"));
        }
    }

    @Test
    void imports_every_partner_concurrently_so_that_a_slow_one_holds_up_no_other() throws Exception {
        CountDownLatch aArrived = new CountDownLatch(1);
        CountDownLatch bArrived = new CountDownLatch(1);
        AtomicBoolean aSawB = new AtomicBoolean();
        AtomicBoolean bSawA = new AtomicBoolean();
        try (FeedServer a = FeedServer.http(); FeedServer b = FeedServer.http()) {
            Partner pa = partner(a.url("/feed"), null);
            Partner pb = partner(b.url("/feed"), null);
            // Each partner answers only once the other's download has begun (or after 10 s): one after the other,
            // the first would wait in vain and be dropped at the read timeout.
            a.handler = ex -> {
                aArrived.countDown();
                aSawB.set(await(bArrived));
                FeedServer.send(ex, 200, Feeds.utf8(Feeds.doc(Feeds.journey("all-a"))));
            };
            b.handler = ex -> {
                bArrived.countDown();
                bSawA.set(await(aArrived));
                FeedServer.send(ex, 200, Feeds.utf8(Feeds.doc(Feeds.journey("all-b"))));
            };
            List<ImportReport> all = imports.importAll();
            assertTrue(aSawB.get() && bSawA.get(), "both downloads were under way at once");
            for (Partner p : List.of(pa, pb)) {
                ImportReport report = all.stream().filter(r -> r.partner().equals(p.name)).findFirst().orElseThrow();
                assertEquals(ImportReport.Outcome.IMPORTED, report.outcome(), report.describe());
            }
            assertEquals(List.of("all-a"), uuids(pa));
            assertEquals(List.of("all-b"), uuids(pb));
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void imports_a_local_file_and_a_given_url(@TempDir Path dir) throws Exception {
        Partner p = partner(null, null);
        Path file = dir.resolve("feed.bin");
        Files.write(file, Feeds.gzip(Feeds.utf8(Feeds.doc(Feeds.journey("f-1")))));
        assertEquals(ImportReport.Outcome.IMPORTED,
                imports.importPartner(p.name, Optional.of(file), Optional.empty()).outcome());
        assertEquals(List.of("f-1"), uuids(p));
        assertEquals(ImportReport.Outcome.FAILED, run(p).outcome(), "no feed URL configured");
        try (FeedServer server = FeedServer.http()) {
            server.handler = ex -> FeedServer.send(ex, 200, Feeds.utf8(Feeds.doc(Feeds.journey("g-1"))));
            assertEquals(ImportReport.Outcome.IMPORTED,
                    imports.importPartner(p.name, Optional.empty(), Optional.of(URI.create(server.url("/x")))).outcome());
            assertEquals(List.of("g-1"), uuids(p));
        }
    }
}
