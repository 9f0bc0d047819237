package org.rdex.server.export;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

import javax.sql.DataSource;

import org.rdex.server.db.SessionLimits;
import org.rdex.server.rdex.GzipMemberEncoder;
import org.rdex.server.rdex.GzipMemberEncoder.Member;
import org.rdex.server.rdex.RdexWriter;

/**
 * The export in ranges of {@link #CHUNK} journeys: each range is read, mapped, marshalled, validated and deflated
 * into a gzip member by one worker on its own connection, and the members are written out in order, so the
 * file is one gzip stream whose bytes depend only on the data (never on the number of workers or their
 * timing). Every connection reads the one snapshot the coordinating connection exported
 * ({@code pg_export_snapshot()}), so the file is as consistent as a single cursor's. The coordinator only reads
 * the range boundaries (one id in {@link #CHUNK}) and writes members; memory is bounded by the members in flight.
 */
final class ChunkedExport {

    /** Journeys per member: about 2.7 MB of XML, 300 KB gzipped; compression loses nothing measurable. */
    static final int CHUNK = 2048;
    /** Leaves connections in the pool (32 by default) for the server while an export runs on a large machine. */
    static final int MAX_WORKERS = 8;

    /** {@link JourneyRows#SELECT} narrowed to one range of ids, whatever else it selects or filters. */
    private static final String RANGE;

    static {
        if (!JourneyRows.SELECT.endsWith(" order by id")) {
            throw new ExceptionInInitializerError("JourneyRows.SELECT must end with ' order by id': " + JourneyRows.SELECT);
        }
        RANGE = JourneyRows.SELECT.substring(0, JourneyRows.SELECT.length() - " order by id".length())
                + " and id > ? and id <= ? order by id";
    }

    /** The boundaries: a superset of the ids {@link JourneyRows#SELECT} reads is enough, the ranges only get uneven. */
    private static final String IDS = "select id from journey where active_to >= ? order by id";

    /** What a run wrote. */
    record Totals(long written, long skipped, long uncompressed) {
    }

    /** Told of progress and of each journey left out, in file order, on the coordinating thread. */
    interface Listener {
        void skipped(String uuid, String reason);

        void progress(long journeys);
    }

    private final DataSource dataSource;
    private final RdexWriter.Options options;
    private final int level;
    private final int workers;
    private final LocalDate today;
    private final Listener listener;
    private final LinkedBlockingQueue<GzipMemberEncoder> idle = new LinkedBlockingQueue<>();

    ChunkedExport(DataSource dataSource, RdexWriter.Options options, int level, int threads, LocalDate today,
            Listener listener) {
        this.dataSource = dataSource;
        this.options = options;
        this.level = level;
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.workers = Math.max(1, Math.min(n, MAX_WORKERS));
        this.today = today;
        this.listener = listener;
    }

    Totals write(OutputStream out) throws IOException, SQLException {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "rdex-export");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<Member>> inFlight = new ArrayDeque<>();
        long written = 0;
        long skipped = 0;
        long uncompressed = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                SessionLimits.longJob(c, "export");
                String snapshot;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_export_snapshot()")) {
                    rs.next();
                    snapshot = rs.getString(1);
                }
                GzipMemberEncoder.Frame frame = new GzipMemberEncoder.Frame(options, level);
                Member head = frame.head();
                head.writeTo(out);
                uncompressed += head.uncompressed();
                try (PreparedStatement ps = c.prepareStatement(IDS)) {
                    // A cursor: only one id in CHUNK is kept.
                    ps.setFetchSize(10_000);
                    ps.setObject(1, today);
                    long from = Long.MIN_VALUE;
                    long count = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (++count % CHUNK == 0) {
                                long to = rs.getLong(1);
                                long lower = from;
                                inFlight.add(pool.submit(() -> range(snapshot, lower, to)));
                                from = to;
                                while (inFlight.size() >= workers * 2) {
                                    Member m = take(inFlight);
                                    m.writeTo(out);
                                    written += m.written();
                                    skipped += report(m);
                                    uncompressed += m.uncompressed();
                                    listener.progress(written + skipped);
                                }
                            }
                        }
                    }
                    if (count % CHUNK != 0) {
                        long lower = from;
                        inFlight.add(pool.submit(() -> range(snapshot, lower, Long.MAX_VALUE)));
                    }
                }
                while (!inFlight.isEmpty()) {
                    Member m = take(inFlight);
                    m.writeTo(out);
                    written += m.written();
                    skipped += report(m);
                    uncompressed += m.uncompressed();
                }
                Member tail = frame.tail();
                tail.writeTo(out);
                uncompressed += tail.uncompressed();
                out.flush();
            } finally {
                // The snapshot lives as long as this transaction: the workers are done (or cancelled) by now.
                pool.shutdownNow();
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        } finally {
            pool.shutdownNow();
            for (GzipMemberEncoder e : idle) {
                e.end();
            }
        }
        return new Totals(written, skipped, uncompressed);
    }

    private long report(Member m) {
        for (GzipMemberEncoder.Skip s : m.skipped()) {
            listener.skipped(s.uuid(), s.reason());
        }
        return m.skipped().size();
    }

    private static Member take(ArrayDeque<Future<Member>> inFlight) throws IOException, SQLException {
        try {
            return inFlight.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("export interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IOException("cannot write journeys", e.getCause());
        }
    }

    /** The journeys with {@code lower < id <= upper}, in the exported snapshot, as one member. */
    private Member range(String snapshot, long lower, long upper) throws IOException, SQLException {
        GzipMemberEncoder encoder = idle.poll();
        if (encoder == null) {
            encoder = new GzipMemberEncoder(options, level);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                // Must be the transaction's first statement.
                try (Statement s = c.createStatement()) {
                    s.execute("set transaction snapshot '" + snapshot.replace("'", "''") + "'");
                }
                SessionLimits.longJob(c, "export");
                try (PreparedStatement ps = c.prepareStatement(RANGE)) {
                    ps.setFetchSize(CHUNK);
                    ps.setObject(1, today);
                    ps.setLong(2, lower);
                    ps.setLong(3, upper);
                    try (ResultSet rs = ps.executeQuery()) {
                        JourneyRows rows = JourneyRows.of(rs);
                        while (rs.next()) {
                            encoder.add(rows.map(rs));
                        }
                    }
                }
                Member member = encoder.finish();
                // Only an encoder that finished its member is reused: a failed one may hold part of one.
                idle.add(encoder);
                return member;
            } finally {
                c.rollback();
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        }
    }
}
