package org.rdex.server.rdex;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import javax.xml.stream.XMLStreamException;

import org.codehaus.stax2.validation.XMLValidationSchema;

import com.ctc.wstx.dtd.DTDSchemaFactory;

/**
 * The two DTDs this package knows, loaded from the classpath ({@code /rdex/*.dtd}) so that
 * validation never depends on a remote URL.
 *
 * <p>{@link #MINIMAL} is what the export declares and writes by default; {@link #FULL} only when the operator
 * opts into the extensions.
 */
public enum RdexDtd {
    /** The specification's DTD extended with optional elements (kilometers, minutes, image, cost, vehicle). */
    FULL("rdex-1.0.dtd"),
    /** The specification's minimal DTD, verbatim. */
    MINIMAL("rdex-1.0-minimal.dtd");

    private final String fileName;
    private volatile XMLValidationSchema schema;

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

    /** The parsed grammar for Woodstox validation; parsed once, shared by every reader and writer. */
    public XMLValidationSchema schema() {
        XMLValidationSchema parsed = schema;
        if (parsed == null) {
            try (InputStream in = open()) {
                parsed = new DTDSchemaFactory().createSchema(in, "UTF-8", null, "urn:rdex:" + fileName);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (XMLStreamException e) {
                throw new IllegalStateException("DTD " + fileName + " does not parse", e);
            }
            schema = parsed;
        }
        return parsed;
    }
}
