package org.rdex.server.rdex;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.xml.stream.XMLStreamException;

import org.codehaus.stax2.XMLStreamWriter2;
import org.rdex.server.model.SharedJourney;
import org.rdex.server.rdex.xml.XmlJourney;

/**
 * Streams journeys out as an RDEX 1.0 document: UTF-8, minified on one line, no empty element, valid against
 * {@link Options#dtd()}. Each journey is mapped to {@link XmlJourney}, marshalled by JAXB onto a Woodstox
 * writer that validates against the DTD as it writes, and only reaches the output once whole and valid; a
 * journey that cannot be written validly is left out and reported to the {@link SkipListener}. The XML
 * declaration, DOCTYPE, {@code <document>} and {@code <title>} go through a validating Woodstox writer too.
 *
 * <p>With {@link Options#threads()} above 1, batches of journeys are marshalled on that many threads and
 * written out in input order. Usage: {@link #start()}, {@link #write(SharedJourney)} per journey,
 * {@link #finish()}, then {@link #close()}. The output stream is flushed but never closed. Not thread-safe.
 * Memory is bounded by the batches in flight, never by the number of journeys.
 */
public final class RdexWriter implements AutoCloseable {

    /**
     * Writer options.
     *
     * @param extensions         also write kilometers, minutes, image, cost and vehicle, which only our
     *                           extended DTD declares; otherwise the output is valid against the
     *                           specification's DTD exactly
     * @param coordinateDecimals decimals kept for coords and every route point (0..9)
     * @param includeAddress     write street addresses (privacy opt-in)
     * @param includeImage       write the member's picture URL (privacy opt-in; needs extensions)
     * @param dtdUrl             public URL written as {@code <!DOCTYPE document SYSTEM "url">}; null writes
     *                           no DOCTYPE
     * @param title              the document title
     * @param threads            threads marshalling journeys; 1 marshals on the caller's thread, 0 one per core
     */
    public record Options(boolean extensions, int coordinateDecimals, boolean includeAddress,
            boolean includeImage, String dtdUrl, String title, int threads) {

        public Options {
            if (coordinateDecimals < 0 || coordinateDecimals > Coordinates.MAX_DECIMALS) {
                throw new IllegalArgumentException("coordinateDecimals must be 0.." + Coordinates.MAX_DECIMALS);
            }
            if (dtdUrl != null && (dtdUrl.isBlank() || dtdUrl.chars().anyMatch(c -> c < 0x20 || c == '"'))) {
                throw new IllegalArgumentException("dtdUrl must be non-blank, without double quote or control character");
            }
            if (threads < 0) {
                throw new IllegalArgumentException("threads must be 0 or more");
            }
        }

        /** The specification's DTD, 3 decimals, no address, no image, no DOCTYPE, title "RDEX journeys", one thread. */
        public static Options defaults() {
            return new Options(false, 3, false, false, null, DEFAULT_TITLE, 1);
        }

        /** The DTD the output is valid against. */
        public RdexDtd dtd() {
            return extensions ? RdexDtd.FULL : RdexDtd.MINIMAL;
        }

        public Options withExtensions(boolean value) {
            return new Options(value, coordinateDecimals, includeAddress, includeImage, dtdUrl, title, threads);
        }

        public Options withCoordinateDecimals(int value) {
            return new Options(extensions, value, includeAddress, includeImage, dtdUrl, title, threads);
        }

        public Options withIncludeAddress(boolean value) {
            return new Options(extensions, coordinateDecimals, value, includeImage, dtdUrl, title, threads);
        }

        public Options withIncludeImage(boolean value) {
            return new Options(extensions, coordinateDecimals, includeAddress, value, dtdUrl, title, threads);
        }

        public Options withDtdUrl(String value) {
            return new Options(extensions, coordinateDecimals, includeAddress, includeImage, value, title, threads);
        }

        public Options withTitle(String value) {
            return new Options(extensions, coordinateDecimals, includeAddress, includeImage, dtdUrl, value, threads);
        }

        public Options withThreads(int value) {
            return new Options(extensions, coordinateDecimals, includeAddress, includeImage, dtdUrl, title, value);
        }
    }

    /** Told of each journey left out, in input order, on the thread calling {@code write} or {@code finish}. */
    @FunctionalInterface
    public interface SkipListener {
        void skipped(String uuid, String reason);
    }

    private static final String DEFAULT_TITLE = "RDEX journeys";
    /** Journeys per task: about 100 KB of XML, well under half a G1 region even on small heaps. */
    private static final int BATCH = 64;

    private final OutputStream out;
    private final Options options;
    private final SkipListener listener;
    private final JourneyToXml mapper;
    private final ExecutorService pool;
    private final int maxInFlight;
    private final ConcurrentLinkedQueue<JourneyEncoder> idle = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Future<Batch>> inFlight = new ArrayDeque<>();
    private List<SharedJourney> pending = new ArrayList<>(BATCH);
    private XMLStreamWriter2 document;
    private long written;
    private long skipped;
    private State state = State.NEW;

