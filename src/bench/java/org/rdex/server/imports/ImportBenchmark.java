package org.rdex.server.imports;

import org.rdex.server.partner.ImportReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import org.rdex.server.db.DataDirectory;
import org.rdex.server.model.DayWindow;
import org.rdex.server.model.SharedJourney;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.rdex.RdexWriter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Times the import of a large {@code .xml.gz} end to end (read, parse, COPY, replace) into the partner
 * {@code bench-import}, with peak heap, beside {@code gzip -dc | xmllint --valid --stream} on the same file.
 * Prints figures; asserts nothing.
 */
@ApplicationScoped
public class ImportBenchmark {

    static final String PARTNER = "bench-import";
    /** Town centres (lat, lon) of the generated journeys. */
    static final double[][] TOWNS = { { 48.8566, 2.3522 }, { 43.2965, 5.3698 }, { 45.7640, 4.8357 },
            { 43.6047, 1.4442 }, { 43.7102, 7.2620 }, { 47.2184, -1.5536 }, { 43.6108, 3.8767 },
            { 48.5734, 7.7521 }, { 44.8378, -0.5792 }, { 50.6292, 3.0573 }, { 48.1173, -1.6778 },
            { 49.2583, 4.0317 }, { 43.1242, 5.9280 }, { 45.4397, 4.3872 }, { 49.4944, 0.1079 },
            { 45.1885, 5.7245 }, { 47.3220, 5.0415 }, { 47.4784, -0.5632 }, { 43.8367, 4.3601 },
            { 45.7772, 3.0870 }, { 43.5297, 5.4474 }, { 48.3904, -4.4861 }, { 47.3941, 0.6848 },
            { 49.8941, 2.2958 }, { 45.8336, 1.2611 }, { 45.8992, 6.1294 }, { 42.6887, 2.8948 },
            { 49.1193, 6.1757 }, { 47.2378, 6.0241 }, { 47.9030, 1.9093 }, { 49.4431, 1.0993 },
            { 49.1829, -0.3707 }, { 48.6921, 6.1844 }, { 46.1603, -1.1511 }, { 45.9421, -0.9588 },
            { 46.5802, 0.3404 }, { 43.2951, -0.3708 }, { 44.9334, 4.8924 }, { 47.7508, 7.3359 },
            { 46.3237, -0.4588 } };

    @Inject
    ImportService imports;
    @Inject
    PartnerService partners;
    @Inject
    DataDirectory dataDirectory;

    public void run(PrintStream out, int count, Optional<Path> given) throws IOException, InterruptedException {
        Path file = given.orElse(dataDirectory.resolve("bench").resolve("import-" + count + ".xml.gz"));
        if (given.isEmpty() && !Files.exists(file)) {
            long t0 = System.nanoTime();
            generate(file, count);
            out.printf("generated:           %s (%d journeys, %d bytes) in %.1f s%n", file, count, Files.size(file),
                    (System.nanoTime() - t0) / 1e9);
        }
        if (partners.findByName(PARTNER).isEmpty()) {
            partners.add(new NewPartner(PARTNER, "bench", null, java.util.List.of("bench.example"), null, null));
        }
        for (String run : new String[] { "first import", "replacing import" }) {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long gcBefore = gcCount();
            long javaCpu0 = javaCpuNanos();
            OptionalLong dbCpu0 = databaseCpuTicks();
            long t0 = System.nanoTime();
            ImportReport report = imports.importPartner(PARTNER, Optional.of(file), Optional.empty());
            double seconds = (System.nanoTime() - t0) / 1e9;
            double javaCpu = (javaCpuNanos() - javaCpu0) / 1e9;
            OptionalLong dbCpu1 = databaseCpuTicks();
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            out.printf("%s: %s%n", run, report.outcome() + (report.message() == null ? "" : " " + report.message()));
            out.printf("  journeys:          %d accepted, %d rejected, %d expired%n", report.accepted(),
                    report.rejected(), report.expired());
            out.printf("  seconds:           %.2f%n", seconds);
            out.printf("  journeys/second:   %.0f (bar: fresh JVM >= 55000, running server >= 75000)%n", report.accepted() / seconds);
            out.printf("  peak heap:         %.1f MiB (max heap %.0f MiB, %d GCs)%n", peakHeap / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576.0, gcCount() - gcBefore);
            // CPU time does not depend on what else the machine runs: the rate two idle cores would allow.
            if (dbCpu0.isPresent() && dbCpu1.isPresent()) {
                double dbCpu = (dbCpu1.getAsLong() - dbCpu0.getAsLong()) / (double) CLOCK_TICKS;
                double bound = Math.max((javaCpu + dbCpu) / 2, dbCpu);
                out.printf("  CPU seconds:       %.2f JVM, %.2f PostgreSQL (%.1f + %.1f us per journey)%n", javaCpu,
                        dbCpu, javaCpu * 1e6 / Math.max(1, report.accepted()), dbCpu * 1e6 / Math.max(1, report.accepted()));
                out.printf("  CPU-bound rate:    %.0f journeys/s on 2 idle cores (accepted / max(total CPU / 2,"
                        + " PostgreSQL CPU))%n", report.accepted() / bound);
            } else {
                out.printf("  CPU seconds:       %.2f JVM (PostgreSQL CPU only measured for the embedded database on"
                        + " Linux)%n", javaCpu);
            }
            if (run.startsWith("first")) {
                lastSeconds = seconds;
            }
        }
        Optional<Double> xmllint = timeXmllint(file);
        if (xmllint.isPresent()) {
            out.printf("xmllint seconds:     %.2f (gzip -dc FILE | xmllint --noout --valid --stream -)%n", xmllint.get());
            out.printf("ratio import/xmllint: %.2f%n", lastSeconds / xmllint.get());
        } else {
            out.println("xmllint seconds:     (xmllint not installed, or it failed on the file)");
        }
    }

