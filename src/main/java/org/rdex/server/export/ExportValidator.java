package org.rdex.server.export;

import java.io.IOException;
import java.nio.file.Path;

import org.rdex.server.rdex.RdexDtd;
import org.rdex.server.rdex.RdexValidator;

import jakarta.enterprise.context.ApplicationScoped;

/** The check every file passes before it is published: our DTD, or the minimal one in minimal mode. */
@ApplicationScoped
public class ExportValidator {

    public RdexValidator.Result validate(Path file, boolean minimal) throws IOException {
        // Our own file: the decompressed-size cap that protects imports would only stop a large export.
        return new RdexValidator(minimal ? RdexDtd.MINIMAL : RdexDtd.FULL, RdexValidator.DEFAULT_MAX_PROBLEMS,
                Long.MAX_VALUE).validate(file);
    }
}
