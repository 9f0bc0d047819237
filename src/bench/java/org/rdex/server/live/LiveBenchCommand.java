package org.rdex.server.live;

import org.rdex.server.common.ThrowAwayDatabaseBench;

import java.io.PrintStream;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "live", mixinStandardHelpOptions = true,
        description = "Live-search latency over two synthetic partners on loopback (RDEX 1.2 and standard-covoiturage),"
                + " --journeys journeys each; prints percentiles.")
public class LiveBenchCommand extends ThrowAwayDatabaseBench {

    @CommandLine.Option(names = "--journeys", defaultValue = "1000000", description = "Journeys per partner (default 1000000)")
    int journeys;
    @CommandLine.Option(names = "--queries", defaultValue = "2000", description = "Timed searches (default 2000)")
    int queries;
    @Inject
    LiveBenchmark benchmark;

    @Override
    protected void run(PrintStream out) throws Exception {
        benchmark.run(out, journeys, queries);
    }
}