    private double lastSeconds;

    /** Writes {@code count} plausible journeys (half punctual, half regular) with the RDEX writer. */
    static void generate(Path file, int count) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        LocalDate today = LocalDate.now();
        Path tmp = Files.createTempFile(file.getParent(), "gen", ".part");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            RdexWriter writer = new RdexWriter(out, RdexWriter.Options.defaults().withExtensions(true)
                    .withTitle("Benchmark journeys"));
            writer.start();
            for (int i = 0; i < count; i++) {
                double[] a = TOWNS[random.nextInt(TOWNS.length)];
                double[] b = TOWNS[random.nextInt(TOWNS.length)];
                double fromLat = a[0] + random.nextDouble(-0.1, 0.1);
                double fromLon = a[1] + random.nextDouble(-0.15, 0.15);
                double toLat = b[0] + random.nextDouble(-0.1, 0.1);
                double toLon = b[1] + random.nextDouble(-0.15, 0.15);
                StringBuilder route = new StringBuilder();
                for (int k = 0; k <= 8; k++) {
                    route.append(k == 0 ? "" : ";").append(String.format(java.util.Locale.ROOT, "%.5f,%.5f",
                            fromLat + (toLat - fromLat) * k / 8, fromLon + (toLon - fromLon) * k / 8));
                }
                LocalTime dep = LocalTime.of(6 + random.nextInt(14), random.nextInt(4) * 15);
                SharedJourney.Punctual punctual = null;
                SharedJourney.Regular regular = null;
                boolean isPunctual = random.nextBoolean();
                if (isPunctual) {
                    punctual = new SharedJourney.Punctual(today.plusDays(1 + random.nextInt(60)), dep, dep.plusMinutes(30));
                } else {
                    Map<DayOfWeek, DayWindow> days = new EnumMap<>(DayOfWeek.class);
                    for (DayOfWeek d : DayOfWeek.values()) {
                        if (d.getValue() <= 5 && random.nextInt(5) > 0) {
                            days.put(d, new DayWindow(dep, dep.plusMinutes(30), dep.plusHours(9),
                                    dep.plusHours(9).plusMinutes(30)));
                        }
                    }
                    days.putIfAbsent(DayOfWeek.MONDAY, new DayWindow(dep, dep.plusMinutes(30), null, null));
                    regular = new SharedJourney.Regular(days);
                }
                boolean driver = random.nextInt(3) > 0;
                // Arguments drawn in the order the positional constructor drew them, so a seed gives the same file.
                SharedJourney.Builder jb = SharedJourney.builder().operator("benchco").site("bench.example")
                        .uuid("bench-" + i)
                        .from(new SharedJourney.Place("Town " + (i % 97), "75056", "75001", null, fromLat, fromLon,
                                "France"))
                        .to(new SharedJourney.Place("Town " + (i % 89), "13055", "13001", null, toLat, toLon, "France"));
                jb.kilometers(BigDecimal.valueOf(20 + random.nextInt(500))).minutes(20 + random.nextInt(300))
                        .route(route.toString()).url("https://bench.example/trajets/" + i).name("member" + (i % 1000));
                jb.cost(BigDecimal.valueOf(random.nextInt(4000), 2)).vehicleModel("Clio").vehicleColour("rouge")
                        .driver(driver).passenger(!driver || random.nextBoolean());
                jb.seats(driver ? 1 + random.nextInt(4) : null).activeFrom(today.minusDays(3))
                        .activeTo(isPunctual ? punctual.date() : today.plusDays(30 + random.nextInt(300)));
                writer.write(jb.details("Benchmark journey " + i).punctual(punctual).regular(regular).build());
            }
            writer.finish();
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static Optional<Double> timeXmllint(Path file) throws InterruptedException {
        try {
            new ProcessBuilder("xmllint", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
        try {
            ProcessBuilder p = new ProcessBuilder("sh", "-c", "gzip -dc \"$1\" | xmllint --noout --valid --stream -",
                    "sh", file.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            long t0 = System.nanoTime();
            int exit = p.start().waitFor();
            double seconds = (System.nanoTime() - t0) / 1e9;
            return exit == 0 ? Optional.of(seconds) : Optional.of(seconds);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Linux's USER_HZ, the unit of /proc/PID/stat times; 100 on every common architecture. */
    private static final int CLOCK_TICKS = 100;

    private static long javaCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /**
     * User + system CPU of the embedded PostgreSQL (postmaster and its children: the COPY backend, WAL
     * writer, checkpointer...), from /proc; empty with an external database or off Linux.
     */
    private OptionalLong databaseCpuTicks() {
        try {
            Path pidFile = dataDirectory.resolve("postgres").resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return OptionalLong.empty();
            }
            String postmaster = Files.readAllLines(pidFile).get(0).trim();
            long ticks = 0;
            try (java.util.stream.Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path proc : (Iterable<Path>) procs::iterator) {
                    String name = proc.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    String stat;
                    try {
                        stat = Files.readString(proc.resolve("stat"));
                    } catch (IOException gone) {
                        continue;
                    }
                    // Fields after the command (in parentheses, may hold spaces): state ppid ... utime(14) stime(15).
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (name.equals(postmaster) || f[1].equals(postmaster)) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                }
            }
            return OptionalLong.of(ticks);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }
}
