package org.rdex.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.rdex.server.common.RuntimeSettings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Where the server keeps what it owns on disk: the embedded PostgreSQL, the TLS certificate, export
 * scratch files. {@code RDEX_DATA_DIR}, default {@code ./data}.
 */
@ApplicationScoped
public class DataDirectory {

    @Inject
    RuntimeSettings runtime;

    /** A sub-directory, created if missing. */
    public Path resolve(String name) {
        Path dir = runtime.dataDirectory().resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
        return dir;
    }
}
