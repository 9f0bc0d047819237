package org.rdex.server.export;

import java.nio.file.Path;

import org.rdex.server.rdex.RdexWriter;

/**
 * CDI event fired synchronously right after a run's file became the published one, while {@code file} (the
 * gzip just published) still exists and the export lock is still held. Observers must not throw (a throw is
 * logged and ignored: the file stays published) and must not keep {@code file} after they return.
 * {@code options} are the writer's, so that a file derived from this one (open data's) is written alike.
 */
public record ExportPublished(long runId, Path file, String sha256, long bytes, long journeys,
        RdexWriter.Options options) {
}
