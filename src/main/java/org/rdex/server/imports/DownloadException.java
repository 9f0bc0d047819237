package org.rdex.server.imports;

import java.io.IOException;

/** A feed could not be fetched; the message is safe to show in a report (no key, no partner data). */
public class DownloadException extends IOException {

    public DownloadException(String message) {
        super(message);
    }

    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
