package org.rdex.server.rdex;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.FileNotFoundException;

/**
 * The two DTDs this package knows, loaded from the classpath ({@code /rdex/*.dtd}) so that
 * validation never depends on a remote URL.
 */
public enum RdexDtd {
    /** The specification's DTD extended with optional elements (kilometers, minutes, image, cost, vehicle). */
    FULL("rdex-1.0.dtd"),
    /** The specification's minimal DTD, verbatim. */
    MINIMAL("rdex-1.0-minimal.dtd");

    private final String fileName;

    RdexDtd(String fileName) {
        this.fileName = fileName;
    }

    /** File name, identical in {@code dtd/} and in the classpath folder {@code rdex/}. */
    public String fileName() {
        return fileName;
    }

    /** Classpath resource path, e.g. {@code rdex/rdex-1.0.dtd}. */
    public String resourcePath() {
        return "rdex/" + fileName;
    }

    /** Opens the DTD from the classpath; the caller closes the stream. */
    public InputStream open() {
        InputStream in = RdexDtd.class.getClassLoader().getResourceAsStream(resourcePath());
        if (in == null) {
            throw new UncheckedIOException(new FileNotFoundException("classpath resource " + resourcePath()));
        }
        return in;
    }
}
