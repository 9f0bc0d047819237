package org.rdex.server.retention;

import java.util.concurrent.Callable;

import org.rdex.server.common.CliCommand;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Apply the retention limits now (rdex.retention.*), as the nightly job does: blank finished"
                + " contact messages' text and sender, delete old outbound-call records and import reports.")
public class PurgeCommand implements CliCommand, Callable<Integer> {

    @Inject
    RetentionService retention;

    @Override
    public Integer call() {
        return retention.runIfFree().map(p -> {
            System.out.println(p.describe());
            return 0;
        }).orElseGet(() -> {
            System.err.println("Another instance is purging right now");
            return 1;
        });
    }
}
