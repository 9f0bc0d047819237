package org.rdex.server.imports;

import org.rdex.server.partner.ImportReports;
import org.rdex.server.partner.ImportReport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.Texts;
import org.rdex.server.db.ScratchFiles;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.rdex.RdexFormatException;
import org.rdex.server.rdex.RdexReader;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Imports one partner's RDEX file: from a local file, a given URL, or the partner's feed URL (the nightly
 * case, conditional and with the partner's key). Whatever happens, a report is recorded and returned;
 * only a file read to its end replaces the partner's journeys.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);

    @Inject
    PartnerService partners;
    @Inject
    FeedDownloader downloader;
    @Inject
    JourneyStore store;
    @Inject
    ImportReports reports;
    @Inject
    ImportConfig config;
    @Inject
    ScratchFiles scratchFiles;

    /**
     * Runs one import now.
     *
     * @param file read this local file instead of downloading
     * @param url  download this URL instead of the partner's feed URL (not conditional; the partner's key is
     *             not sent to it)
     * @throws ApiException 404 when there is no such partner
     */
    public ImportReport importPartner(String name, Optional<Path> file, Optional<URI> url) {
        Partner partner = partners.findByName(name).orElseThrow(() -> ApiException.notFound("Partner"));
        // Microseconds: what the database keeps, so a report reads back equal to the one returned.
        Instant started = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        long t0 = System.nanoTime();
        String source;
        ImportReport report;
        Path downloaded = null;
        try {
            Path input;
            FeedDownloader.Fetched fetched = null;
            if (file.isPresent()) {
                source = file.get().toAbsolutePath().toString();
                input = file.get();
            } else {
                boolean feed = url.isEmpty();
                URI uri = url.orElseGet(() -> partner.feedUrl == null ? null : URI.create(partner.feedUrl));
                source = uri == null ? "(none)" : uri.toString();
                if (uri == null) {
                    report = report(partner, started, t0, source, ImportReport.Outcome.FAILED, 0, null,
                            "the partner has no feed URL");
                    return finish(partner, report);
                }
                FeedDownloader.Result result = downloader.download(new FeedDownloader.Request(uri,
                        feed ? partners.outboundKey(partner) : Optional.empty(),
                        Optional.ofNullable(partner.pinnedFingerprints()),
                        feed ? Optional.ofNullable(partner.feedEtag) : Optional.empty(),
                        feed ? Optional.ofNullable(partner.feedLastModified) : Optional.empty()),
                        scratchFiles.directory("imports"));
                if (result instanceof FeedDownloader.NotModified) {
                    report = report(partner, started, t0, source, ImportReport.Outcome.UNCHANGED, 0, null,
                            "not modified since the last import");
                    return finish(partner, report);
                }
                fetched = (FeedDownloader.Fetched) result;
                downloaded = fetched.file();
                input = downloaded;
                if (!feed) {
                    fetched = null;
                }
            }
            long bytes = Files.size(input);
            JourneyStore.Stored stored;
            try (InputStream in = Files.newInputStream(input)) {
                stored = store.replace(partner.id, partner.operator, in,
                        config.readerOptions(),
                        LocalDate.now(), config.maxReportedProblems());
            } catch (RdexFormatException e) {
                report = report(partner, started, t0, source, ImportReport.Outcome.REFUSED, bytes, null,
                        "file refused: " + JourneyStore.clip(e.getMessage()));
                return finish(partner, report);
            }
            if (fetched != null) {
                partners.rememberFeedVersion(partner.id, fetched.etag(), fetched.lastModified());
            }
            report = report(partner, started, t0, source, ImportReport.Outcome.IMPORTED, bytes, stored, null);
            return finish(partner, report);
        } catch (NoSuchFileException e) {
            return finish(partner, report(partner, started, t0, file.map(Path::toString).orElse("?"),
                    ImportReport.Outcome.FAILED, 0, null, "no such file"));
        } catch (DownloadException e) {
            return finish(partner, report(partner, started, t0, url.map(URI::toString).orElse(partner.feedUrl),
                    ImportReport.Outcome.FAILED, 0, null, e.getMessage()));
        } catch (Throwable e) {
            // Whatever it is (an OutOfMemoryError included), the store released the connection, the COPY
            // and the partner's lock on its way out: record the failure and let the next import run.
            LOG.errorf(e, "Import of partner %s failed", partner.name);
            return finish(partner, report(partner, started, t0,
                    file.map(Path::toString).orElseGet(() -> url.map(URI::toString).orElse(partner.feedUrl)),
                    ImportReport.Outcome.FAILED, 0, null, "import failed: " + e.getClass().getSimpleName()));
        } finally {
            if (downloaded != null) {
                try {
                    Files.deleteIfExists(downloaded);
                } catch (IOException e) {
                    LOG.warnf("Cannot delete %s", downloaded);
                }
            }
        }
    }

    /** Imports every partner that has a feed URL, one after the other; never throws. */
    public List<ImportReport> importAll() {
        return partners.list().stream().filter(p -> p.feedUrl != null).map(p -> {
            try {
                return importPartner(p.name, Optional.empty(), Optional.empty());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Import of partner %s failed", p.name);
                return null;
            }
        }).filter(r -> r != null).toList();
    }

    private static ImportReport report(Partner partner, Instant started, long t0, String source,
            ImportReport.Outcome outcome, long bytes, JourneyStore.Stored stored, String message) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new ImportReport(partner.name, started, started.plusMillis(ms), source, outcome, bytes,
                stored == null ? 0 : stored.accepted(), stored == null ? 0 : stored.rejected(),
                stored == null ? 0 : stored.expired(), stored == null ? List.of() : stored.rejections(),
                stored == null ? List.of() : stored.warnings(), ms, message);
    }

    private ImportReport finish(Partner partner, ImportReport report) {
        try {
            reports.record(partner.id, report, config.keepReports());
        } catch (SQLException e) {
            LOG.errorf(e, "Cannot record the import report of partner %s", partner.name);
        }
        String line = "Import of partner " + partner.name + ": " + report.outcome() + ", accepted "
                + report.accepted() + ", rejected " + report.rejected() + ", expired " + report.expired() + ", "
                + report.bytes() + " bytes in " + report.durationMs() + " ms"
                + (report.message() == null ? "" : ": " + Texts.abbreviate(report.message()));
        if (report.succeeded()) {
            LOG.info(line);
        } else {
            LOG.warn(line);
        }
        return report;
    }
}
