package org.rdex.server.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import picocli.CommandLine;

/** Runs a CLI command inside a {@code @QuarkusTest}, as {@code java -jar ... COMMAND ARGS} would, capturing its output. */
public final class Cli {

    /** Exit code and what the command printed. */
    public record Run(int exit, String out, String err) {
    }

    private Cli() {
    }

    public static synchronized Run run(Class<?> command, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                InstanceHandle<K> handle = Arc.container().instance(type);
                return handle.isAvailable() ? handle.get() : CommandLine.defaultFactory().create(type);
            }
        };
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(command, factory).execute(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
