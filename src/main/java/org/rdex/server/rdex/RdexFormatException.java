package org.rdex.server.rdex;

import java.io.IOException;

/**
 * The whole file is refused: malformed or truncated XML, corrupt or truncated gzip, a size cap
 * exceeded, or forbidden DTD content. It is an {@link IOException} so that callers already
 * handling I/O failures of a download handle this one too; catch it first to tell the partner
 * "your file is broken" apart from "the network failed".
 */
public class RdexFormatException extends IOException {

    public RdexFormatException(String message) {
        super(message);
    }

    public RdexFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
