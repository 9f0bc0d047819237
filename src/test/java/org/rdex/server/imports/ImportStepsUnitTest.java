package org.rdex.server.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.rdex.server.partner.ImportReport;
import org.rdex.server.partner.ImportReport.Outcome;
import org.rdex.server.partner.Partner;
import org.rdex.server.rdex.RdexFormatException;

/**
 * The decisions of one import, without HTTP or database: which source is read, what the download sends, and
 * what each ending reports. {@code ImportHttpTest} runs the same paths end to end.
 */
class ImportStepsUnitTest {

    private static final Optional<Path> NO_FILE = Optional.empty();
    private static final Optional<URI> NO_URL = Optional.empty();
    private static final String FEED = "https://partner.example/rdex.xml.gz";

    private static Partner partner() {
        Partner p = new Partner();
        p.name = "steps";
        p.feedUrl = FEED;
        p.feedEtag = "\"v1\"";
        p.feedLastModified = "Wed, 21 Oct 2015 07:28:00 GMT";
        p.tlsFingerprint = "ab".repeat(32);
        return p;
    }

    @Test
    void a_file_wins_over_a_url_and_a_url_over_the_feed() {
        Path file = Path.of("feed.xml");
        ImportSource fromFile = ImportSource.choose(Optional.of(file), Optional.of(URI.create("https://x.example/")), FEED);
        assertEquals(ImportSource.Kind.FILE, fromFile.kind());
        assertEquals(file.toAbsolutePath().toString(), fromFile.name());

        ImportSource fromUrl = ImportSource.choose(NO_FILE, Optional.of(URI.create("https://x.example/f")), FEED);
        assertEquals(ImportSource.Kind.URL, fromUrl.kind());
        assertEquals("https://x.example/f", fromUrl.name());

        ImportSource fromFeed = ImportSource.choose(NO_FILE, NO_URL, FEED);
        assertEquals(ImportSource.Kind.FEED, fromFeed.kind());
        assertEquals(FEED, fromFeed.name());
    }

    @Test
    void without_a_feed_url_there_is_no_source_and_the_import_fails_saying_so() {
        ImportSource none = ImportSource.choose(NO_FILE, NO_URL, null);
        assertEquals(ImportSource.Kind.NONE, none.kind());
        assertEquals("(none)", none.name());
        ImportResult result = ImportResult.noFeedUrl();
        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals("(none)", result.source());
        assertEquals("the partner has no feed URL", result.message());
    }

