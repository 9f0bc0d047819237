package org.rdex.server.cli;

import java.util.Set;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of the runnable jar. With no subcommand (or {@code serve}) it serves; any other subcommand
 * runs once and exits, without opening the server's ports, so it can run beside a live server.
 */
@QuarkusMain
public class Main {

    private static final Set<String> SERVING = Set.of("serve");

    public static void main(String... args) {
        String command = args.length == 0 ? "serve" : args[0];
        if (command.equals("validate")) {
            // Pure file work: no database, no Quarkus start, so it also runs on a partner's file anywhere.
            System.exit(new picocli.CommandLine(new ValidateCommand())
                    .execute(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if (!SERVING.contains(command)) {
            // A listing the running server can answer needs no Quarkus start of its own (seconds, not 5-15).
            java.util.Optional<Integer> thin = ThinClient.tryRun(args, System.out);
            if (thin.isPresent()) {
                System.exit(thin.get());
            }
            oneShot();
        }
        Quarkus.run(RdexApplication.class, args);
    }

    /** Settings of a one-shot command: no listener, no scheduled job, logs out of stdout's way. */
    private static void oneShot() {
        setDefault("quarkus.http.host-enabled", "false");
        setDefault("quarkus.management.host-enabled", "false");
        setDefault("quarkus.scheduler.enabled", "false");
        setDefault("quarkus.log.console.stderr", "true");
        setDefault("quarkus.log.console.level", "WARN");
        setDefault("rdex.cli", "true");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
