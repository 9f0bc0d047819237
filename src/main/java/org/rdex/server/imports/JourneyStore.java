package org.rdex.server.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.rdex.server.model.FieldLimits;
import org.rdex.server.model.SharedJourney;
import org.rdex.server.rdex.RdexReadResult;
import org.rdex.server.rdex.RdexReader;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Replaces one partner's journeys with the content of a file. Three parts share the job: this class reads
 * the file (a parser thread reads ahead of the thread that checks the journeys) and counts what it keeps
 * and refuses; {@link PartnerCopyRows} encodes the kept journeys as COPY rows; {@link PartnerPartitions}
 * creates the table they stream into and swaps it in as the partner's partition. A file refused half-way,
 * or any error, rolls the load back: readers see the old set until the swap, then the new one.
 */
@ApplicationScoped
public class JourneyStore {

    /** Journeys handed from the parser thread at once: one queue operation per batch, not per journey. */
    private static final int BATCH = 512;
    /**
     * A batch is handed over early once its journeys hold this many characters, so that what is read ahead
     * stays small when journeys are large (each is at most the reader's journey budget).
     */
    private static final long BATCH_CHARS = 1L << 20;
    /** Batches the parser may read ahead of the COPY: with the above, bounds memory whatever the file. */
    private static final int QUEUED_BATCHES = 8;

    @Inject
    PartnerPartitions partitions;

    /** Counts of a completed replacement. */
    public record Stored(long accepted, long rejected, long expired, List<String> rejections, List<String> warnings) {
    }

    /**
     * Reads {@code in} and, when the file is read to its end, makes its journeys the partner's whole set.
     *
     * @throws org.rdex.server.rdex.RdexFormatException the file as a whole is refused; nothing changed
     */
    public Stored replace(long partnerId, String partnerOperator, InputStream in, RdexReader.Options options,
            LocalDate today, int maxProblems) throws IOException, SQLException {
        return partitions.replace(partnerId,
                (c, table) -> copy(c, table, partnerId, partnerOperator, in, options, today, maxProblems));
    }

