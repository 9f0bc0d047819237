package org.rdex.server.cli;

import org.rdex.server.common.CliCommand;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.Dependent;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "serve", description = "Serve the RDEX file, the contact API and the platform API (default).")
public class ServeCommand implements CliCommand, Runnable {

    @Override
    public void run() {
        Quarkus.waitForExit();
    }
}
