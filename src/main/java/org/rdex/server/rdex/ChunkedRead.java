package org.rdex.server.rdex;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import org.codehaus.stax2.LocationInfo;
import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.XMLStreamReader2;

import com.ctc.wstx.exc.WstxLazyException;

/**
 * Reads a document with several threads: one inflates, decodes and scans it, workers bind its journeys.
 *
 * <p>The scanner is one Woodstox stream reader with the reader's secure settings and limits, over the
 * whole input: the prolog and DOCTYPE are refused or ignored exactly as on one thread, and the whole
 * document's well-formedness, depth, element count and size are checked by that one reader. What it reads
 * is also kept on a tape; at the end of a child of the root, once ~{@link #CHUNK_CHARS} characters were
 * read since the last cut, the scanner cuts there by the parser's own character offset and hands the raw
 * text of those children to a worker. So no XML is parsed by hand: a cut is an event of the parser, never
 * a search for {@code </journey>} in the text, which a comment, CDATA or attribute could fool.
 *
 * <p>A worker parses its chunk wrapped in the root's own start tag (namespaces and all) and end tag, with
 * Woodstox and JAXB under the same settings, through {@link RdexReader#bind} (the lenient reader, the
 * journey mapper and its values), and keeps the results and warnings in order. The calling thread takes
 * the chunks in file order and hands their journeys to the consumer, so journeys, counts, warnings and the
 * title come out as on one thread. At most {@code 2 × threads} chunks are queued or in work: memory does
 * not grow with the file. Any failure (the scanner's, a worker's, the consumer's) stops the scanner and the
 * workers and is rethrown after the journeys of the chunks before it in the file.
 */
final class ChunkedRead {

    /** Characters per chunk, about: large enough that a chunk's set-up is small against its binding. */
    static final int CHUNK_CHARS = 1 << 20;
    /** Beyond this, what the scanner holds of one child of the root is streamed rather than held. */
    static final int MAX_HELD_CHARS = 4 * CHUNK_CHARS;

    private record Chunk(String text, int line, boolean titleSeen) {
    }

    private record Bound(RdexReader.Bound bound, List<RdexReadResult> results, List<String[]> warnings) {
    }

    private static final Future<Bound> END = CompletableFuture.completedFuture(null);

    private final RdexReader owner;
    private final InputStream in;
    private final RdexReader.Options options;
    private final int threads;
    private final BlockingQueue<Future<Bound>> chunks;
    private volatile Throwable scanFailure;
    private volatile boolean cancelled;
    /** The root's start tag as written, and how many line breaks it holds. */
    private String rootStart;
    private int rootStartLines;
    private String rootEnd;
    /** Only the scanner's: the pipe to the worker of a chunk too large to hold, while it is read. */
    private PipedWriter streaming;

    ChunkedRead(RdexReader owner, InputStream in, RdexReader.Options options) {
        this.owner = owner;
        this.in = in;
        this.options = options;
        this.threads = options.parseThreads();
        this.chunks = new ArrayBlockingQueue<>(2 * threads);
    }

