package org.rdex.server.rdex;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.XMLStreamReader2;
import org.codehaus.stax2.validation.ValidationProblemHandler;
import org.codehaus.stax2.validation.XMLValidationException;
import org.codehaus.stax2.validation.XMLValidationProblem;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;

/**
 * Validates an RDEX file against a local DTD ({@link RdexDtd#MINIMAL} or {@link RdexDtd#FULL}) with a
 * streaming Woodstox reader, so memory does not depend on the file size. For the {@code validate} command
 * and tests: the export validates each journey while writing it.
 *
 * <p>Whatever DOCTYPE the file carries (any URL, none at all, or an internal subset), the grammar is always
 * the local classpath DTD: the reader processes no DTD, so nothing is ever fetched and no entity is declared
 * or expanded; an internal subset is reported as a problem because it would change the grammar. Gzip is
 * recognised by its magic bytes, and the decompressed size is capped. Thread-safe: each call uses its own
 * reader.
 */
public final class RdexValidator {

    /** One validation problem at a 1-based line and column of the (decompressed) file. */
    public record Problem(int line, int column, String message) {
        @Override
        public String toString() {
            return line + ":" + column + ": " + message;
        }
    }

    /**
     * Outcome of a validation.
     *
     * @param problems  problems in document order, at most the configured cap
     * @param truncated true if validation stopped because the cap was reached
     */
    public record Result(List<Problem> problems, boolean truncated) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean isValid() {
            return problems.isEmpty();
        }
    }

    public static final int DEFAULT_MAX_PROBLEMS = 100;
    public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 1L << 30;

    private static final WstxInputFactory FACTORY = secureFactory();

    private final RdexDtd dtd;
    private final int maxProblems;
    private final long maxDecompressedBytes;

    /** Validator with at most 100 problems and a 1 GiB decompressed-size cap. */
    public RdexValidator(RdexDtd dtd) {
        this(dtd, DEFAULT_MAX_PROBLEMS, DEFAULT_MAX_DECOMPRESSED_BYTES);
    }

    public RdexValidator(RdexDtd dtd, int maxProblems, long maxDecompressedBytes) {
        if (dtd == null || maxProblems < 1 || maxDecompressedBytes < 1) {
            throw new IllegalArgumentException("dtd required, maxProblems and maxDecompressedBytes must be positive");
        }
        this.dtd = dtd;
        this.maxProblems = maxProblems;
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    private static WstxInputFactory secureFactory() {
        WstxInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.TRUE);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_VALIDATING, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
        factory.setProperty(XMLInputFactory2.P_REPORT_PROLOG_WHITESPACE, Boolean.FALSE);
        // Nothing is resolved by URL, whatever a document names.
        factory.setProperty(WstxInputProperties.P_DTD_RESOLVER, (javax.xml.stream.XMLResolver) (p, s, b, n) -> {
            throw new XMLStreamException("external DTD not loaded: " + s);
        });
        factory.setProperty(WstxInputProperties.P_ENTITY_RESOLVER, (javax.xml.stream.XMLResolver) (p, s, b, n) -> {
            throw new XMLStreamException("external entity not loaded: " + s);
        });
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, 64);
        return factory;
    }

    public Result validate(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return validate(in);
        }
    }

    /**
     * Validates the stream (plain or gzip) without closing it. Broken gzip, an exceeded size cap, bytes not
     * valid in the declared encoding and malformed XML are reported as problems.
     *
     * @throws IOException only for failures of the underlying stream itself
     */
    public Result validate(InputStream raw) throws IOException {
        Collector collector = new Collector();
        XMLStreamReader2 reader = null;
        try {
            InputStream in = RdexInput.open(raw, maxDecompressedBytes);
            reader = (XMLStreamReader2) FACTORY.createXMLStreamReader(in);
            reader.validateAgainst(dtd.schema());
            reader.setValidationProblemHandler(collector);
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.DTD) {
                    String subset = reader.getDTDInfo().getDTDInternalSubset();
                    if (subset != null && !subset.isBlank()) {
                        collector.add(reader.getLocation(), "internal DTD subset not accepted");
                    }
                }
            }
        } catch (Stop stop) {
            // cap reached
        } catch (XMLStreamException e) {
            collector.add(e.getLocation() != null ? e.getLocation() : location(reader), describe(e));
        } catch (RdexFormatException e) {
            collector.add(location(reader), e.getMessage());
        } finally {
            if (reader != null) {
                try {
                    reader.closeCompletely();
                } catch (XMLStreamException ignored) {
                    // The problem that stopped us is already recorded.
                }
            }
        }
        return new Result(collector.problems, collector.truncated);
    }

    private static Location location(XMLStreamReader2 reader) {
        return reader == null ? null : reader.getLocation();
    }

    /** The parser's message without its location prefix (we print our own), or the cause's for stream failures. */
    private static String describe(XMLStreamException e) {
        Throwable cause = e.getNestedException() != null ? e.getNestedException() : e.getCause();
        if (cause instanceof RdexFormatException) {
            return cause.getMessage();
        }
        if (cause instanceof java.nio.charset.CharacterCodingException) {
            return "bytes not valid in the declared encoding (" + cause.getClass().getSimpleName() + ")";
        }
        String message = e.getMessage();
        int at = message == null ? -1 : message.indexOf("\n at [");
        return at >= 0 ? message.substring(0, at) : message;
    }

    /** Stops reading once the problem cap is reached. */
    private static final class Stop extends XMLValidationException {
        Stop(XMLValidationProblem problem) {
            super(problem, "too many problems");
        }
    }

    private final class Collector implements ValidationProblemHandler {
        final List<Problem> problems = new ArrayList<>();
        boolean truncated;

        void add(Location at, String message) {
            if (problems.size() >= maxProblems) {
                truncated = true;
                return;
            }
            int line = at == null ? 0 : Math.max(at.getLineNumber(), 0);
            int column = at == null ? 0 : Math.max(at.getColumnNumber(), 0);
            problems.add(new Problem(line, column, message));
        }

        @Override
        public void reportProblem(XMLValidationProblem problem) throws XMLValidationException {
            if (problem.getSeverity() == XMLValidationProblem.SEVERITY_WARNING) {
                return;
            }
            add(problem.getLocation(), problem.getMessage());
            if (truncated) {
                throw new Stop(problem);
            }
        }
    }
}
