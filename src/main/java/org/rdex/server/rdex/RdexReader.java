package org.rdex.server.rdex;

import java.io.BufferedInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.FilterReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.XMLStreamReader2;
import org.rdex.server.rdex.xml.XmlDocument;
import org.rdex.server.rdex.xml.XmlJourney;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.exc.WstxLazyException;
import com.ctc.wstx.stax.WstxInputFactory;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;

/**
 * Reads a partner's RDEX file one journey at a time, leniently and safely.
 *
 * <p>Lenient: accepts the specification example's spellings ({@code depmintime},
 * {@code mintime}...) as well as the DTD's, names in any case, any element order, decimal commas,
 * {@code H:mm} times, yes/no flags, {@code postal_code}/{@code postalCode}, routes with whitespace or a
 * trailing {@code ;}. Unknown elements are skipped with one warning per name. A journey that fails a
 * check is reported as {@link RdexReadResult.Rejected} and reading goes on.
 *
 * <p>Safe: gzip is detected by magic bytes and the decompressed size is capped. The XML is parsed by
 * Woodstox with DTD support off: a DOCTYPE is checked for well-formedness and otherwise ignored, so no
 * external DTD, entity or parameter entity is ever fetched, and any entity reference but the predefined
 * ones fails the file. Woodstox's limits (depth, attribute size, text length, element count, characters)
 * apply. The file may be in any encoding its XML declaration names; a byte that is not valid in it fails
 * the file. Each {@code <journey>} is bound by JAXB ({@link XmlJourney}) through
 * {@link LenientStreamReader}, which spells names the DTD's way and keeps a journey within its character
 * budget: memory does not grow with the file, only up to the budget of one journey.
 *
 * <p>A broken file (malformed or truncated XML, corrupt gzip, cap exceeded, wrong root) ends
 * {@link #read} with {@link RdexFormatException} after the journeys before the break were already
 * delivered: callers should stage results and commit them only when {@code read} returns normally. One
 * reader reads one stream once; it does not close the stream.
 */
public final class RdexReader {

