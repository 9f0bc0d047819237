package org.rdex.server.imports;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.Texts;
import org.rdex.server.db.ScratchFiles;
import org.rdex.server.partner.ImportReport;
import org.rdex.server.partner.ImportReportRepository;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.rdex.DecompressedSize;
import org.rdex.server.rdex.RdexFormatException;

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
    ImportReportRepository reports;
    @Inject
    ImportConfig config;
    @Inject
    ScratchFiles scratchFiles;

    /**
     * Runs one import now: chooses the source, downloads it unless local, stores it, and records the report
     * whatever happened.
     *
     * @param file read this local file instead of downloading
     * @param url  download this URL instead of the partner's feed URL (not conditional; the partner's key is
     *             not sent to it)
     * @throws ApiException 404 when there is no such partner
     */
    public ImportReport importPartner(String name, Optional<Path> file, Optional<URI> url) {
        Partner partner = partners.findByName(name).orElseThrow(() -> ApiException.notFound("Partner"));
        // Microseconds: what the database keeps, so a report reads back equal to the one returned.
        Instant started = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long t0 = System.nanoTime();
        ImportResult result = attempt(partner, file, url);
        return finish(partner, result.report(partner.name, started, (System.nanoTime() - t0) / 1_000_000));
    }

    /** The steps of one import; whatever they throw ends here as a FAILED result. */
    private ImportResult attempt(Partner partner, Optional<Path> file, Optional<URI> url) {
        Path downloaded = null;
        try {
            ImportSource source = ImportSource.choose(file, url, partner.feedUrl);
            if (source.kind() == ImportSource.Kind.NONE) {
                return ImportResult.noFeedUrl();
            }
            if (source.kind() == ImportSource.Kind.FILE) {
                return store(partner, source, source.file(), null);
            }
            if (!(download(partner, source) instanceof FeedDownloader.Fetched fetched)) {
                return ImportResult.notModified(source.name());
            }
            downloaded = fetched.file();
            return store(partner, source, downloaded, fetched);
        } catch (NoSuchFileException | DownloadException e) {
            return ImportResult.failed(e, file, url, partner.feedUrl);
        } catch (Throwable e) {
            // Whatever it is (an OutOfMemoryError included), the store released the connection, the COPY
            // and the partner's lock on its way out: record the failure and let the next import run.
            LOG.errorf(e, "Import of partner %s failed", partner.name);
            return ImportResult.failed(e, file, url, partner.feedUrl);
        } finally {
            deleteDownload(downloaded);
        }
    }

    private FeedDownloader.Result download(Partner partner, ImportSource source) throws IOException {
        return downloader.download(source.request(partner, () -> partners.outboundKey(partner)),
                scratchFiles.directory("imports"));
    }

    /**
     * Replaces the partner's journeys with those of {@code input}; a feed's version is remembered only once its
     * file is stored, so that a failed import is downloaded again next time.
     */
    private ImportResult store(Partner partner, ImportSource source, Path input, FeedDownloader.Fetched fetched)
            throws IOException, SQLException {
        long bytes = Files.size(input);
        JourneyStore.Stored stored;
        try (InputStream in = Files.newInputStream(input)) {
            // A file known to be too big is refused before parsing, not after minutes of COPY rolled back.
            DecompressedSize.check(input, config.maxDecompressedBytes());
            stored = store.replace(partner.id, partner.operator, in, config.readerOptions(), LocalDate.now(),
                    config.maxReportedProblems());
        } catch (RdexFormatException e) {
            return ImportResult.refused(source.name(), bytes, e);
        }
        if (source.isFeed()) {
            partners.rememberFeedVersion(partner.id, fetched.etag(), fetched.lastModified());
        }
        return ImportResult.imported(source.name(), bytes, stored);
    }

    private static void deleteDownload(Path downloaded) {
        if (downloaded != null) {
            try {
                Files.deleteIfExists(downloaded);
            } catch (IOException e) {
                LOG.warnf("Cannot delete %s", downloaded);
            }
        }
    }

    /**
     * Imports every partner that has a feed URL, {@code rdex.import.concurrency} at a time, so that a slow
     * partner never holds up the others (each import takes its own partner's lock); never throws. The reports
     * come in the partners' order.
     */
    public List<ImportReport> importAll() {
        List<String> names = partners.list().stream().filter(p -> p.feedUrl != null).map(p -> p.name).toList();
        if (names.isEmpty()) {
            return List.of();
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(config.concurrency(), names.size())),
                r -> {
                    Thread t = new Thread(r, "rdex-import-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<ImportReport>> running = names.stream().map(name -> pool.submit(() -> {
                try {
                    return importPartner(name, Optional.empty(), Optional.empty());
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Import of partner %s failed", name);
                    return null;
                }
            })).toList();
            List<ImportReport> reports = new ArrayList<>();
            for (Future<ImportReport> future : running) {
                ImportReport report = future.get();
                if (report != null) {
                    reports.add(report);
                }
            }
            return reports;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Import of every partner interrupted");
            return List.of();
        } catch (ExecutionException e) {
            // importPartner's own failures are caught above: only an Error gets here.
            LOG.error("Import of every partner failed", e.getCause());
            return List.of();
        } finally {
            pool.shutdownNow();
        }
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