    RdexReader.Summary read(Consumer<? super RdexReadResult> each) throws IOException {
        AtomicInteger n = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "rdex-parse-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        XMLInputFactory2 workerFactory = RdexReader.factory(options);
        Thread scanner = new Thread(() -> scan(workers, workerFactory), "rdex-parse-scan");
        scanner.setDaemon(true);
        String title = null;
        boolean titleUnusable = false;
        boolean titleTaken = false;
        long accepted = 0;
        long rejected = 0;
        try {
            scanner.start();
            for (Future<Bound> next; (next = chunks.take()) != END;) {
                Bound chunk;
                try {
                    chunk = next.get();
                } catch (ExecutionException e) {
                    // The scanner has read every chunk it handed over, so a worker fails on its own only
                    // when the JVM does; a streamed chunk fails when the scanner does, which says why.
                    Throwable scan = scanFailure;
                    throw rethrow(scan != null ? scan : e.getCause());
                }
                for (String[] w : chunk.warnings()) {
                    owner.warn(w[0], w[1]);
                }
                RdexReader.Bound b = chunk.bound();
                if (!titleTaken && (b.title() != null || b.titleUnusable())) {
                    titleTaken = true;
                    title = b.title();
                    titleUnusable = b.titleUnusable();
                }
                accepted += b.accepted();
                rejected += b.rejected();
                for (RdexReadResult r : chunk.results()) {
                    each.accept(r);
                }
            }
            if (scanFailure != null) {
                throw rethrow(scanFailure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("import interrupted");
        } finally {
            cancelled = true;
            scanner.interrupt();
            workers.shutdownNow();
            chunks.clear();
            try {
                // Not past this read: the caller may close the input once it returns.
                scanner.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return owner.summary(title, titleUnusable, accepted, rejected);
    }

    private static IOException rethrow(Throwable e) {
        if (e instanceof IOException io) {
            return io;
        } else if (e instanceof RuntimeException re) {
            throw re;
        } else if (e instanceof Error err) {
            throw err;
        }
        return new IOException(e);
    }

    // ---------------------------------------------------------------------------------------------
    // The scanner

    private void scan(ExecutorService workers, XMLInputFactory2 workerFactory) {
        XMLStreamReader2 xml = null;
        try {
            Tape tape = new Tape();
            xml = open(RdexReader.factory(options), RdexInput.open(in, options.maxDecompressedBytes()), tape);
            int event = xml.getEventType();
            while (event != XMLStreamConstants.START_ELEMENT) {
                event = xml.next();
            }
            if (!"document".equals(LenientStreamReader.canonical(xml.getLocalName()))) {
                throw RdexReader.notDocument(xml.getLocalName());
            }
            LocationInfo at = xml.getLocationInfo();
            long from = at.getEndingCharOffset();
            // A chunk is parsed under the file's XML version: 1.1 allows characters 1.0 refuses, and the reverse.
            String version = "1.1".equals(xml.getVersion()) ? "<?xml version=\"1.1\"?>" : "";
            rootStart = version + tape.take(at.getStartingCharOffset(), from);
            rootStartLines = lineBreaks(rootStart);
            rootEnd = "</" + xml.getPrefixedName() + ">";
            int line = at.getEndLocation().getLineNumber();
            boolean titleSeen = false;
            boolean titleBefore = false;
            int depth = 1;
            while (depth > 0) {
                event = xml.next();
                if (streaming != null) {
                    tape.drain(streaming, xml.getLocationInfo().getStartingCharOffset());
                } else if (depth == 1 && (event == XMLStreamConstants.START_ELEMENT
                        || event == XMLStreamConstants.COMMENT || event == XMLStreamConstants.PROCESSING_INSTRUCTION)) {
                    // Where a child, comment or instruction starts (never inside text, which may be CDATA
                    // in segments): a cut here keeps the tape small however many comments the root holds.
                    at = xml.getLocationInfo();
                    long to = at.getStartingCharOffset();
                    if (to - from >= CHUNK_CHARS) {
                        submit(workers, workerFactory, new Chunk(tape.take(from, to), line, titleBefore));
                        from = to;
                        line = at.getStartLocation().getLineNumber();
                        titleBefore = titleSeen;
                    }
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (++depth == 2 && "title".equals(LenientStreamReader.canonical(xml.getLocalName()))) {
                        titleSeen = true;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && --depth <= 1) {
                    at = xml.getLocationInfo();
                    long to = depth == 0 ? at.getStartingCharOffset() : at.getEndingCharOffset();
                    if (streaming != null && depth == 1) {
                        tape.drain(streaming, to);
                        streaming.write(rootEnd);
                        streaming.close();
                        streaming = null;
                        from = to;
                        line = at.getEndLocation().getLineNumber();
                        titleBefore = titleSeen;
                    } else if (depth == 0 && to > from || depth == 1 && to - from >= CHUNK_CHARS) {
                        submit(workers, workerFactory, new Chunk(tape.take(from, to), line, titleBefore));
                        from = to;
                        line = at.getEndLocation().getLineNumber();
                        titleBefore = titleSeen;
                    }
                }
                if (streaming == null && depth >= 2 && tape.held() > MAX_HELD_CHARS) {
                    // One child of the root larger than a few chunks (a journey of skipped elements, or
                    // beyond its budget): its chunk is streamed to its worker through a pipe rather than
                    // held, so memory stays bounded as on one thread, and the worker's lenient reader
                    // rejects or skips as there.
                    PipedReader pipe = new PipedReader(64 * 1024);
                    streaming = new PipedWriter(pipe);
                    Chunk chunk = new Chunk(null, line, titleBefore);
                    chunks.put(workers.submit(() -> bind(workerFactory, chunk, pipe)));
                    streaming.write(rootStart);
                    tape.drain(streaming, xml.getLocationInfo().getStartingCharOffset());
                }
            }
            tape.stop();
            // Reading to the end makes trailing garbage fail the file.
            while (xml.hasNext()) {
                xml.next();
            }
        } catch (XMLStreamException | WstxLazyException e) {
            scanFailure = RdexReader.failure(e);
        } catch (Throwable e) {
            scanFailure = e;
        } finally {
            if (streaming != null) {
                // After the failure is recorded: the worker's broken pipe is reported as the scanner's failure.
                try {
                    streaming.close();
                } catch (IOException ignored) {
                    // the worker is gone
                }
            }
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // nothing held but buffers
                }
            }
            if (!cancelled) {
                try {
                    chunks.put(END);
                } catch (InterruptedException ignored) {
                    // the reading thread is gone
                }
            }
        }
    }

    private void submit(ExecutorService workers, XMLInputFactory2 factory, Chunk chunk) throws InterruptedException {
        chunks.put(workers.submit(() -> bind(factory, chunk)));
    }

    /** The same detection of the encoding as one thread's, with the tape between the decoder and the parser. */
    private static XMLStreamReader2 open(XMLInputFactory2 factory, InputStream decoded, Tape tape)
            throws IOException, XMLStreamException {
        BufferedInputStream in = new BufferedInputStream(decoded, RdexReader.PROBE_BYTES);
        in.mark(RdexReader.PROBE_BYTES);
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
        if (RdexReader.WOODSTOX_DECODED.contains(charset)) {
            // Woodstox decodes these one byte to one character: its offsets count bytes, the tape keeps them.
            return (XMLStreamReader2) factory.createXMLStreamReader(tape.bytes(in));
        }
        Reader strict = new InputStreamReader(in, charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        return (XMLStreamReader2) factory.createXMLStreamReader(tape.chars(new RdexReader.XmlCharsReader(strict)));
    }

    static int lineBreaks(CharSequence s) {
        int n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == len || s.charAt(i + 1) != '\n')) {
                n++;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------------------------------------
    // A worker

    private Bound bind(XMLInputFactory2 factory, Chunk chunk) throws IOException {
        return bind(factory, chunk, new StringReader(rootStart + chunk.text() + rootEnd));
    }

    private Bound bind(XMLInputFactory2 factory, Chunk chunk, Reader text) throws IOException {
        List<RdexReadResult> results = new ArrayList<>();
        List<String[]> warnings = new ArrayList<>();
        java.util.Set<String> warned = new java.util.HashSet<>();
        XMLStreamReader2 xml = null;
        try {
            xml = (XMLStreamReader2) factory.createXMLStreamReader(text);
            int event = xml.getEventType();
            while (event != XMLStreamConstants.START_ELEMENT) {
                event = xml.next();
            }
            RdexReader.Bound bound = RdexReader.bind(xml, options, (key, message) -> {
                if (warned.add(key)) {
                    warnings.add(new String[] {key, message});
                }
            }, chunk.titleSeen(), results::add);
            return new Bound(bound, results, warnings);
        } catch (XMLStreamException e) {
            throw RdexReader.failure(inFile(e, chunk));
        } catch (WstxLazyException e) {
            throw RdexReader.failure(e);
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

    /**
     * A parse error inside a chunk, at its line in the file. The scanner has read the chunk already, so it
     * is unexpected; if it comes, its report must not point into the chunk's own numbering.
     */
    private XMLStreamException inFile(XMLStreamException e, Chunk chunk) {
        Location at = e.getLocation();
        if (at == null || at.getLineNumber() < 1) {
            return e;
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        int cut = message.indexOf("\n at [row,col");
        if (cut >= 0) {
            message = message.substring(0, cut);
        }
        int line = chunk.line() + at.getLineNumber() - 1 - rootStartLines;
        return new XMLStreamException(message + " at line " + line, e);
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * What the scanner's parser has read, from the last cut on: Woodstox reads ahead a buffer, so a chunk is
     * taken from here by the parser's offsets rather than from the parser.
     */
    static final class Tape {
        private char[] buf = new char[CHUNK_CHARS + (CHUNK_CHARS >> 2)];
        private int len;
        /** The offset of buf[0] in the input the parser reads. */
        private long base;
        private boolean stopped;

        /** The text from {@code from} to {@code to}; what is before {@code to} is let go. */
        String take(long from, long to) {
            String s = new String(buf, (int) (from - base), (int) (to - from));
            int drop = (int) (to - base);
            System.arraycopy(buf, drop, buf, 0, len - drop);
            len -= drop;
            base = to;
            return s;
        }

        int held() {
            return len;
        }

        /** Writes out what is held before {@code to} and lets it go. */
        void drain(Writer out, long to) throws IOException {
            int n = (int) (to - base);
            if (n <= 0) {
                return;
            }
            out.write(buf, 0, n);
            System.arraycopy(buf, n, buf, 0, len - n);
            len -= n;
            base = to;
        }

        /** After the root's end: the rest is only checked, not kept. */
        void stop() {
            stopped = true;
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                char[] bigger = new char[Math.max(buf.length * 2, len + more)];
                System.arraycopy(buf, 0, bigger, 0, len);
                buf = bigger;
            }
        }

        void append(char[] c, int off, int n) {
            if (stopped || n <= 0) {
                return;
            }
            ensure(n);
            System.arraycopy(c, off, buf, len, n);
            len += n;
        }

        void append(byte[] b, int off, int n) {
            if (stopped || n <= 0) {
                return;
            }
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[len + i] = (char) (b[off + i] & 0xff);
            }
            len += n;
        }

        Reader chars(Reader in) {
            return new Reader() {
                @Override
                public int read(char[] c, int off, int n) throws IOException {
                    int got = in.read(c, off, n);
                    append(c, off, got);
                    return got;
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }

        InputStream bytes(InputStream in) {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        append(new byte[] {(byte) b}, 0, 1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int n) throws IOException {
                    int got = in.read(b, off, n);
                    append(b, off, got);
                    return got;
                }
            };
        }
    }
}
