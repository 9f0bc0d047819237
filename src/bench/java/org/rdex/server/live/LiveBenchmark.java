package org.rdex.server.live;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.rdex.server.common.Secrets;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.search.SearchConfig;
import org.rdex.server.search.SearchRequest;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Live-search latency with two partners answering: two {@link SyntheticPartner}s on loopback in this process,
 * {@code journeys} journeys each, one speaking RDEX 1.2 and one standard-covoiturage, registered as the partners
 * {@code bench-live-rdex12} and {@code bench-live-standard}; then {@code queries} searches through
 * {@link LiveSearchService} (the stored search of this database included), timed end to end.
 */
@ApplicationScoped
public class LiveBenchmark {

    private static final double[][] TOWNS = org.rdex.server.imports.ImportBenchmarkTowns.TOWNS;

    @Inject
    LiveSearchService live;
    @Inject
    PartnerService partners;
    @Inject
    PartnerProtocols protocols;
    @Inject
    SearchConfig config;
    @Inject
    LiveConfig liveConfig;
    @Inject
    Vertx vertx;

    public void run(PrintStream out, int journeys, int queries) throws Exception {
        String rdexSecret = Secrets.randomToken(32);
        String standardSecret = Secrets.randomToken(32);
        long t0 = System.nanoTime();
        try (SyntheticPartner rdex = new SyntheticPartner(true, rdexSecret, journeys, TOWNS, 1, liveConfig.zone());
                SyntheticPartner standard = new SyntheticPartner(false, standardSecret, journeys, TOWNS, 2, liveConfig.zone())) {
            int rdexPort = rdex.start(vertx);
            int standardPort = standard.start(vertx);
            out.printf("partners:      2 synthetic responders on loopback (this JVM), %d journeys each, built in %.1f s%n",
                    journeys, (System.nanoTime() - t0) / 1e9);
            register("bench-live-rdex12", new ProtocolUpdate("http://127.0.0.1:" + rdexPort + "/rdex", "bench-apikey",
                    rdexSecret, null, null, null, null, true));
            register("bench-live-standard", new ProtocolUpdate(null, null, null,
                    "http://127.0.0.1:" + standardPort + "/standard/v1", standardSecret, null, null, true));
            try {
                SplittableRandom random = new SplittableRandom(7);
                LocalDate today = LocalDate.now();
                for (int i = 0; i < 300; i++) {
                    live.search(query(random, today));
                }
                long[] nanos = new long[queries];
                long results = 0;
                long liveResults = 0;
                long failures = 0;
                for (int i = 0; i < queries; i++) {
                    SearchRequest q = query(random, today);
                    long start = System.nanoTime();
                    LiveSearchResult r = live.search(q);
                    nanos[i] = System.nanoTime() - start;
                    results += r.results().size();
                    liveResults += r.results().stream().filter(it -> it.uuid().startsWith("syn-")).count();
                    failures += r.partnersFailed().size();
                }
                Arrays.sort(nanos);
                out.printf("queries:       %d live searches (after 300 warm-up), one at a time%n", queries);
                out.printf("results:       %.1f per search, %.1f of them from the partners%n", results / (double) queries,
                        liveResults / (double) queries);
                out.printf("failures:      %d partner answers missing (timeout %d ms)%n", failures,
                        liveConfig.timeout().toMillis());
                out.printf("p50:           %.2f ms%n", pct(nanos, 0.50));
                out.printf("p90:           %.2f ms%n", pct(nanos, 0.90));
                out.printf("p99:           %.2f ms (target < 50)%n", pct(nanos, 0.99));
                out.printf("max:           %.2f ms%n", nanos[nanos.length - 1] / 1e6);
            } finally {
                protocols.clear("bench-live-rdex12");
                protocols.clear("bench-live-standard");
            }
        }
    }

    private void register(String name, ProtocolUpdate update) {
        if (partners.findByName(name).isEmpty()) {
            partners.add(new NewPartner(name, "synthetic", null, null, null, null));
        }
        protocols.update(name, update, true);
    }

    private SearchRequest query(SplittableRandom random, LocalDate today) {
        double[] a = TOWNS[random.nextInt(TOWNS.length)];
        double[] b = TOWNS[random.nextInt(TOWNS.length)];
        LocalDate date = today.plusDays(1 + random.nextInt(30));
        LocalTime from = LocalTime.of(6 + random.nextInt(12), 0);
        SearchRequest.Role role = random.nextBoolean() ? SearchRequest.Role.DRIVER : null;
        return new SearchRequest(a[0], a[1], 10, b[0], b[1], 10, date, date, from, from.plusHours(2), true, role,
                SearchRequest.Frequency.ANY, 1 << (date.getDayOfWeek().getValue() - 1), 1, config.defaultPageSize());
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
