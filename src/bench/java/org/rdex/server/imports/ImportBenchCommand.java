package org.rdex.server.imports;

import org.rdex.server.common.BenchDatabaseGuard;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "import", mixinStandardHelpOptions = true,
        description = "Time the import of a generated (or given) .xml.gz into the partner bench-import, with peak"
                + " heap, beside gzip -dc | xmllint --valid --stream when xmllint is installed.")
public class ImportBenchCommand implements Callable<Integer> {

    @CommandLine.Option(names = "--journeys", defaultValue = "200000", description = "Journeys to generate (default 200000)")
    int journeys;
    @CommandLine.Option(names = "--file", description = "Import this file instead of a generated one")
    Path file;
    @Inject
    ImportBenchmark benchmark;

    @CommandLine.Option(names = "--i-know",
            description = "Run even against a configured database (the benchmark writes and deletes journeys)")
    boolean iKnow;

    @Override
    public Integer call() throws Exception {
        BenchDatabaseGuard.requireThrowAwayDatabase(iKnow);
        benchmark.run(System.out, journeys, Optional.ofNullable(file));
        return 0;
    }
}
