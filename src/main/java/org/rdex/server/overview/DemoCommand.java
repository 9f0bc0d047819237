package org.rdex.server.overview;

import java.util.concurrent.Callable;

import org.rdex.server.common.CliCommand;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "demo", description = "Demonstration data (never on a production server).",
        subcommands = { DemoCommand.History.class })
public class DemoCommand implements CliCommand, Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Dependent
    @Unremovable
    @CommandLine.Command(name = "history", description = "Fill the last days with a plausible history (exports, three"
            + " demo partners' imports, relayed messages, live calls, refused keys) for the console's charts.")
    public static class History implements Callable<Integer> {

        @CommandLine.Option(names = "--days", defaultValue = "8", description = "Days of history (default 8, at most 90).")
        int days;

        @Inject
        DemoHistory demo;

        @Override
        public Integer call() throws Exception {
            if (days < 1 || days > 90) {
                System.err.println("--days must be from 1 to 90");
                return 2;
            }
            System.out.println(demo.seed(days).describe());
            return 0;
        }
    }
}
