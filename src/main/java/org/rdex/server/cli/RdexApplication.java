package org.rdex.server.cli;

import org.rdex.server.check.PartnerCheckCommand;
import org.rdex.server.common.CliCommand;
import org.rdex.server.common.RuntimeSettings;
import org.rdex.server.live.ProtocolCommand;
import java.util.Comparator;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import picocli.CommandLine;

/** Runs the subcommand named on the command line, {@code serve} by default. */
public class RdexApplication implements QuarkusApplication {

    @Inject
    Instance<CliCommand> commands;
    @Inject
    RuntimeSettings runtime;

    @Override
    public int run(String... args) {
        if (runtime.cli() && namesDataDirectory(args)) {
            // On stderr, out of the way of what the command prints: a command run without the operator's
            // environment file silently reads ./data (dev mode's), e.g. prints the wrong certificate's pin.
            System.err.println("data directory: " + runtime.dataDirectory());
        }
        CommandLine root = new CommandLine(new RootCommand(), new CdiFactory());
        commands.stream()
                .sorted(Comparator.comparing(c -> c.getClass().getSimpleName()))
                .forEach(root::addSubcommand);
        // The live-protocol settings and the check sit above partner in the package graph, so they join "partners" here.
        CommandLine partners = root.getSubcommands().get("partners");
        if (partners != null) {
            partners.addSubcommand(ProtocolCommand.class);
            partners.addSubcommand(PartnerCheckCommand.class);
        }
        root.setCaseInsensitiveEnumValuesAllowed(true);
        return root.execute(args.length == 0 ? new String[] { "serve" } : args);
    }

    /** Every one-shot command reads the data directory (its database, certificate or key), except help and version. */
    static boolean namesDataDirectory(String... args) {
        return java.util.Arrays.stream(args).noneMatch(a -> a.equals("-h") || a.equals("--help") || a.equals("-V")
                || a.equals("--version") || a.equals("help"));
    }

    @CommandLine.Command(name = "rdex-server", mixinStandardHelpOptions = true,
            description = "RDEX 1.0 carpooling interoperability server. Without a subcommand it serves.")
    static class RootCommand {
    }

    /** Creates commands and their nested subcommands as CDI beans when they are beans. */
    static class CdiFactory implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            InstanceHandle<K> handle = Arc.container().instance(type);
            return handle.isAvailable() ? handle.get() : CommandLine.defaultFactory().create(type);
        }
    }
}
