package org.rdex.server.search;

import org.rdex.server.common.ThrowAwayDatabaseBench;

import java.io.PrintStream;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "search", mixinStandardHelpOptions = true,
        description = "Fill the partner bench-search with --journeys journeys (kept between runs) and print search"
                + " latency percentiles.")
public class SearchBenchCommand extends ThrowAwayDatabaseBench {

    @CommandLine.Option(names = "--journeys", defaultValue = "1000000", description = "Stored journeys (default 1000000)")
    int journeys;
    @CommandLine.Option(names = "--queries", defaultValue = "2000", description = "Timed searches (default 2000)")
    int queries;
    @Inject
    SearchBenchmark benchmark;

    @Override
    protected void run(PrintStream out) throws Exception {
        benchmark.run(out, journeys, queries);
    }
}
