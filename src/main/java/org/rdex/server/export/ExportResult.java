package org.rdex.server.export;

import java.time.Duration;
import java.util.List;

/** What one export run did; {@code status} says whether a new file was published. */
public record ExportResult(Status status, long runId, long journeys, long skipped, long bytes,
        long uncompressedBytes, Duration writing, Duration total, List<String> problems) {

    public enum Status {
        PUBLISHED,
        /** Another run (maybe on another instance) held the lock; nothing was done. */
        SKIPPED_LOCKED,
        /** The file did not validate or could not be written: the previous file stays published. */
        FAILED
    }

    public String summary() {
        return switch (status) {
            case PUBLISHED -> String.format("exported %d journeys, %d bytes, %.2f s (run %d)", journeys, bytes,
                    total.toMillis() / 1000.0, runId);
            case SKIPPED_LOCKED -> "export skipped: another export is running";
            case FAILED -> "export failed, previous file kept: " + String.join("; ", problems);
        };
    }
}
