package org.rdex.server.cli;

import org.rdex.server.common.CliCommand;
import org.rdex.server.common.ThrowAwayDatabaseBench;
import java.io.PrintStream;

import org.rdex.server.export.ExportBenchmark;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "bench", description = "Benchmarks that print their figures (see bench/*.sh).",
        subcommands = { BenchCommand.Export.class, org.rdex.server.imports.ImportBenchCommand.class,
                org.rdex.server.search.SearchBenchCommand.class, org.rdex.server.live.LiveBenchCommand.class })
public class BenchCommand implements CliCommand {

    @Dependent
    @Unremovable
    @CommandLine.Command(name = "export", description = "Time the export of the journeys in the database against gzip -6.")
    public static class Export extends ThrowAwayDatabaseBench {

        @Inject
        ExportBenchmark benchmark;

        @Override
        protected void run(PrintStream out) throws Exception {
            benchmark.run(out);
        }
    }
}
