package org.rdex.server.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Measures the export the way the issue states its targets: wall time against {@code gzip -6} on the same
 * uncompressed bytes, and peak heap. Prints figures; asserts nothing.
 */
@ApplicationScoped
public class ExportBenchmark {

    @Inject
    ExportService exports;

    public void run(java.io.PrintStream out) throws IOException, InterruptedException {
        // The first run is the command line's fresh JVM; the second, the nightly job in a running server.
        double first = once(out, "first run (fresh JVM)", true);
        if (first > 0) {
            once(out, "second run (warm, as the nightly job in a running server)", false);
        }
    }

    private double once(java.io.PrintStream out, String label, boolean compare) throws IOException, InterruptedException {
        Path copy = Files.createTempFile("rdex-bench", ".xml.gz");
        Path plain = Files.createTempFile("rdex-bench", ".xml");
        Path dtd = Files.createTempFile("rdex-bench", ".dtd");
        try {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long gcBefore = gcCount();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            double load = os.getSystemLoadAverage();
            LiveHeap live = LiveHeap.watch();
            ExportResult result;
            try {
                result = exports.export(Optional.of(copy));
            } finally {
                live.stop();
            }
            long cpu = os.getProcessCpuTime() - cpuBefore;
            long jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long gcs = gcCount() - gcBefore;
            if (result.status() != ExportResult.Status.PUBLISHED) {
                out.println("export did not publish: " + result.summary());
                return 0;
            }
            double seconds = result.writing().toNanos() / 1e9;
            out.printf("== %s, load average %.1f at start%n", label, load);
            out.printf("journeys:            %d%n", result.journeys());
            out.printf("export seconds:      %.2f (database read, XML validated per journey, gzip; then publication:"
                    + " %.2f s more)%n", seconds, (result.total().toNanos() - result.writing().toNanos()) / 1e9);
            out.printf("journeys per second: %.0f%n", result.journeys() / seconds);
            out.printf("JVM CPU per journey: %.1f us (JIT compiler threads: %.2f s)%n",
                    cpu / 1000.0 / result.journeys(), jitMillis / 1000.0);
            out.printf("compressed bytes:    %d (uncompressed %d)%n", result.bytes(), result.uncompressedBytes());
            out.printf("peak heap:           %.1f MiB used (garbage included), %.1f MiB live after GC"
                    + " (max heap %.0f MiB, %d GCs)%n", peakHeap / 1048576.0, live.peak() / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576.0, gcs);
            if (!compare) {
                compareWith(out, seconds);
                return seconds;
            }
            try (InputStream in = new GZIPInputStream(Files.newInputStream(copy), 1 << 16);
                    OutputStream to = Files.newOutputStream(plain)) {
                in.transferTo(to);
            }
            Optional<Double> gzip = time("gzip", "-6", "-c", plain.toString());
            gzipSeconds = gzip.orElse(0.0);
            if (gzip.isPresent()) {
                out.printf("gzip -6 seconds:     %.2f on the same %d uncompressed bytes%n", gzip.get(), Files.size(plain));
            } else {
                out.println("gzip -6 seconds:     (gzip not on the PATH)");
            }
            try (InputStream in = org.rdex.server.rdex.RdexDtd.MINIMAL.open()) {
                Files.copy(in, dtd, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            // --dtdvalid with the DTD's local copy: --valid would fetch the DOCTYPE's URL.
            Optional<Double> xmllint = time("xmllint", "--stream", "--noout", "--nonet", "--dtdvalid", dtd.toString(),
                    plain.toString());
            xmllintSeconds = xmllint.orElse(0.0);
            out.println(xmllint.map(x -> String.format("xmllint seconds:     %.2f (--stream --dtdvalid, same bytes)", x))
                    .orElse("xmllint seconds:     (xmllint not on the PATH: apt-get install libxml2-utils)"));
            compareWith(out, seconds);
            return seconds;
        } finally {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(plain);
            Files.deleteIfExists(dtd);
        }
    }

    private double gzipSeconds;
    private double xmllintSeconds;

    private void compareWith(java.io.PrintStream out, double seconds) {
        if (gzipSeconds > 0) {
            out.printf("ratio export/gzip:   %.2f (bar: fresh JVM <= 1.0, running server <= 0.7)%n", seconds / gzipSeconds);
        }
        if (xmllintSeconds > 0) {
            out.printf("ratio export/xmllint: %.2f%n", seconds / xmllintSeconds);
        }
    }

    private static Optional<Double> time(String... command) throws InterruptedException {
        try {
            ProcessBuilder process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            long started = System.nanoTime();
            int exit = process.start().waitFor();
            return exit == 0 ? Optional.of((System.nanoTime() - started) / 1e9) : Optional.empty();
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
    }

    /** Largest heap still in use right after a collection: what the export really holds on to. */
    private static final class LiveHeap implements javax.management.NotificationListener {
        private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();

        static LiveHeap watch() {
            LiveHeap listener = new LiveHeap();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener(listener, null, null);
            }
            return listener;
        }

        @Override
        public void handleNotification(javax.management.Notification notification, Object handback) {
            if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                    .equals(notification.getType())) {
                return;
            }
            var info = com.sun.management.GarbageCollectionNotificationInfo
                    .from((javax.management.openmbean.CompositeData) notification.getUserData());
            long used = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> {
                        var after = info.getGcInfo().getMemoryUsageAfterGc().get(p.getName());
                        return after == null ? 0 : after.getUsed();
                    }).sum();
            peak.accumulateAndGet(used, Math::max);
        }

        void stop() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                try {
                    ((javax.management.NotificationEmitter) gc).removeNotificationListener(this);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // Never registered on this collector.
                }
            }
        }

        long peak() {
            return peak.get();
        }
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }
}
