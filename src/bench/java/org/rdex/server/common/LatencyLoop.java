package org.rdex.server.common;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The skeleton the latency benchmarks share: untimed warm-up calls, then timed calls one at a time (the query
 * is made outside the timing), then the percentiles printed in one layout.
 */
public final class LatencyLoop {

    /** Untimed calls before the timed ones, so that the JIT and the caches have settled. */
    public static final int WARM_UP = 300;

    private LatencyLoop() {
    }

    /**
     * Makes {@link #WARM_UP} queries and calls {@code call} on each untimed, then {@code count} more timed one by
     * one, each answer handed to {@code tally}. Returns the times in nanoseconds, sorted.
     */
    public static <Q, R> long[] time(int count, Supplier<Q> queries, Function<Q, R> call, Consumer<R> tally) {
        for (int i = 0; i < WARM_UP; i++) {
            call.apply(queries.get());
        }
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            Q q = queries.get();
            long start = System.nanoTime();
            R answer = call.apply(q);
            nanos[i] = System.nanoTime() - start;
            tally.accept(answer);
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /** Prints p50, p90, p99 (with the target in milliseconds beside it) and the maximum of sorted nanoseconds. */
    public static void printPercentiles(PrintStream out, long[] sorted, int p99TargetMillis) {
        out.printf("p50:           %.2f ms%n", percentile(sorted, 0.50));
        out.printf("p90:           %.2f ms%n", percentile(sorted, 0.90));
        out.printf("p99:           %.2f ms (target < %d)%n", percentile(sorted, 0.99), p99TargetMillis);
        out.printf("max:           %.2f ms%n", sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
