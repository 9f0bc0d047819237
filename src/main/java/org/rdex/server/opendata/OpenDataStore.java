package org.rdex.server.opendata;

import org.rdex.server.export.ChunkFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The public file's facts and bytes, and the pushes to data.gouv.fr, in PostgreSQL like the export itself. */
@ApplicationScoped
public class OpenDataStore {

    static final int CHUNK = 1 << 20;

    /** The facts of one run's public file; {@code rotated} files have their own bytes and digest. */
    public record PublicFile(long runId, boolean rotated, String sha256, long bytes, Instant createdAt,
            String dtdUrl, FileFacts facts) {
    }

    /** The latest push and how it went. */
    public record Push(long id, long runId, String sha256, String state, int attempts, Integer httpStatus,
            String message, Instant startedAt, Instant updatedAt, Instant nextTryAt) {
    }

    @Inject
    AgroalDataSource dataSource;

    /**
     * Records a run's public file (and its bytes when rotated) and forgets older ones, in one transaction:
     * downloaders get the previous public file or this one, whole.
     */
    void save(long runId, boolean rotated, String sha256, long bytes, String dtdUrl, FileFacts facts, Path rotatedFile)
            throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("insert into opendata_file (run_id, rotated, sha256,"
                        + " bytes, journeys, min_lat, min_lon, max_lat, max_lon, active_from, active_to, dtd_url)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, runId);
                    ps.setBoolean(2, rotated);
                    ps.setString(3, sha256);
                    ps.setLong(4, bytes);
                    ps.setLong(5, facts.journeys());
                    for (int i = 0; i < 4; i++) {
                        if (facts.bbox() == null) {
                            ps.setNull(6 + i, Types.DOUBLE);
                        } else {
                            ps.setDouble(6 + i, facts.bbox()[i]);
                        }
                    }
                    ps.setObject(10, facts.activeFrom() == null ? null : Date.valueOf(facts.activeFrom()), Types.DATE);
                    ps.setObject(11, facts.activeTo() == null ? null : Date.valueOf(facts.activeTo()), Types.DATE);
                    ps.setString(12, dtdUrl);
                    ps.executeUpdate();
                }
                if (rotated) {
                    try (InputStream in = Files.newInputStream(rotatedFile)) {
                        ChunkFiles.write(c, ChunkFiles.Table.OPENDATA, runId, CHUNK, in);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("delete from opendata_file where run_id <> ?")) {
                    ps.setLong(1, runId);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The newest public file's facts. */
    public Optional<PublicFile> latest() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select run_id, rotated, sha256, bytes, created_at, journeys,"
                        + " min_lat, min_lon, max_lat, max_lon, active_from, active_to, dtd_url"
                        + " from opendata_file order by run_id desc limit 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            double[] bbox = null;
            rs.getDouble(7);
            if (!rs.wasNull()) {
                bbox = new double[] {rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10)};
            }
            Date from = rs.getDate(11);
            Date to = rs.getDate(12);
            FileFacts facts = new FileFacts(rs.getLong(6), bbox, from == null ? null : from.toLocalDate(),
                    to == null ? null : to.toLocalDate());
            return Optional.of(new PublicFile(rs.getLong(1), rs.getBoolean(2), rs.getString(3), rs.getLong(4),
                    rs.getTimestamp(5).toInstant(), rs.getString(13), facts));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the public file's facts", e);
        }
    }

    /** Copies part of the partners' file (the export's own chunks). */
    public void copyExport(long runId, long offset, long length, OutputStream out) throws IOException {
        ChunkFiles.copy(dataSource, ChunkFiles.Table.EXPORT, runId, offset, length, out);
    }

    /** Copies part of a rotated public file. */
    public void copy(long runId, long offset, long length, OutputStream out) throws IOException {
        ChunkFiles.copy(dataSource, ChunkFiles.Table.OPENDATA, runId, offset, length, out);
    }

    long startPush(long runId, String sha256) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("delete from opendata_push where id not in"
                    + " (select id from opendata_push order by id desc limit 20)")) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into opendata_push (run_id, sha256, state) values (?, ?, 'RUNNING') returning id")) {
                ps.setLong(1, runId);
                ps.setString(2, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    void updatePush(long id, String state, int attempts, Integer httpStatus, String message, Instant nextTryAt)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("update opendata_push set state = ?, attempts = ?,"
                        + " http_status = ?, message = ?, next_try_at = ?, updated_at = now() where id = ?")) {
            ps.setString(1, state);
            ps.setInt(2, attempts);
            ps.setObject(3, httpStatus, Types.INTEGER);
            ps.setString(4, message == null || message.length() <= 1000 ? message : message.substring(0, 1000));
            ps.setTimestamp(5, nextTryAt == null ? null : Timestamp.from(nextTryAt));
            ps.setLong(6, id);
            ps.executeUpdate();
        }
    }

    public Optional<Push> lastPush() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select id, run_id, sha256, state, attempts, http_status,"
                        + " message, started_at, updated_at, next_try_at from opendata_push order by id desc limit 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            int status = rs.getInt(6);
            Integer httpStatus = rs.wasNull() ? null : status;
            Timestamp next = rs.getTimestamp(10);
            return Optional.of(new Push(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                    httpStatus, rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant(),
                    next == null ? null : next.toInstant()));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the last push", e);
        }
    }
}
