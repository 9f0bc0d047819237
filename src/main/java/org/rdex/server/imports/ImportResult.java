package org.rdex.server.imports;

import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.rdex.server.partner.ImportReport;
import org.rdex.server.partner.ImportReport.Outcome;
import org.rdex.server.rdex.RdexFormatException;

/**
 * How one import attempt ended, before it is timed and recorded as an {@link ImportReport}.
 *
 * @param stored what the store kept, null unless imported
 */
record ImportResult(Outcome outcome, String source, long bytes, JourneyStore.Stored stored, String message) {

    static ImportResult noFeedUrl() {
        return new ImportResult(Outcome.FAILED, "(none)", 0, null, "the partner has no feed URL");
    }

    static ImportResult notModified(String source) {
        return new ImportResult(Outcome.UNCHANGED, source, 0, null, "not modified since the last import");
    }

    /** The file as a whole is unusable: the partner's journeys stay as they were. */
    static ImportResult refused(String source, long bytes, RdexFormatException e) {
        return new ImportResult(Outcome.REFUSED, source, bytes, null, "file refused: " + JourneyStore.clip(e.getMessage()));
    }

    static ImportResult imported(String source, long bytes, JourneyStore.Stored stored) {
        return new ImportResult(Outcome.IMPORTED, source, bytes, stored, null);
    }

    /**
     * Anything thrown on the way. A download error's message is written to be shown; any other throwable is
     * named by its class only, as its message may hold partner data.
     */
    static ImportResult failed(Throwable e, Optional<Path> file, Optional<URI> url, String feedUrl) {
        if (e instanceof NoSuchFileException) {
            return new ImportResult(Outcome.FAILED, file.map(Path::toString).orElse("?"), 0, null, "no such file");
        }
        if (e instanceof DownloadException) {
            return new ImportResult(Outcome.FAILED, url.map(URI::toString).orElse(feedUrl), 0, null, e.getMessage());
        }
        return new ImportResult(Outcome.FAILED,
                file.map(Path::toString).orElseGet(() -> url.map(URI::toString).orElse(feedUrl)), 0, null,
                "import failed: " + e.getClass().getSimpleName());
    }

    ImportReport report(String partner, Instant started, long durationMs) {
        return new ImportReport(partner, started, started.plusMillis(durationMs), source, outcome, bytes,
                stored == null ? 0 : stored.accepted(), stored == null ? 0 : stored.rejected(),
                stored == null ? 0 : stored.expired(), stored == null ? List.of() : stored.rejections(),
                stored == null ? List.of() : stored.warnings(), durationMs, message);
    }
}
