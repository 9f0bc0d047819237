package org.rdex.server.contact;

import org.rdex.server.common.CliCommand;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "relay", description = "Deliver due contact messages to our users now (one round).")
public class RelayCommand implements CliCommand, Runnable {

    @Inject
    RelayWorker worker;

    @Override
    public void run() {
        RelayWorker.Round round;
        try {
            round = worker.runOnce();
        } catch (RelayWorker.DatabaseFailure e) {
            round = e.done();
            System.err.println("relay stopped: " + e.getMessage() + "; the rest waits for the database");
        }
        System.out.println("delivered=" + round.delivered() + " retried=" + round.retried() + " failed=" + round.failed());
    }
}
