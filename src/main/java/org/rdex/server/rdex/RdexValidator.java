package org.rdex.server.rdex;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DeclHandler;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Validates an RDEX file against a local DTD ({@link RdexDtd#FULL} or {@link RdexDtd#MINIMAL}),
 * streaming with a validating SAX parser so memory does not depend on the file size.
 *
 * <p>Whatever DOCTYPE the file carries (any URL, none at all, or an internal subset only), the
 * grammar used is always the local classpath DTD: nothing is ever fetched. External entities are
 * not loaded, entity expansion is bounded by secure processing, and declarations in an internal
 * subset are reported as problems because they would change the grammar being checked.
 * Gzip is recognised by its magic bytes. Thread-safe: each call uses its own parser.
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
    private static final String ENTITY_EXPANSION_LIMIT = "10000";

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

    public Result validate(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return validate(in);
        }
    }

    /**
     * Validates the stream (plain or gzip) without closing it. Broken gzip, an exceeded size
     * cap, undecodable bytes and malformed XML are reported as problems.
     *
     * @throws IOException only for failures of the underlying stream itself
     */
    public Result validate(InputStream in) throws IOException {
        Collector collector = new Collector();
        DoctypeInjector.Prepared prepared = null;
        try {
            prepared = DoctypeInjector.prepare(RdexInput.open(in, maxDecompressedBytes));
            collector.prepared = prepared;
            XMLReader reader = newReader(collector);
            InputSource source = new InputSource(prepared.reader());
            source.setSystemId("urn:rdex:document");
            reader.parse(source);
        } catch (Stop stop) {
            // cap reached or fatal error already recorded
        } catch (SAXParseException e) {
            collector.add(e.getLineNumber(), e.getColumnNumber(), e.getMessage());
        } catch (SAXException e) {
            collector.add(collector.line(), collector.column(), e.getMessage());
        } catch (RdexFormatException | CharacterCodingException e) {
            collector.add(collector.line(), collector.column(), describe(e));
        }
        return new Result(collector.problems, collector.truncated);
    }

    private static String describe(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "bytes not valid in the declared encoding (" + e.getClass().getSimpleName() + ")";
        }
        return e.getMessage();
    }

    private XMLReader newReader(Collector collector) throws SAXException {
        SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
        factory.setValidating(true);
        factory.setNamespaceAware(false);
        XMLReader reader;
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            reader = factory.newSAXParser().getXMLReader();
        } catch (ParserConfigurationException e) {
            throw new SAXException("XML parser lacks a required security feature", e);
        }
        // Our DTD comes from the entity resolver as a stream, which these restrictions do not
        // cover; anything else the parser might try to open by URL is refused.
        reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        reader.setProperty("jdk.xml.entityExpansionLimit", ENTITY_EXPANSION_LIMIT);
        reader.setEntityResolver(collector);
        reader.setErrorHandler(collector);
        reader.setContentHandler(collector);
        reader.setProperty("http://xml.org/sax/properties/lexical-handler", collector);
        reader.setProperty("http://xml.org/sax/properties/declaration-handler", collector);
        return reader;
    }

    /** Thrown to stop parsing once the problem cap is reached or after a fatal error. */
    private static final class Stop extends SAXException {
        Stop() {
            super("stop");
        }
    }

    /** Resolver, error handler and internal-subset detector in one, so they share the locator. */
    private final class Collector extends DefaultHandler2 implements ErrorHandler, DeclHandler {
        final List<Problem> problems = new ArrayList<>();
        boolean truncated;
        DoctypeInjector.Prepared prepared;
        private Locator locator;
        private int externalSubsetDepth;
        private boolean internalSubsetReported;

        int line() {
            return locator == null ? 0 : locator.getLineNumber();
        }

        int column() {
            return locator == null ? 0 : locator.getColumnNumber();
        }

        void add(int line, int column, String message) {
            if (problems.size() >= maxProblems) {
                truncated = true;
                return;
            }
            int col = prepared == null ? column : prepared.originalColumn(line, column);
            problems.add(new Problem(line, col, message));
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public InputSource getExternalSubset(String name, String baseURI) {
            return localDtd();
        }

        @Override
        public InputSource resolveEntity(String name, String publicId, String baseURI, String systemId) {
            // The JDK names the DOCTYPE's external subset null (SAX says "[dtd]").
            if (name == null || "[dtd]".equals(name)) {
                return localDtd();
            }
            return new InputSource(new StringReader(""));
        }

        @Override
        public InputSource resolveEntity(String publicId, String systemId) {
            return localDtd();
        }

        private InputSource localDtd() {
            InputSource source = new InputSource(dtd.open());
            source.setSystemId("urn:rdex:" + dtd.fileName());
            return source;
        }

        @Override
        public void startEntity(String name) {
            if ("[dtd]".equals(name)) {
                externalSubsetDepth++;
            }
        }

        @Override
        public void endEntity(String name) {
            if ("[dtd]".equals(name)) {
                externalSubsetDepth--;
            }
        }

        private void declared(String what) {
            if (externalSubsetDepth == 0 && !internalSubsetReported) {
                internalSubsetReported = true;
                add(line(), column(), "internal DTD subset not accepted (declares " + what + ")");
            }
        }

        @Override
        public void elementDecl(String name, String model) {
            declared("element " + name);
        }

        @Override
        public void attributeDecl(String eName, String aName, String type, String mode, String value) {
            declared("attribute " + eName + "/" + aName);
        }

        @Override
        public void internalEntityDecl(String name, String value) {
            declared("entity " + name);
        }

        @Override
        public void externalEntityDecl(String name, String publicId, String systemId) {
            declared("external entity " + name);
        }

        @Override
        public void warning(SAXParseException e) {
            // Warnings (e.g. duplicate attribute declarations) do not make a file invalid.
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            add(e.getLineNumber(), e.getColumnNumber(), e.getMessage());
            if (truncated) {
                throw new Stop();
            }
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            add(e.getLineNumber(), e.getColumnNumber(), e.getMessage());
            throw new Stop();
        }
    }
}
