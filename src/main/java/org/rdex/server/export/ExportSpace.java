package org.rdex.server.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;
import org.rdex.server.common.RuntimeSettings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Whether the data directory has room for the next export: about {@code rdex.export.space-factor} times the
 * last published file (its scratch file, its copy stored in PostgreSQL beside the previous one until the swap
 * commits, the WAL of that copy, the new local copy; see docs/reliability.md). With too little, the export
 * fails at the end, with "No space left on device"; this says so before.
 */
@ApplicationScoped
public class ExportSpace {

    private static final Logger LOG = Logger.getLogger(ExportSpace.class);

    /** Free and needed bytes; {@code needed} is 0 before any file is published (nothing to estimate from). */
    public record Estimate(long free, long needed) {
        public boolean low() {
            return free < needed;
        }

        public String warning() {
            return "low disk space: %d MB free on the data directory, the next export needs about %d MB"
                    .formatted(free >> 20, (needed + (1 << 20) - 1) >> 20);
        }
    }

    @Inject
    ExportConfig config;
    @Inject
    RuntimeSettings runtime;

    private final AtomicBoolean warned = new AtomicBoolean();

    /** The estimate for a last file of {@code lastBytes}; empty when the data directory cannot be measured. */
    public Optional<Estimate> estimate(long lastBytes) {
        try {
            Path dir = runtime.dataDirectory();
            while (dir != null && !Files.exists(dir)) {
                dir = dir.getParent();
            }
            if (dir == null) {
                return Optional.empty();
            }
            long free = Files.getFileStore(dir).getUsableSpace();
            Estimate estimate = new Estimate(free, needed(lastBytes, config.spaceFactor(), config.spaceMargin()));
            // Once per episode in the log; readiness and the console show it for as long as it lasts.
            if (estimate.low() && warned.compareAndSet(false, true)) {
                LOG.warn(estimate.warning());
            } else if (!estimate.low()) {
                warned.set(false);
            }
            return Optional.of(estimate);
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Cannot measure the data directory's free space: %s", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    static long needed(long lastBytes, double factor, long marginMegabytes) {
        if (lastBytes <= 0) {
            return 0;
        }
        return (long) Math.ceil(lastBytes * factor) + (marginMegabytes << 20);
    }
}