    /**
     * Reader options.
     *
     * @param maxDecompressedBytes the file is refused beyond this many (decompressed) bytes
     * @param maxValueChars        a journey is rejected when one of its values is longer (route gets 16
     *                             times this)
     * @param maxJourneyChars      a journey is rejected when its text adds up to more characters; what is
     *                             beyond is not kept
     * @param maxTextChars         a single text node longer than this fails the whole file (Woodstox)
     * @param maxElementDepth      deeper nesting fails the file (Woodstox)
     * @param maxAttributeChars    a longer attribute value fails the file (Woodstox)
     * @param maxElementCount      more elements in the file fail it (Woodstox)
     * @param parseThreads         threads binding journeys: 1 reads on the calling thread alone; more
     *                             split the document into chunks bound in parallel (see {@link ChunkedRead})
     */
    public record Options(long maxDecompressedBytes, int maxValueChars, int maxJourneyChars, int maxTextChars,
            int maxElementDepth, int maxAttributeChars, long maxElementCount, int parseThreads) {

        public Options {
            if (maxDecompressedBytes < 1 || maxValueChars < 1 || maxJourneyChars < 1 || maxTextChars < 1
                    || maxElementDepth < 1 || maxAttributeChars < 1 || maxElementCount < 1 || parseThreads < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }

        /** The given limits, read on one thread. */
        public Options(long maxDecompressedBytes, int maxValueChars, int maxJourneyChars, int maxTextChars,
                int maxElementDepth, int maxAttributeChars, long maxElementCount) {
            this(maxDecompressedBytes, maxValueChars, maxJourneyChars, maxTextChars, maxElementDepth,
                    maxAttributeChars, maxElementCount, 1);
        }

        /** The given caps, the defaults for the rest. */
        public Options(long maxDecompressedBytes, int maxValueChars) {
            this(maxDecompressedBytes, maxValueChars, 2 * 1024 * 1024, 4 * 1024 * 1024, 32, 64 * 1024, 100_000_000L);
        }

        /** 1 GiB, 64 Ki characters per value, 2 Mi per journey. */
        public static Options defaults() {
            return new Options(1L << 30, 64 * 1024);
        }

        public Options withMaxDecompressedBytes(long value) {
            return new Options(value, maxValueChars, maxJourneyChars, maxTextChars, maxElementDepth,
                    maxAttributeChars, maxElementCount, parseThreads);
        }

        public Options withMaxJourneyChars(int value) {
            return new Options(maxDecompressedBytes, maxValueChars, value, maxTextChars, maxElementDepth,
                    maxAttributeChars, maxElementCount, parseThreads);
        }

        public Options withParseThreads(int value) {
            return new Options(maxDecompressedBytes, maxValueChars, maxJourneyChars, maxTextChars, maxElementDepth,
                    maxAttributeChars, maxElementCount, value);
        }
    }

    /**
     * Outcome of a complete read.
     *
     * @param title    the document title, null if absent
     * @param accepted number of accepted journeys
     * @param rejected number of rejected journeys
     * @param warnings distinct warnings (unknown elements, dropped optional values), capped
     */
    public record Summary(String title, long accepted, long rejected, List<String> warnings) {
        public Summary {
            warnings = List.copyOf(warnings);
        }
    }

    private static final int MAX_WARNINGS = 200;
    /** How far Woodstox may read while it detects the encoding; it reads one buffer (4,000 bytes). */
    static final int PROBE_BYTES = 64 * 1024;
    /**
     * Encodings Woodstox decodes itself, refusing invalid bytes; others go through a strict JDK decoder.
     * Not UTF-8: Woodstox's decoder takes overlong forms ({@code C0 AF} for '/'), which the JDK's refuses.
     */
    static final Set<Charset> WOODSTOX_DECODED = Set.of(StandardCharsets.US_ASCII,
            StandardCharsets.ISO_8859_1);

    private final InputStream in;
    private final Options options;
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> warned = new HashSet<>();
    private boolean used;

    /** Reader with {@link Options#defaults()}. */
    public RdexReader(InputStream in) {
        this(in, Options.defaults());
    }

    public RdexReader(InputStream in, Options options) {
        if (in == null || options == null) {
            throw new NullPointerException("in and options are required");
        }
        this.in = in;
        this.options = options;
    }

    /**
     * Reads the whole file, handing each journey's result to {@code each} as soon as it is read.
     *
     * @throws RdexFormatException the file as a whole is refused (see class comment)
     * @throws IOException         the underlying stream failed
     */
    public Summary read(Consumer<? super RdexReadResult> each) throws IOException {
        if (used) {
            throw new IllegalStateException("a reader reads its stream once");
        }
        used = true;
        if (options.parseThreads() > 1) {
            return new ChunkedRead(this, in, options).read(each);
        }
        XMLInputFactory2 factory = factory(options);
        XMLStreamReader2 xml = null;
        try {
            xml = open(factory, RdexInput.open(in, options.maxDecompressedBytes()));
            return readDocument(xml, each);
        } catch (XMLStreamException | WstxLazyException e) {
            // Woodstox reports some errors lazily, as a runtime exception, when the text is asked for.
            throw failure(e);
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // nothing held but buffers
                }
            }
        }
    }

    private Summary readDocument(XMLStreamReader2 xml, Consumer<? super RdexReadResult> each)
            throws XMLStreamException, IOException {
        int event = xml.getEventType();
        while (event != XMLStreamConstants.START_ELEMENT) {
            event = xml.next();
        }
        if (!"document".equals(LenientStreamReader.canonical(xml.getLocalName()))) {
            throw notDocument(xml.getLocalName());
        }
        Bound bound = bind(xml, options, this::warn, false, each);
        return summary(bound.title(), bound.titleUnusable(), bound.accepted(), bound.rejected());
    }

    static RdexFormatException notDocument(String root) {
        return new RdexFormatException("root element is <" + root + ">, expected <document>");
    }

    Summary summary(String rawTitle, boolean titleUnusable, long accepted, long rejected) {
        String title = rawTitle == null || titleUnusable ? null : rawTitle.strip();
        return new Summary(title == null || title.isEmpty() ? null : title, accepted, rejected, warnings);
    }

    /** What binding a document, or a chunk of one, found besides its journeys. */
    record Bound(String title, boolean titleUnusable, long accepted, long rejected) {
    }

    /**
     * Binds the document the parser stands on the root start tag of, handing each journey to {@code each}
     * in document order, and reads to the end of the input (trailing garbage fails it).
     *
     * @param titleSeen a title came earlier in the file (a chunk after it): any title here is ignored
     */
    static Bound bind(XMLStreamReader2 xml, Options options, BiConsumer<String, String> warn, boolean titleSeen,
            Consumer<? super RdexReadResult> each) throws XMLStreamException, IOException {
        LenientStreamReader lenient = new LenientStreamReader(xml, options, warn);
        Journeys journeys = new Journeys(lenient, new XmlJourneyMapper(warn), each);
        lenient.beginDocument(titleSeen);
        XmlDocument document;
        try {
            Unmarshaller unmarshaller = Binding.CONTEXT.createUnmarshaller();
            unmarshaller.setEventHandler(lenient::handleEvent);
            unmarshaller.setListener(new Unmarshaller.Listener() {
                @Override
                public void beforeUnmarshal(Object target, Object parent) {
                    if (target instanceof XmlDocument d) {
                        d.journeys = journeys;
                    }
                }
            });
            try (JaxbThreadAnchor anchor = new JaxbThreadAnchor()) {
                document = unmarshaller.unmarshal(lenient, XmlDocument.class).getValue();
            }
        } catch (JAXBException e) {
            if (journeys.failure != null) {
                throw journeys.failure;
            }
            Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e.getCause();
            if (cause instanceof XMLStreamException x) {
                throw x;
            }
            throw new XMLStreamException("cannot bind the document: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw journeys.failure != null ? journeys.failure : e;
        }
        // Reading to the end makes trailing garbage fail the file.
        while (xml.hasNext()) {
            xml.next();
        }
        return new Bound(document.title, lenient.titleUnusable(), journeys.accepted, journeys.rejected);
    }

    /**
     * Where JAXB puts the document's journeys: each is mapped and handed to the caller as it is bound, and
     * none is kept. One unmarshalling for the whole document: JAXB's set-up per call costs more than a
     * journey's binding.
     */
    private static final class Journeys extends AbstractList<XmlJourney> {
        private final LenientStreamReader lenient;
        private final XmlJourneyMapper mapper;
        private final Consumer<? super RdexReadResult> each;
        long accepted;
        long rejected;
        /** What the caller's consumer threw, rethrown as it is whatever JAXB makes of it. */
        RuntimeException failure;

        Journeys(LenientStreamReader lenient, XmlJourneyMapper mapper, Consumer<? super RdexReadResult> each) {
            this.lenient = lenient;
            this.mapper = mapper;
            this.each = each;
        }

        @Override
        public boolean add(XmlJourney journey) {
            RdexReadResult result = mapper.map(journey, lenient.reasons());
            if (result instanceof RdexReadResult.Accepted) {
                accepted++;
            } else {
                rejected++;
            }
            try {
                each.accept(result);
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
            return true;
        }

        @Override
        public XmlJourney get(int index) {
            throw new IndexOutOfBoundsException(index);
        }

        @Override
        public int size() {
            return 0;
        }
    }

    void warn(String key, String message) {
        if (warned.size() >= MAX_WARNINGS) {
            return;
        }
        if (warned.add(key)) {
            warnings.add(warned.size() == MAX_WARNINGS ? "too many distinct warnings, further ones dropped" : message);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The parser

    static XMLInputFactory2 factory(Options o) {
        WstxInputFactory f = new WstxInputFactory();
        // The DOCTYPE (partners declare the RDEX DTD) is read for well-formedness and otherwise ignored:
        // nothing is fetched, no entity is declared, so any reference but the predefined ones fails.
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_VALIDATING, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are never read");
        });
        // Not coalescing: a long value comes in segments of a buffer, so the journey budget is counted
        // before a value is held whole.
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty(XMLInputFactory2.P_AUTO_CLOSE_INPUT, false);
        f.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, o.maxTextChars());
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, o.maxElementDepth());
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, o.maxAttributeChars());
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 64);
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_COUNT, o.maxElementCount());
        f.setProperty(WstxInputProperties.P_MAX_CHARACTERS, o.maxDecompressedBytes());
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1L);
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
        return f;
    }

    /**
     * Woodstox detects the encoding (byte order mark, XML declaration) on a first look at the input. It
     * decodes ASCII and Latin-1 itself and refuses bytes invalid in them; for other encodings it would use
     * a JDK decoder that replaces bad bytes with U+FFFD (windows-1252's 0x81, for one), or its own UTF-8
     * decoder that takes overlong forms, so such input is decoded here by a JDK decoder that reports
     * malformed and unmappable bytes instead.
     */
    private static XMLStreamReader2 open(XMLInputFactory2 factory, InputStream decoded)
            throws IOException, XMLStreamException {
        BufferedInputStream in = new BufferedInputStream(decoded, PROBE_BYTES);
        in.mark(PROBE_BYTES);
        XMLStreamReader2 probe = (XMLStreamReader2) factory.createXMLStreamReader(in);
        String encoding = probe.getEncoding();
        probe.close();
        in.reset();
        Charset charset;
        try {
            charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new RdexFormatException("unsupported encoding '" + encoding + "'");
        }
        if (WOODSTOX_DECODED.contains(charset)) {
            return (XMLStreamReader2) factory.createXMLStreamReader(in);
        }
        Reader strict = new InputStreamReader(in, charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        return (XMLStreamReader2) factory.createXMLStreamReader(new XmlCharsReader(strict));
    }

    /**
     * What the parser needs from decoded text and does not check itself when it is handed a Reader: no
     * U+FFFE or U+FFFF (decodable, but not XML characters), and no byte order mark, which decoders of
     * UTF-16BE/LE and the like keep.
     */
    static final class XmlCharsReader extends FilterReader {
        private boolean started;

        XmlCharsReader(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0];
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0 && !started) {
                started = true;
                if (buf[off] == '\uFEFF') {
                    if (n == 1) {
                        return read(buf, off, len);
                    }
                    System.arraycopy(buf, off + 1, buf, off, n - 1);
                    n--;
                }
            }
            for (int i = off; i < off + n; i++) {
                if (buf[i] >= '\uFFFE') {
                    throw new CharConversionException("U+" + Integer.toHexString(buf[i]).toUpperCase(Locale.ROOT)
                            + " is not an XML character");
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("not supported");
        }
    }

    /** Created once: a JAXB context is costly to build and safe to share. */
    private static final class Binding {
        static final JAXBContext CONTEXT;

        static {
            try {
                CONTEXT = JAXBContext.newInstance(XmlDocument.class);
            } catch (JAXBException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /**
     * What refuses the file, from what the parser or JAXB threw: the format error of the input stack
     * (gzip, cap) as it is, a failure of the stream itself as an {@link IOException}, anything else
     * (malformed XML, a byte invalid in the encoding, a Woodstox limit) as {@link RdexFormatException}.
     */
    static IOException failure(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RdexFormatException f) {
                return f;
            }
            if (t instanceof CharacterCodingException || t instanceof CharConversionException) {
                return new RdexFormatException("bytes that are not valid in the file's encoding: " + t, e);
            }
            if (t instanceof IOException io) {
                return io;
            }
            if (t instanceof XMLStreamException && t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return new RdexFormatException("malformed XML: " + (message == null ? e.getClass().getSimpleName()
                : message.replace('\n', ' ')), e);
    }
}
