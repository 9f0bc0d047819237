package org.rdex.server.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.rdex.server.journey.Schedule;
import org.rdex.server.rdex.RdexJourney;
import org.rdex.server.rdex.RdexReadResult;
import org.rdex.server.rdex.RdexReader;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Replaces one partner's journeys with the content of a file, in one transaction: the partner's old rows are
 * deleted, then the file is parsed as it streams straight into the journey table through COPY (a parser thread
 * reads ahead of the thread that encodes and sends, while the database inserts). A file refused half-way, or any error,
 * rolls everything back: readers see the old set until the commit, then the new one.
 */
@ApplicationScoped
public class JourneyStore {

    /** Namespace of the per-partner advisory lock: two imports of one partner never interleave. */
    static final int LOCK_NAMESPACE = 0x52444549;
    private static final int FLUSH_BYTES = 1 << 20;
    /** Journeys handed from the parser thread at once: one queue operation per batch, not per journey. */
    private static final int BATCH = 512;
    /** Batches the parser may read ahead of the COPY: bounds memory (a few thousand journeys). */
    private static final int QUEUED_BATCHES = 8;
    private static final BigDecimal MAX_KM = new BigDecimal("99999999");
    private static final BigDecimal MAX_PRICE = new BigDecimal("99999999");

    private static final String COLUMNS = "uuid, operator, site, from_location, from_insee, from_postalcode,"
            + " from_address, from_lat, from_lon, from_country, to_location, to_insee, to_postalcode, to_address,"
            + " to_lat, to_lon, to_country, route, distance_km, duration_min, driver, passenger, seats, url, pseudonym,"
            + " image_url, vehicle_model, vehicle_colour, price, details, active_from, active_to, punctual,"
            + " punctual_date, punctual_min, punctual_max, schedule, days_mask";

