package org.rdex.server.rdex;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads one RDEX file N times with {@link RdexReader} and prints per-run wall and CPU time.
 * Not a test: run it by hand, e.g.
 * {@code java -cp target/classes:target/test-classes org.rdex.server.rdex.ReaderBenchmark FILE 5}.
 */
public final class ReaderBenchmark {

    private ReaderBenchmark() {
    }

    /** The floor: decompression through the reader's own input stack, nothing parsed. */
    private static void gunzipOnly(Path file, int runs, ThreadMXBean threads) throws IOException {
        byte[] sink = new byte[1 << 16];
        for (int run = 1; run <= runs; run++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            long total = 0;
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                InputStream in = RdexInput.open(raw, Long.MAX_VALUE);
                for (int n; (n = in.read(sink)) > 0;) {
                    total += n;
                }
            }
            System.out.printf(Locale.ROOT, "gunzip run %d: %.3f s wall, %.3f s cpu, %,d bytes%n", run,
                    (System.nanoTime() - wall0) / 1e9, (threads.getCurrentThreadCpuTime() - cpu0) / 1e9, total);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ReaderBenchmark FILE [runs] [gunzip]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (args.length > 2 && args[2].equals("gunzip")) {
            gunzipOnly(file, runs, threads);
            return;
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double bestWall = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        double bestProcess = Double.MAX_VALUE;
        long journeys = 0;
        for (int run = 1; run <= runs; run++) {
            long[] count = {0};
            long[] checksum = {0};
            long cpu0 = threads.getCurrentThreadCpuTime();
            long process0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            RdexReader.Summary summary;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                summary = new RdexReader(in, RdexReader.Options.defaults()).read(r -> {
                    count[0]++;
                    // Touch the result so that nothing is optimised away.
                    if (r instanceof RdexReadResult.Accepted a) {
                        checksum[0] += a.journey().route() == null ? 0 : a.journey().route().length();
                    }
                });
            }
            double wall = (System.nanoTime() - wall0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            // The whole JVM: the reading thread plus garbage collection and JIT compilation.
            double process = (os.getProcessCpuTime() - process0) / 1e9;
            journeys = count[0];
            System.out.printf(Locale.ROOT,
                    "run %d%s: %.3f s wall, %.3f s cpu, %,d journeys (%d accepted, %d rejected), %,.0f journeys/s,"
                            + " %.2f us/journey cpu, %.2f us/journey JVM cpu [%d]%n",
                    run, run == 1 ? " (first)" : "", wall, cpu, count[0], summary.accepted(), summary.rejected(),
                    count[0] / wall, cpu * 1e6 / count[0], process * 1e6 / count[0], checksum[0]);
            if (run > 1) {
                bestWall = Math.min(bestWall, wall);
                bestCpu = Math.min(bestCpu, cpu);
                bestProcess = Math.min(bestProcess, process);
            }
        }
        if (runs > 1) {
            System.out.printf(Locale.ROOT,
                    "best warm: %.3f s wall, %,.0f journeys/s, %.2f us/journey cpu, %.2f us/journey JVM cpu%n",
                    bestWall, journeys / bestWall, bestCpu * 1e6 / journeys, bestProcess * 1e6 / journeys);
        }
    }
}
