package org.rdex.server.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.rdex.server.db.AdvisoryLock;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Export runs and the published file, in PostgreSQL: every instance serves the same bytes, and the swap
 * to a new file is one transaction, so partners see the old file or the new one, never half of one.
 */
@ApplicationScoped
public class ExportStore {

    static final int CHUNK = 1 << 20;

    /** The file partners download. */
    public record Published(long runId, String sha256, long bytes, long journeys, Instant publishedAt, boolean minimal) {
        public String etag() {
            return "\"" + sha256 + "\"";
        }
    }

    /** One run, as the history shows it. */
    public record Run(long id, Instant startedAt, Instant finishedAt, String status, Long journeys, Long bytes,
            String error) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    org.rdex.server.history.HistoryConfig history;

    /** What a run cut off before it could record its own end says. */
    static final String INTERRUPTED = "interrupted: its process or its database connection ended before it finished";

    long startRun(boolean minimal) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            // Only called under the export lock: a RUNNING row left now is from a crashed run.
            failRunning(c);
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into export_run (status, minimal) values ('RUNNING', ?) returning id")) {
                insert.setBoolean(1, minimal);
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    private static int failRunning(Connection c) throws SQLException {
        try (PreparedStatement stale = c.prepareStatement(
                "update export_run set status = 'FAILED', finished_at = now(), error = ? where status = 'RUNNING'")) {
            stale.setString(1, INTERRUPTED);
            return stale.executeUpdate();
        }
    }

    /**
     * Marks failed the runs left RUNNING while no export holds the lock: the lock is a session's, so a free lock
     * means their process died or their database session ended (PostgreSQL restarted). Returns how many.
     */
    int failInterrupted() throws SQLException {
        return AdvisoryLock.ifFree(dataSource, AdvisoryLock.EXPORT, () -> {
            try (Connection c = dataSource.getConnection()) {
                return failRunning(c);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot mark interrupted export runs", e);
            }
        }).orElse(0);
    }

    void fail(long runId, long journeys, String error) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("update export_run set status = 'FAILED', finished_at = now(),"
                        + " journeys = ?, error = ? where id = ?")) {
            ps.setLong(1, journeys);
            ps.setString(2, error.length() > 4000 ? error.substring(0, 4000) : error);
            ps.setLong(3, runId);
            ps.executeUpdate();
        }
    }

    /** Stores the file in chunks and makes it the published one, in a single transaction. */
    void publish(long runId, Path file, long journeys, String sha256, int keepRuns) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (InputStream in = Files.newInputStream(file)) {
                    ChunkFiles.write(c, ChunkFiles.Table.EXPORT, runId, CHUNK, in);
                }
                try (PreparedStatement ps = c.prepareStatement("update export_run set status = 'SUPERSEDED'"
                        + " where id = (select run_id from export_current)")) {
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("update export_run set status = 'PUBLISHED',"
                        + " finished_at = now(), journeys = ?, bytes = ?, sha256 = ? where id = ?")) {
                    ps.setLong(1, journeys);
                    ps.setLong(2, Files.size(file));
                    ps.setString(3, sha256);
                    ps.setLong(4, runId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("insert into export_current (id, run_id) values (1, ?)"
                        + " on conflict (id) do update set run_id = excluded.run_id")) {
                    ps.setLong(1, runId);
                    ps.executeUpdate();
                }
                // History: keep the newest runs for inspection, but only the published one keeps its bytes.
                try (PreparedStatement ps = c.prepareStatement("delete from export_chunk where run_id <> ?")) {
                    ps.setLong(1, runId);
                    ps.executeUpdate();
                }
                // Runs younger than the history stay too: they are the console's export chart.
                try (PreparedStatement ps = c.prepareStatement("delete from export_run where id <> ? and id not in"
                        + " (select id from export_run order by id desc limit ?) and started_at < ?")) {
                    ps.setLong(1, runId);
                    ps.setInt(2, Math.max(1, keepRuns));
                    ps.setTimestamp(3, java.sql.Timestamp.from(Instant.now().minus(history.keep())));
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Runs started since {@code since}, oldest first. */
    public java.util.List<Run> runs(Instant since) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id, started_at, finished_at, status, journeys, bytes, error from export_run"
                        + " where started_at >= ? order by started_at, id")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(since));
            java.util.List<Run> runs = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(new Run(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                            rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getString(4),
                            rs.getObject(5) == null ? null : rs.getLong(5), rs.getObject(6) == null ? null : rs.getLong(6),
                            rs.getString(7)));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the export runs", e);
        }
    }

    public Optional<Published> current() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select r.id, r.sha256, r.bytes, r.journeys, r.finished_at,"
                        + " r.minimal from export_current cur join export_run r on r.id = cur.run_id");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Published(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                    rs.getTimestamp(5).toInstant(), rs.getBoolean(6)));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the published export", e);
        }
    }

    /** Copies the bytes of a run to {@code out}, one chunk in memory at a time. */
    public void copyTo(long runId, OutputStream out) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "select data from export_chunk where run_id = ? order by seq")) {
                ps.setFetchSize(1);
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.write(rs.getBytes(1));
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IOException("Cannot read the published export", e);
        }
    }
}