    @Inject
    DataSource dataSource;

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
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                Stored stored = replace(c, partnerId, partnerOperator, in, options, today, maxProblems);
                c.commit();
                return stored;
            } catch (IOException | SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private Stored replace(Connection c, long partnerId, String partnerOperator, InputStream in,
            RdexReader.Options options, LocalDate today, int maxProblems) throws IOException, SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
            lock.setInt(1, LOCK_NAMESPACE);
            lock.setInt(2, (int) partnerId);
            lock.execute();
        }
        // Old rows go first so the new ones can take their uuids; a refused file rolls the delete back.
        try (PreparedStatement delete = c.prepareStatement("delete from journey where partner_id = ?")) {
            delete.setLong(1, partnerId);
            delete.executeUpdate();
        }
        List<String> rejections = new ArrayList<>();
        Set<String> warnings = new LinkedHashSet<>();
        long[] counts = new long[3]; // accepted (staged), rejected, expired
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy journey (partner_id, " + COLUMNS + ") from stdin");
        UuidSet seen = new UuidSet();
        long duplicates = 0;
        RdexReader.Summary summary;
        // Two threads, as the profile showed one thread parsing and encoding could not feed the database
        // fast enough: this one checks, encodes and sends while the parser reads ahead, at most
        // QUEUED_BATCHES batches, so memory stays bounded whatever the file size.
        ParseAhead parser = new ParseAhead(new RdexReader(in, options));
        try {
            CopyWriter out = new CopyWriter(copy);
            parser.start();
            while (true) {
                List<RdexReadResult> batch = parser.next();
                if (batch == null) {
                    break;
                }
                for (RdexReadResult result : batch) {
                    if (result instanceof RdexReadResult.Rejected r) {
                        reject(counts, rejections, maxProblems, r.uuid(), r.reason());
                        continue;
                    }
                    RdexJourney j = ((RdexReadResult.Accepted) result).journey();
                    String problem = problem(j);
                    if (problem != null) {
                        reject(counts, rejections, maxProblems, j.uuid(), problem);
                    } else if (j.activeTo().isBefore(today)) {
                        counts[2]++;
                    } else if (!seen.add(j.uuid())) {
                        duplicates++;
                        counts[1]++;
                    } else {
                        if (partnerOperator != null && !partnerOperator.equalsIgnoreCase(j.operator())
                                && warnings.size() < maxProblems) {
                            warnings.add("operator '" + clip(j.operator()) + "' differs from the partner's ("
                                    + clip(partnerOperator) + ")");
                        }
                        out.row(partnerId, j);
                        counts[0]++;
                    }
                }
            }
            summary = parser.summary();
            out.flush();
            copy.endCopy();
        } catch (UncheckedIOException e) {
            parser.cancel();
            cancel(copy);
            throw e.getCause();
        } catch (IOException | SQLException | RuntimeException e) {
            parser.cancel();
            cancel(copy);
            throw e;
        }
        for (String w : summary.warnings()) {
            if (warnings.size() < maxProblems) {
                warnings.add(w);
            }
        }
        if (duplicates > 0 && rejections.size() < maxProblems) {
            rejections.add(duplicates + " journey(s) repeating the uuid of an earlier one: the first was kept");
        }
        return new Stored(counts[0], counts[1], counts[2], rejections, new ArrayList<>(warnings));
    }

    private static void cancel(CopyIn copy) {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the transaction is rolled back anyway
        }
    }

    private static void reject(long[] counts, List<String> rejections, int max, String uuid, String reason) {
        counts[1]++;
        if (rejections.size() < max) {
            rejections.add((uuid == null ? "(no uuid)" : clip(uuid)) + ": " + clip(reason));
        }
    }

    /** Values the reader accepts but the table cannot hold; a COPY must never fail on one row. */
    private static String problem(RdexJourney j) {
        if (!storableDate(j.activeFrom()) || !storableDate(j.activeTo())
                || j.punctual() != null && !storableDate(j.punctual().date())) {
            return "date outside years 1900-9999";
        }
        if (j.uuid().length() > 255) {
            return "uuid longer than 255 characters";
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
                    if (pending.size() == BATCH) {
                        put(pending);
                        pending = new ArrayList<>(BATCH);
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

    /** COPY text format, buffered into ~1 MiB writes. */
    private static final class CopyWriter {
        private static final String[] DAY_NAMES = java.util.Arrays.stream(java.time.DayOfWeek.values())
                .map(d -> d.name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);
        private final CopyIn copy;
        private final StringBuilder sb = new StringBuilder(FLUSH_BYTES + 64 * 1024);

        CopyWriter(CopyIn copy) {
            this.copy = copy;
        }

        void row(long partnerId, RdexJourney j) {
            number(Long.toString(partnerId));
            text(j.uuid());
            text(j.operator());
            text(j.site());
            place(j.from());
            place(j.to());
            text(j.route());
            BigDecimal km = j.kilometers() != null && j.kilometers().abs().compareTo(MAX_KM) < 0 ? j.kilometers() : null;
            number(km == null ? null : km.setScale(1, java.math.RoundingMode.HALF_UP).toPlainString());
            number(j.minutes() == null ? null : j.minutes().toString());
            bool(j.driver());
            bool(j.passenger());
            number(j.seats() != null && j.seats() >= 0 && j.seats() <= Short.MAX_VALUE ? j.seats().toString() : null);
            text(j.url());
            text(j.name());
            text(j.image());
            text(j.vehicleModel());
            text(j.vehicleColour());
            BigDecimal price = j.cost() != null && j.cost().abs().compareTo(MAX_PRICE) < 0 ? j.cost() : null;
            number(price == null ? null : price.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
            text(j.details());
            number(j.activeFrom().toString());
            number(j.activeTo().toString());
            if (j.punctual() != null) {
                RdexJourney.Punctual p = j.punctual();
                LocalTime min = p.minTime() != null ? p.minTime() : p.maxTime();
                LocalTime max = p.maxTime() != null ? p.maxTime() : p.minTime();
                if (min != null && max != null && max.isBefore(min)) {
                    LocalTime swap = min;
                    min = max;
                    max = swap;
                }
                bool(true);
                number(p.date().toString());
                number(min == null ? null : min.toString());
                number(max == null ? null : max.toString());
                number(null);
                last(Integer.toString(1 << (p.date().getDayOfWeek().getValue() - 1)));
            } else {
                bool(false);
                number(null);
                number(null);
                number(null);
                schedule(j.regular().days());
                last(Short.toString(Schedule.mask(j.regular().days())));
            }
            if (sb.length() >= FLUSH_BYTES) {
                flush();
            }
        }

        /**
         * The same JSON as {@link Schedule#toJson} (the column is jsonb, so only the content matters),
         * written in place: Jackson's tree per journey was a third of the encoding time. Day names and
         * times need no escaping, in JSON or in COPY text.
         */
        private void schedule(java.util.Map<java.time.DayOfWeek, RdexJourney.DayWindow> days) {
            sb.append('{');
            boolean first = true;
            for (java.util.Map.Entry<java.time.DayOfWeek, RdexJourney.DayWindow> e : days.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append('"').append(DAY_NAMES[e.getKey().ordinal()]).append("\":{");
                RdexJourney.DayWindow w = e.getValue();
                boolean any = time("depMin", w.depMin(), false);
                any = time("depMax", w.depMax(), any);
                any = time("retMin", w.retMin(), any);
                time("retMax", w.retMax(), any);
                sb.append('}');
            }
            sb.append("}\t");
        }

        private boolean time(String name, LocalTime t, boolean comma) {
            if (t == null) {
                return comma;
            }
            if (comma) {
                sb.append(',');
            }
            sb.append('"').append(name).append("\":\"");
            if (t.getSecond() == 0 && t.getNano() == 0) {
                two(t.getHour());
                sb.append(':');
                two(t.getMinute());
            } else {
                sb.append(t);
            }
            sb.append('"');
            return true;
        }

        private void two(int n) {
            sb.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
        }

        private void place(RdexJourney.Place p) {
            text(p.location());
            text(p.insee());
            text(p.postalCode());
            text(p.address());
            number(Double.toString(p.lat()));
            number(Double.toString(p.lon()));
            text(p.country());
        }

        private void bool(boolean b) {
            sb.append(b ? 't' : 'f').append('\t');
        }

        private void number(String value) {
            if (value == null) {
                sb.append("\\N");
            } else {
                sb.append(value);
            }
            sb.append('\t');
        }

        private void last(String value) {
            sb.append(value).append('\n');
        }

        private void text(String value) {
            if (value == null) {
                sb.append("\\N\t");
                return;
            }
            for (int i = 0, n = value.length(); i < n; i++) {
                char ch = value.charAt(i);
                switch (ch) {
                    case '\\' -> sb.append("\\\\");
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\0' -> sb.append(' ');
                    default -> sb.append(ch);
                }
            }
            sb.append('\t');
        }

        void flush() {
            if (sb.length() == 0) {
                return;
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            sb.setLength(0);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new UncheckedIOException(new IOException("COPY to the database failed", e));
            }
        }
    }
}
