package org.rdex.server.live;

import org.rdex.server.common.BenchDatabaseGuard;
import java.util.concurrent.Callable;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "live", mixinStandardHelpOptions = true,
        description = "Live-search latency over two synthetic partners on loopback (RDEX 1.2 and standard-covoiturage),"
                + " --journeys journeys each; prints percentiles.")
public class LiveBenchCommand implements Callable<Integer> {

    @CommandLine.Option(names = "--journeys", defaultValue = "1000000", description = "Journeys per partner (default 1000000)")
    int journeys;
    @CommandLine.Option(names = "--queries", defaultValue = "2000", description = "Timed searches (default 2000)")
    int queries;
    @Inject
    LiveBenchmark benchmark;

    @CommandLine.Option(names = "--i-know",
            description = "Run even against a configured database (the benchmark writes and deletes journeys)")
    boolean iKnow;

    @Override
    public Integer call() throws Exception {
        BenchDatabaseGuard.requireThrowAwayDatabase(iKnow);
        benchmark.run(System.out, journeys, queries);
        return 0;
    }
}
