package org.rdex.server.tls;

import org.rdex.server.common.CliCommand;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "tls", description = "The HTTPS certificate of the public interface.",
        subcommands = { TlsCommand.Fingerprint.class })
public class TlsCommand implements CliCommand, Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Dependent
    @Unremovable
    @CommandLine.Command(name = "fingerprint",
            description = "Print the SHA-256 fingerprint of the certificate (generating the self-signed one if missing).")
    public static class Fingerprint implements Runnable {

        @Inject
        TlsCertificates certificates;

        @Override
        public void run() {
            System.out.println(certificates.fingerprint());
        }
    }
}
