package org.rdex.server.imports;

import org.rdex.server.common.ThrowAwayDatabaseBench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "import", mixinStandardHelpOptions = true,
        description = "Time the import of a generated (or given) .xml.gz into the partner bench-import, with peak"
                + " heap, beside gzip -dc | xmllint --valid --stream when xmllint is installed.")
public class ImportBenchCommand extends ThrowAwayDatabaseBench {

    @CommandLine.Option(names = "--journeys", defaultValue = "200000", description = "Journeys to generate (default 200000)")
    int journeys;
    @CommandLine.Option(names = "--file", description = "Import this file instead of a generated one")
    Path file;
    @Inject
    ImportBenchmark benchmark;

    @Override
    protected void run(PrintStream out) throws Exception {
        benchmark.run(out, journeys, Optional.ofNullable(file));
    }
}
