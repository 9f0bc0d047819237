package org.rdex.server.common;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A line updated in place on the terminal while a long command (generate, export, import) runs: what it is
 * doing and for how long. Written to stderr, and only when a terminal is attached, so pipes and logs stay clean.
 */
public final class Progress implements AutoCloseable {

    private static final char[] SPINNER = { '|', '/', '-', '\\' };

    private final Thread thread;
    private final PrintStream err;
    private volatile boolean done;
    private int width;

    private static final Progress NONE = new Progress();

    private Progress() {
        this.err = null;
        this.thread = null;
    }

    private Progress(String label, PrintStream err) {
        this.err = err;
        long started = System.nanoTime();
        thread = new Thread(() -> {
            int tick = 0;
            while (!done) {
                String line = String.format(Locale.ROOT, "%s %c %.0f s", label, SPINNER[tick++ % SPINNER.length],
                        (System.nanoTime() - started) / 1e9);
                synchronized (this) {
                    if (!done) {
                        width = Math.max(width, line.length());
                        err.print("\r" + line);
                        err.flush();
                    }
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rdex-progress");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts the line when stdout and stderr go to a terminal; otherwise does nothing. */
    public static Progress start(String label) {
        if (System.console() == null) {
            return NONE;
        }
        return new Progress(label, System.err);
    }

    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        synchronized (this) {
            done = true;
            if (width > 0) {
                err.print("\r" + " ".repeat(width) + "\r");
                err.flush();
            }
        }
        thread.interrupt();
    }
}
