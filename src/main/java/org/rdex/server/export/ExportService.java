package org.rdex.server.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.rdex.server.db.AdvisoryLock;
import org.rdex.server.db.ScratchFiles;
import org.rdex.server.common.Failures;
import org.rdex.server.common.OperatorConfig;
import org.rdex.server.rdex.RdexDtd;
import org.rdex.server.rdex.RdexWriter;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Makes the RDEX file: own, still valid journeys are read in ranges by parallel workers from one database
 * snapshot, written as XML (validated against the DTD as it is written; a journey that does not validate is left
 * out) and deflated into gzip members concatenated in order ({@link ChunkedExport}) into a scratch file, and only
 * then published. Memory does not grow with the number of
 * journeys. The nightly job, the start-up run and the CLI all call {@link #export(Optional)}.
 */
@ApplicationScoped
public class ExportService {

    private static final Logger LOG = Logger.getLogger(ExportService.class);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ExportConfig config;
    @Inject
    OperatorConfig operator;
    @Inject
    ScratchFiles scratchFiles;
    @Inject
    ExportStore store;
    @Inject
    MeterRegistry registry;
    @Inject
    Event<ExportPublished> published;
    /** The open data's producer, named in the title when set (the operator otherwise). */
    @ConfigProperty(name = "rdex.opendata.producer.name")
    Optional<String> producer;

    Clock clock = Clock.systemDefaultZone();
    private final AtomicLong lastJourneys = new AtomicLong();
    private final AtomicLong lastSuccessEpoch = new AtomicLong();

    void registerGauges(@Observes StartupEvent event) {
        registry.gauge("rdex.export.journeys", lastJourneys);
        registry.gauge("rdex.export.last.success.seconds", lastSuccessEpoch);
        // Registered now, at zero, so that an alert on them works from the start, not only after the first export.
        Timer.builder("rdex.export.duration").register(registry);
        registry.counter("rdex.export.failures");
        store.current().ifPresent(p -> {
            lastJourneys.set(p.journeys());
            lastSuccessEpoch.set(p.publishedAt().getEpochSecond());
        });
    }

    /** Runs one export unless another one holds the lock; {@code copy} also receives the published file. */
    public ExportResult export(Optional<Path> copy) {
        try {
            return AdvisoryLock.ifFree(dataSource, AdvisoryLock.EXPORT,
                    () -> Timer.builder("rdex.export.duration").register(registry).record(() -> run(copy)))
                    .orElseGet(() -> {
                        LOG.info("Export skipped: another export holds the lock");
                        return new ExportResult(ExportResult.Status.SKIPPED_LOCKED, 0, 0, 0, 0, 0, Duration.ZERO,
                                Duration.ZERO, List.of());
                    });
        } catch (SQLException e) {
            LOG.error("Export could not start: database unavailable", e);
            return failed(0, 0, "database unavailable: " + Failures.describe(e), 0);
        }
    }

    private ExportResult run(Optional<Path> copy) {
        long started = System.nanoTime();
        boolean minimal = !extensions(config);
        long runId = 0;
        Path scratch = null;
        Counts counts = new Counts();
        try {
            runId = store.startRun(minimal);
            scratch = Files.createTempFile(scratchFiles.directory("export"), "run-" + runId + "-", ".xml.gz");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            write(scratch, sha256, minimal, counts);
            Duration writing = Duration.ofNanos(System.nanoTime() - started);
            long bytes = Files.size(scratch);
            LOG.infof("Export run %d wrote %d journeys valid against %s (%d skipped), %d bytes in %.2f s", runId,
                    counts.written, minimal ? "the specification's DTD" : "our extended DTD", counts.skipped, bytes,
                    writing.toMillis() / 1000.0);
            String digest = HexFormat.of().formatHex(sha256.digest());
            store.publish(runId, scratch, counts.written, digest, config.keepRuns());
            announce(new ExportPublished(runId, scratch, digest, bytes, counts.written, counts.options));
            if (copy.isPresent()) {
                Files.copy(scratch, copy.get(), StandardCopyOption.REPLACE_EXISTING);
            }
            Duration total = Duration.ofNanos(System.nanoTime() - started);
            lastJourneys.set(counts.written);
            lastSuccessEpoch.set(clock.instant().getEpochSecond());
            registry.counter("rdex.export.journeys.written").increment(counts.written);
            ExportResult result = new ExportResult(ExportResult.Status.PUBLISHED, runId, counts.written,
                    counts.skipped, bytes, counts.uncompressed, writing, total, List.of());
            LOG.info(result.summary());
            return result;
        } catch (Exception e) {
            // The job boundary: whatever broke, the previous file stays and the run says why.
            LOG.errorf(e, "Export run %d failed; the previous file stays published", runId);
            String problem = "error: " + Failures.describe(e);
            try {
                if (runId > 0) {
                    store.fail(runId, counts.written, problem);
                }
            } catch (SQLException nested) {
                // The run stays RUNNING until the database is back (ExportStore.failInterrupted).
                LOG.warnf("Cannot record the failed export run %d: %s", runId, Failures.describe(nested));
            }
            return failed(runId, counts.written, problem, started);
        } finally {
            if (scratch != null) {
                try {
                    Files.deleteIfExists(scratch);
                } catch (IOException e) {
                    LOG.warnf("Cannot delete scratch file %s", scratch);
                }
            }
        }
    }

    private static final class Counts {
        long written;
        long skipped;
        long uncompressed;
        RdexWriter.Options options;
    }

    private void write(Path scratch, MessageDigest sha256, boolean minimal, Counts counts)
            throws IOException, SQLException {
        RdexWriter.Options options = RdexWriter.Options.defaults()
                .withExtensions(!minimal)
                .withCoordinateDecimals(config.coordinateDecimals())
                .withIncludeAddress(config.includeAddress())
                .withIncludeImage(config.includeImage())
                .withDtdUrl(dtdUrl(config, minimal ? RdexDtd.MINIMAL : RdexDtd.FULL))
                .withThreads(config.compressionThreads())
                .withTitle(config.title().replace("%s", producer.filter(p -> !p.isBlank()).orElse(operator.name())));
        counts.options = options;
        // One corrupt row must not cost partners the whole file: the writer leaves it out.
        ChunkedExport.Listener listener = new ChunkedExport.Listener() {
            private long logged;

            @Override
            public void skipped(String uuid, String reason) {
                LOG.warnf("Export skips journey %s: %s", uuid, reason);
            }

            @Override
            public void progress(long journeys) {
                if (journeys / config.progressEvery() > logged) {
                    logged = journeys / config.progressEvery();
                    LOG.infof("Export progress: %d journeys read", journeys);
                }
            }
        };
        ChunkedExport export = new ChunkedExport(dataSource, options, config.compressionLevel(),
                config.compressionThreads(), LocalDate.now(clock), listener);
        try (OutputStream file = new DigestOutputStream(
                new BufferedOutputStream(Files.newOutputStream(scratch), 1 << 16), sha256)) {
            ChunkedExport.Totals totals = export.write(file);
            counts.written = totals.written();
            counts.skipped = totals.skipped();
            counts.uncompressed = totals.uncompressed();
        }
    }

    /** {@code extensions}, else the former {@code minimal-dtd} switch, else off. */
    @SuppressWarnings("deprecation")
    static boolean extensions(ExportConfig config) {
        if (config.extensions().isPresent()) {
            return config.extensions().get();
        }
        config.minimalDtd().ifPresent(minimal -> LOG.warn(
                "rdex.export.minimal-dtd is deprecated: set rdex.export.extensions=" + !minimal + " instead"));
        return config.minimalDtd().map(minimal -> !minimal).orElse(false);
    }

    /** {@code dtd-url} if set, else the DTD's file name under {@code dtd-base-url}. */
    static String dtdUrl(ExportConfig config, RdexDtd dtd) {
        if (config.dtdUrl().isPresent()) {
            String url = config.dtdUrl().get().strip();
            if (!url.endsWith("/" + dtd.fileName())) {
                LOG.warnf("rdex.export.dtd-url %s does not name %s, the DTD this file is written for", url,
                        dtd.fileName());
            }
            return url;
        }
        String base = config.dtdBaseUrl().strip();
        return (base.endsWith("/") ? base : base + "/") + dtd.fileName();
    }

    /** Tells observers (open data) about the new file; nothing they do can undo the publication. */
    private void announce(ExportPublished event) {
        try {
            published.fire(event);
        } catch (RuntimeException e) {
            LOG.errorf(e, "An observer of export run %d failed; the file stays published", event.runId());
        }
    }

    private ExportResult failed(long runId, long journeys, String problem, long started) {
        Duration total = started == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
        registry.counter("rdex.export.failures").increment();
        return new ExportResult(ExportResult.Status.FAILED, runId, journeys, 0, 0, 0, total, total, List.of(problem));
    }
}