    private enum State { NEW, STARTED, FINISHED }

    private record Skip(String uuid, String reason) {
    }

    private record Batch(byte[] xml, int written, List<Skip> skipped) {
    }

    /** Writer with {@link Options#defaults()} that ignores skipped journeys. */
    public RdexWriter(OutputStream out) {
        this(out, Options.defaults());
    }

    public RdexWriter(OutputStream out, Options options) {
        this(out, options, (uuid, reason) -> {
        });
    }

    public RdexWriter(OutputStream out, Options options, SkipListener listener) {
        if (out == null || options == null || listener == null) {
            throw new NullPointerException("out, options and listener are required");
        }
        this.out = out;
        this.options = options;
        this.listener = listener;
        this.mapper = new JourneyToXml(options);
        int threads = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
        if (threads > 1) {
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "rdex-xml");
                t.setDaemon(true);
                return t;
            });
            this.maxInFlight = threads * 4;
        } else {
            this.pool = null;
            this.maxInFlight = 1;
        }
    }

    /** Writes the XML declaration, the DOCTYPE if configured, and the document title. */
    public void start() throws IOException {
        if (state != State.NEW) {
            throw new IllegalStateException("start() already called");
        }
        state = State.STARTED;
        String title = JourneyToXml.text(options.title());
        try {
            document = JourneyEncoder.validatingWriter(out, options.dtd());
            document.writeStartDocument("UTF-8", "1.0");
            if (options.dtdUrl() != null) {
                document.writeDTD("document", options.dtdUrl().strip(), null, null);
            }
            document.writeStartElement("document");
            document.writeStartElement("title");
            document.writeCharacters(title == null ? DEFAULT_TITLE : title);
            document.writeEndElement();
            document.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the document head", e);
        }
    }

    /**
     * Queues one journey. It is written, or reported to the listener and left out, by the time
     * {@link #finish()} returns; with one thread, before this method returns.
     */
    public void write(SharedJourney journey) throws IOException {
        if (state != State.STARTED) {
            throw new IllegalStateException("write() needs start() and must come before finish()");
        }
        pending.add(journey);
        if (pending.size() == BATCH || pool == null) {
            submit();
        }
    }

    /** Writes what is queued, closes the document and flushes; the output stream stays open. */
    public void finish() throws IOException {
        if (state != State.STARTED) {
            throw new IllegalStateException("finish() needs start() and may be called once");
        }
        state = State.FINISHED;
        if (!pending.isEmpty()) {
            submit();
        }
        while (!inFlight.isEmpty()) {
            drainOne();
        }
        try {
            document.writeEndElement();
            document.writeEndDocument();
            document.flush();
            document.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot close the document", e);
        }
        out.flush();
    }

    /** Journeys written so far. */
    public long written() {
        return written;
    }

    /** Journeys left out so far. */
    public long skipped() {
        return skipped;
    }

    /** Stops the marshalling threads; call after {@link #finish()}, or to abandon a failed run. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private void submit() throws IOException {
        List<SharedJourney> batch = pending;
        pending = new ArrayList<>(BATCH);
        Callable<Batch> task = () -> encode(batch);
        if (pool == null) {
            try {
                inFlight.add(CompletableFuture.completedFuture(task.call()));
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("cannot write journeys", e);
            }
        } else {
            inFlight.add(pool.submit(task));
        }
        while (inFlight.size() >= maxInFlight) {
            drainOne();
        }
    }

    private Batch encode(List<SharedJourney> journeys) throws IOException {
        JourneyEncoder encoder = idle.poll();
        if (encoder == null) {
            encoder = new JourneyEncoder(options.dtd());
        }
        try {
            List<Skip> skips = List.of();
            int count = 0;
            for (SharedJourney j : journeys) {
                String problem;
                try {
                    problem = encoder.encode(mapper.map(j));
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
                if (problem == null) {
                    count++;
                } else {
                    if (skips.isEmpty()) {
                        skips = new ArrayList<>();
                    }
                    skips.add(new Skip(j == null ? null : j.uuid(), problem));
                }
            }
            Batch done = new Batch(encoder.take(), count, skips);
            // Only an encoder that finished its batch is reused: a failed one may hold part of it.
            idle.add(encoder);
            return done;
        } catch (XMLStreamException e) {
            throw new IOException("cannot write journeys", e);
        }
    }

    private void drainOne() throws IOException {
        Batch batch;
        try {
            batch = inFlight.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("journey writing interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot write journeys", e.getCause());
        }
        out.write(batch.xml());
        written += batch.written();
        skipped += batch.skipped().size();
        for (Skip s : batch.skipped()) {
            listener.skipped(s.uuid(), s.reason());
        }
    }
}
