package org.rdex.server.search;

import org.rdex.server.common.BenchDatabaseGuard;
import java.util.concurrent.Callable;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "search", mixinStandardHelpOptions = true,
        description = "Fill the partner bench-search with --journeys journeys (kept between runs) and print search"
                + " latency percentiles.")
public class SearchBenchCommand implements Callable<Integer> {

    @CommandLine.Option(names = "--journeys", defaultValue = "1000000", description = "Stored journeys (default 1000000)")
    int journeys;
    @CommandLine.Option(names = "--queries", defaultValue = "2000", description = "Timed searches (default 2000)")
    int queries;
    @Inject
    SearchBenchmark benchmark;

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