    private Stored copy(Connection c, String table, long partnerId, String partnerOperator, InputStream in,
            RdexReader.Options options, LocalDate today, int maxProblems) throws IOException, SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn(PartnerCopyRows.copyStatement(table));
        return load(copy, partnerId, partnerOperator, in, options, today, maxProblems);
    }

    /**
     * Parses {@code in} into {@code copy} and ends the COPY; on any failure the COPY is cancelled and the
     * failure rethrown.
     */
    static Stored load(CopyIn copy, long partnerId, String partnerOperator, InputStream in,
            RdexReader.Options options, LocalDate today, int maxProblems) throws IOException, SQLException {
        RdexReader.Summary summary;
        Staging staging;
        // Two threads, so that parsing overlaps encoding and sending: this one checks, encodes and sends
        // while the parser reads ahead, at most QUEUED_BATCHES batches, so memory stays bounded whatever the
        // file size.
        ParseAhead parser = new ParseAhead(new RdexReader(in, options));
        try {
            staging = new Staging(new PartnerCopyRows(copy), partnerId, partnerOperator, today, maxProblems);
            parser.start();
            for (List<RdexReadResult> batch; (batch = parser.next()) != null;) {
                staging.add(batch);
            }
            summary = parser.summary();
            staging.out.finish();
            copy.endCopy();
        } catch (UncheckedIOException e) {
            parser.cancel();
            cancel(copy);
            throw e.getCause();
        } catch (Throwable e) {
            // Errors too (OutOfMemoryError above all): a COPY left open would hold the connection, the
            // transaction and the partner's lock for good.
            parser.cancel();
            cancel(copy);
            throw e;
        }
        return staging.stored(summary);
    }

    /**
     * Reads {@code in} with the import's rules and counts what an import would accept, reject and skip as
     * expired, storing nothing: the conformance check of a partner's file. {@code kept} sees each journey an
     * import would store.
     *
     * @throws org.rdex.server.rdex.RdexFormatException the file as a whole would be refused
     */
    public static Stored count(String partnerOperator, InputStream in, RdexReader.Options options, LocalDate today,
            int maxProblems, java.util.function.Consumer<SharedJourney> kept) throws IOException {
        Staging staging = new Staging(null, 0, partnerOperator, today, maxProblems);
        staging.kept = kept;
        RdexReader.Summary summary = new RdexReader(in, options).read(staging::add);
        return staging.stored(summary);
    }

    /**
     * Checks and encodes the parsed journeys, and counts them. A class of its own, with a method per batch,
     * rather than one long loop in {@link #load}: the JIT compiles a small method once, where a long-running
     * loop is compiled on the stack (OSR) first and then again as a whole method.
     */
    private static final class Staging {
        final PartnerCopyRows out;
        private final long partnerId;
        private final String partnerOperator;
        private final LocalDate today;
        private final int maxProblems;
        private final List<String> rejections = new ArrayList<>();
        private final Set<String> warnings = new LinkedHashSet<>();
        private final UuidSet seen = new UuidSet();
        private long accepted;
        private long rejected;
        private long expired;
        private long duplicates;
        private String lastOperator;
        /** Without {@link #out} (a count only), where kept journeys go instead. */
        private java.util.function.Consumer<SharedJourney> kept;

        Staging(PartnerCopyRows out, long partnerId, String partnerOperator, LocalDate today, int maxProblems) {
            this.out = out;
            this.partnerId = partnerId;
            this.partnerOperator = partnerOperator;
            this.today = today;
            this.maxProblems = maxProblems;
        }

        void add(List<RdexReadResult> batch) {
            for (int i = 0, n = batch.size(); i < n; i++) {
                add(batch.get(i));
            }
        }

        private void add(RdexReadResult result) {
            if (result instanceof RdexReadResult.Rejected r) {
                reject(r.uuid(), r.reason());
                return;
            }
            SharedJourney j = ((RdexReadResult.Accepted) result).journey();
            String problem = problem(j);
            if (problem != null) {
                reject(j.uuid(), problem);
            } else if (j.activeTo().isBefore(today)) {
                expired++;
            } else if (!seen.add(j.uuid())) {
                duplicates++;
                rejected++;
            } else {
                // A file names one operator, usually: check and word a warning once per change, not per journey.
                if (partnerOperator != null && !Objects.equals(j.operator(), lastOperator)) {
                    lastOperator = j.operator();
                    if (!partnerOperator.equalsIgnoreCase(lastOperator) && warnings.size() < maxProblems) {
                        warnings.add("operator '" + clip(lastOperator) + "' differs from the partner's ("
                                + clip(partnerOperator) + ")");
                    }
                }
                if (out != null) {
                    out.row(partnerId, j);
                } else {
                    kept.accept(j);
                }
                accepted++;
            }
        }

        private void reject(String uuid, String reason) {
            rejected++;
            if (rejections.size() < maxProblems) {
                rejections.add((uuid == null ? "(no uuid)" : clip(uuid)) + ": " + clip(reason));
            }
        }

        Stored stored(RdexReader.Summary summary) {
            for (String w : summary.warnings()) {
                if (warnings.size() < maxProblems) {
                    warnings.add(w);
                }
            }
            if (duplicates > 0 && rejections.size() < maxProblems) {
                rejections.add(duplicates + " journey(s) repeating the uuid of an earlier one: the first was kept");
            }
            return new Stored(accepted, rejected, expired, rejections, new ArrayList<>(warnings));
        }
    }

    private static void cancel(CopyIn copy) {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException | RuntimeException ignored) {
            // the transaction is rolled back anyway
        }
    }

    /** Values the reader accepts but the table cannot hold; a COPY must never fail on one row. */
    private static String problem(SharedJourney j) {
        if (!storableDate(j.activeFrom()) || !storableDate(j.activeTo())
                || j.punctual() != null && !storableDate(j.punctual().date())) {
            return "date outside years 1900-9999";
        }
        if (j.uuid().length() > FieldLimits.UUID) {
            return "uuid longer than " + FieldLimits.UUID + " characters";
        }
        return null;
    }

    private static boolean storableDate(LocalDate d) {
        return d == null || d.getYear() >= 1900 && d.getYear() <= 9999;
    }

    static String clip(String s) {
        if (s == null) {
            return "";
        }
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 200 ? clean : clean.substring(0, 197) + "...";
    }

    /**
     * The uuids already copied, as 64-bit hashes in an open-addressing table: 16 bytes per journey at most
     * (16 MiB for a million), where strings would take several times that. A hash collision would drop a
     * journey as a duplicate; at a million journeys its odds are about 1 in 30 million.
     */
    static final class UuidSet {
        private long[] table = new long[1 << 14];
        private int size;
        private boolean zero;

        boolean add(String uuid) {
            long h = hash(uuid);
            if (h == 0) {
                boolean added = !zero;
                zero = true;
                return added;
            }
            if (size * 2 >= table.length) {
                grow();
            }
            return insert(table, h);
        }

        private boolean insert(long[] t, long h) {
            int mask = t.length - 1;
            for (int i = (int) (h ^ (h >>> 32)) & mask;; i = (i + 1) & mask) {
                if (t[i] == 0) {
                    t[i] = h;
                    size++;
                    return true;
                }
                if (t[i] == h) {
                    return false;
                }
            }
        }

        private void grow() {
            long[] old = table;
            table = new long[old.length * 2];
            size = 0;
            for (long h : old) {
                if (h != 0) {
                    insert(table, h);
                }
            }
        }

        /** FNV-1a over the UTF-16 units, then a final mix. */
        private static long hash(String s) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < s.length(); i++) {
                h ^= s.charAt(i);
                h *= 0x100000001b3L;
            }
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            return h;
        }
    }

    /**
     * Runs the reader on its own thread, handing results over in batches through a bounded queue. The
     * reader's outcome (its summary, or the exception that refused the file) is rethrown to the consumer
     * with its type; {@link #cancel()} stops the reader when the consumer gives up.
     */
    static final class ParseAhead {
        private static final List<RdexReadResult> END = List.of();
        private final RdexReader reader;
        private final BlockingQueue<List<RdexReadResult>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        private final Thread thread;
        private volatile boolean cancelled;
        private volatile RdexReader.Summary summary;
        private volatile Throwable failure;
        /** Only touched by the parser thread. */
        private List<RdexReadResult> pending = new ArrayList<>(BATCH);
        private long pendingChars;

        ParseAhead(RdexReader reader) {
            this.reader = reader;
            this.thread = new Thread(this::parse, "rdex-import-parser");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void parse() {
            try {
                summary = reader.read(result -> {
                    pending.add(result);
                    pendingChars += chars(result);
                    if (pending.size() == BATCH || pendingChars >= BATCH_CHARS) {
                        put(pending);
                        pending = new ArrayList<>(BATCH);
                        pendingChars = 0;
                    }
                });
                if (!pending.isEmpty()) {
                    put(pending);
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                if (!cancelled) {
                    try {
                        put(END);
                    } catch (CancellationException ignored) {
                        // the consumer is gone
                    }
                }
            }
        }

        /** About the characters a result holds: its long values, and a little for the rest. */
        static long chars(RdexReadResult result) {
            if (result instanceof RdexReadResult.Rejected r) {
                return 64 + length(r.uuid()) + length(r.reason());
            }
            SharedJourney j = ((RdexReadResult.Accepted) result).journey();
            long n = 256 + length(j.uuid()) + length(j.operator()) + length(j.site()) + length(j.route())
                    + length(j.url()) + length(j.pseudonym()) + length(j.image()) + length(j.details())
                    + length(j.vehicleModel()) + length(j.vehicleColour());
            for (SharedJourney.Place p : new SharedJourney.Place[] {j.from(), j.to()}) {
                n += length(p.location()) + length(p.insee()) + length(p.postalCode()) + length(p.address())
                        + length(p.country());
            }
            return n;
        }

        private static int length(String s) {
            return s == null ? 0 : s.length();
        }

        private void put(List<RdexReadResult> batch) {
            try {
                while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    if (cancelled) {
                        throw new CancellationException();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException();
            }
        }

        /** The next batch, or null once the reader finished; rethrows what stopped the reader. */
        List<RdexReadResult> next() throws IOException {
            List<RdexReadResult> batch;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("import interrupted");
            }
            if (batch != END) {
                return batch;
            }
            Throwable e = failure;
            if (e instanceof IOException io) {
                throw io;
            } else if (e instanceof RuntimeException re) {
                throw re;
            } else if (e instanceof Error err) {
                throw err;
            } else if (e != null) {
                throw new IllegalStateException(e);
            }
            return null;
        }

        RdexReader.Summary summary() {
            return summary;
        }

        /**
         * Stops the reader and waits briefly for it, so that the caller does not close the input under it
         * (a reader blocked on a slow download stops when the caller closes the stream).
         */
        void cancel() {
            cancelled = true;
            thread.interrupt();
            queue.clear();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
