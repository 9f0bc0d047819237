package org.rdex.server.common;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import picocli.CommandLine;

/**
 * A {@code bench} subcommand: refuses a configured database unless given {@code --i-know}
 * ({@link BenchDatabaseGuard}), then runs its benchmark onto standard output.
 */
public abstract class ThrowAwayDatabaseBench implements Callable<Integer> {

    @CommandLine.Option(names = "--i-know",
            description = "Run even against a configured database (the benchmark writes and deletes journeys)")
    boolean iKnow;

    @Override
    public Integer call() throws Exception {
        BenchDatabaseGuard.requireThrowAwayDatabase(iKnow);
        run(System.out);
        return 0;
    }

    /** Runs the benchmark, printing its figures to {@code out}. */
    protected abstract void run(PrintStream out) throws Exception;
}
