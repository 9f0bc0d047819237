package org.rdex.server.live;

import java.io.PrintStream;

import org.rdex.server.common.LatencyLoop;
import org.rdex.server.common.Secrets;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.search.SearchBenchmark;
import org.rdex.server.search.SearchConfig;

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
                // results, results from the partners, partner answers missing
                long[] tally = new long[3];
                long[] nanos = LatencyLoop.time(queries, SearchBenchmark.randomQueries(config.defaultPageSize()),
                        live::search, r -> {
                            tally[0] += r.results().size();
                            tally[1] += r.results().stream().filter(it -> it.uuid().startsWith("syn-")).count();
                            tally[2] += r.partnersFailed().size();
                        });
                out.printf("queries:       %d live searches (after %d warm-up), one at a time%n", queries,
                        LatencyLoop.WARM_UP);
                out.printf("results:       %.1f per search, %.1f of them from the partners%n", tally[0] / (double) queries,
                        tally[1] / (double) queries);
                out.printf("failures:      %d partner answers missing (timeout %d ms)%n", tally[2],
                        liveConfig.timeout().toMillis());
                LatencyLoop.printPercentiles(out, nanos, 50);
            } finally {
                protocols.clear("bench-live-rdex12");
                protocols.clear("bench-live-standard");
            }
        }
    }

    private void register(String name, ProtocolUpdate update) {
        if (partners.findByName(name).isEmpty()) {
            partners.add(new NewPartner(name, "synthetic", null, java.util.List.of("synthetic.example.org"), null, null));
        }
        protocols.update(name, update, true);
    }
}
