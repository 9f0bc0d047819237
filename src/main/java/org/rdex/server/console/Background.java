package org.rdex.server.console;

import org.jboss.logging.Logger;

/**
 * Runs what an operator started (an export, an import, a check) on a thread of its own: it takes longer than a
 * page may wait; the page it redirects to shows the outcome once done.
 */
final class Background {

    private static final Logger LOG = Logger.getLogger(Background.class);

    private Background() {
    }

    static void run(String what, Runnable job) {
        Thread thread = new Thread(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.error("The " + what + " started from the console failed", e);
            }
        }, "rdex-console-" + what);
        thread.setDaemon(true);
        thread.start();
    }
}