    @Test
    void a_feed_url_that_is_no_uri_fails_as_an_unexpected_error_named_by_class_only() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImportSource.choose(NO_FILE, NO_URL, "https://bad example/ secret"));
        ImportResult result = ImportResult.failed(e, NO_FILE, NO_URL, "https://bad example/ secret");
        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals("import failed: IllegalArgumentException", result.message());
    }

    @Test
    void the_feed_download_is_conditional_and_carries_the_partners_key() {
        FeedDownloader.Request request = ImportSource.choose(NO_FILE, NO_URL, FEED)
                .request(partner(), () -> Optional.of("their-key"));
        assertEquals(URI.create(FEED), request.uri());
        assertEquals(Optional.of("their-key"), request.bearer());
        assertEquals(Optional.of("\"v1\""), request.etag());
        assertEquals(Optional.of("Wed, 21 Oct 2015 07:28:00 GMT"), request.lastModified());
        assertEquals(Optional.of("ab".repeat(32)), request.pinnedFingerprint());
    }

    @Test
    void a_url_given_for_one_run_gets_neither_the_key_nor_the_validators_but_keeps_the_pins() {
        FeedDownloader.Request request = ImportSource.choose(NO_FILE, Optional.of(URI.create("https://x.example/f")), FEED)
                .request(partner(), () -> {
                    throw new AssertionError("the key was read for a URL that is not the partner's feed");
                });
        assertEquals(Optional.empty(), request.bearer());
        assertEquals(Optional.empty(), request.etag());
        assertEquals(Optional.empty(), request.lastModified());
        assertEquals(Optional.of("ab".repeat(32)), request.pinnedFingerprint());
        assertTrue(ImportSource.choose(NO_FILE, NO_URL, FEED).isFeed());
        assertFalse(ImportSource.choose(NO_FILE, Optional.of(URI.create("https://x.example/f")), FEED).isFeed());
    }

    @Test
    void not_modified_is_unchanged() {
        ImportResult result = ImportResult.notModified(FEED);
        assertEquals(Outcome.UNCHANGED, result.outcome());
        assertEquals("not modified since the last import", result.message());
        assertTrue(result.report("p", Instant.EPOCH, 0).succeeded());
    }

    @Test
    void a_refused_file_keeps_its_size_and_a_clipped_printable_reason() {
        ImportResult result = ImportResult.refused(FEED, 1234,
                new RdexFormatException("decompressed size exceeds the limit\n" + "x".repeat(500)));
        assertEquals(Outcome.REFUSED, result.outcome());
        assertEquals(1234, result.bytes());
        assertTrue(result.message().startsWith("file refused: decompressed size exceeds the limit?"), result.message());
        assertTrue(result.message().length() <= "file refused: ".length() + 200, result.message());
    }

    @Test
    void a_download_error_is_reported_with_its_message_against_the_url_read() {
        ImportResult feed = ImportResult.failed(new DownloadException("the feed answered HTTP 503"), NO_FILE, NO_URL, FEED);
        assertEquals(Outcome.FAILED, feed.outcome());
        assertEquals(FEED, feed.source());
        assertEquals("the feed answered HTTP 503", feed.message());
        ImportResult given = ImportResult.failed(new DownloadException("too big"), NO_FILE,
                Optional.of(URI.create("https://x.example/f")), FEED);
        assertEquals("https://x.example/f", given.source());
        assertEquals("too big", given.message());
    }

    @Test
    void a_missing_local_file_is_named_as_given() {
        ImportResult result = ImportResult.failed(new NoSuchFileException("/tmp/secret/feed.xml"),
                Optional.of(Path.of("feed.xml")), NO_URL, FEED);
        assertEquals("feed.xml", result.source());
        assertEquals("no such file", result.message());
    }

    @Test
    void any_other_throwable_is_named_by_its_class_never_its_message() {
        ImportResult oom = ImportResult.failed(new OutOfMemoryError("partner data"), Optional.of(Path.of("f.xml")),
                NO_URL, FEED);
        assertEquals(Outcome.FAILED, oom.outcome());
        assertEquals("f.xml", oom.source());
        assertEquals("import failed: OutOfMemoryError", oom.message());
        assertEquals(FEED, ImportResult.failed(new IllegalStateException("x"), NO_FILE, NO_URL, FEED).source());
    }

    @Test
    void the_report_carries_the_stored_counts_and_its_duration() {
        Instant started = Instant.parse("2026-03-04T05:06:07.123456Z");
        JourneyStore.Stored stored = new JourneyStore.Stored(5, 2, 1, List.of("u: bad"), List.of("w"));
        ImportReport report = ImportResult.imported(FEED, 99, stored).report("p", started, 250);
        assertEquals(Outcome.IMPORTED, report.outcome());
        assertEquals(started.plusMillis(250), report.finishedAt());
        assertEquals(250, report.durationMs());
        assertEquals(List.of(5L, 2L, 1L, 99L), List.of(report.accepted(), report.rejected(), report.expired(), report.bytes()));
        assertEquals(List.of("u: bad"), report.rejections());
        assertNull(report.message());

        ImportReport failed = ImportResult.noFeedUrl().report("p", started, 3);
        assertEquals(List.of(0L, 0L, 0L), List.of(failed.accepted(), failed.rejected(), failed.expired()));
        assertEquals(List.of(), failed.rejections());
        assertEquals(List.of(), failed.warnings());
    }
}
