package org.rdex.server.cli;

import org.rdex.server.common.Progress;
import org.rdex.server.common.CliCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rdex.server.journey.JourneyBulkService;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "journeys", description = "Own journeys in bulk.",
        subcommands = { JourneysCommand.Generate.class, JourneysCommand.Load.class })
public class JourneysCommand implements CliCommand {

    @Dependent
    @Unremovable
    @CommandLine.Command(name = "generate", description = "Insert N synthetic, realistic own journeys.")
    public static class Generate implements Callable<Integer> {

        @CommandLine.Option(names = "--count", required = true, description = "How many journeys.")
        long count;
        @CommandLine.Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;
        @Inject
        JourneyBulkService bulk;

        @Override
        public Integer call() throws Exception {
            long started = System.nanoTime();
            long n;
            try (Progress progress = Progress.start("Generating " + count + " journeys")) {
                n = bulk.generate(count, seed);
            }
            System.out.printf("generated %d journeys in %.2f s%n", n, (System.nanoTime() - started) / 1e9);
            return 0;
        }
    }

    @Dependent
    @Unremovable
    @CommandLine.Command(name = "load",
            description = "Load own journeys from JSON Lines (one platform-API journey with its \"id\" per line). "
                    + "Exit 0 when every line loaded, 1 when some were rejected (the others are stored).")
    public static class Load implements Callable<Integer> {

        @CommandLine.Parameters(index = "0", description = "JSON Lines file.")
        Path file;
        @Inject
        JourneyBulkService bulk;

        @Override
        public Integer call() throws Exception {
            JourneyBulkService.LoadReport report = bulk.load(file);
            report.rejected().forEach(line -> System.out.println("rejected line " + line));
            System.out.printf("loaded %d journeys, rejected %d lines%n", report.loaded(), report.rejected().size());
            return report.rejected().isEmpty() ? 0 : 1;
        }
    }
}
