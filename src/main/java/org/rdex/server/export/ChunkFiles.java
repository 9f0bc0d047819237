package org.rdex.server.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Files stored in PostgreSQL as numbered chunks ({@code run_id, seq, data}) of a fixed size except the last:
 * writes them, and reads any byte range reading only the chunks it covers, one at a time.
 */
public final class ChunkFiles {

    /** Tables holding chunked files; the name goes into SQL, so it comes from this list only. */
    public enum Table {
        EXPORT("export_chunk"),
        OPENDATA("opendata_chunk");

        final String sql;

        Table(String sql) {
            this.sql = sql;
        }
    }

    private ChunkFiles() {
    }

    /**
     * Copies {@code length} bytes from {@code offset} of the run's file to {@code out}. The chunk size is the
     * first chunk's, so that this works whatever size the writer chose.
     */
    public static void copy(DataSource dataSource, Table table, long runId, long offset, long length,
            OutputStream out) throws IOException {
        if (length <= 0) {
            return;
        }
        long written = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long chunkSize;
            try (PreparedStatement ps = c.prepareStatement(
                    "select octet_length(data) from " + table.sql + " where run_id = ? and seq = 0")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getLong(1) <= 0) {
                        throw new IOException("stored file " + runId + " has no bytes");
                    }
                    chunkSize = rs.getLong(1);
                }
            }
            long firstSeq = offset / chunkSize;
            long lastSeq = (offset + length - 1) / chunkSize;
            try (PreparedStatement ps = c.prepareStatement("select seq, data from " + table.sql
                    + " where run_id = ? and seq between ? and ? order by seq")) {
                // One chunk in memory at a time.
                ps.setFetchSize(1);
                ps.setLong(1, runId);
                ps.setLong(2, firstSeq);
                ps.setLong(3, lastSeq);
                try (ResultSet rs = ps.executeQuery()) {
                    long expected = firstSeq;
                    while (rs.next() && written < length) {
                        if (rs.getLong(1) != expected++) {
                            throw new IOException("chunk missing in stored file " + runId);
                        }
                        byte[] data = rs.getBytes(2);
                        int skip = written == 0 ? (int) (offset % chunkSize) : 0;
                        if (data.length != chunkSize && rs.getLong(1) != lastSeq) {
                            throw new IOException("chunk of unexpected size in stored file " + runId);
                        }
                        int n = (int) Math.min(data.length - skip, length - written);
                        if (n <= 0) {
                            break;
                        }
                        out.write(data, skip, n);
                        written += n;
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IOException("Cannot read the stored file", e);
        }
        if (written != length) {
            throw new IOException("stored file " + runId + " is shorter than its recorded size");
        }
    }

    /** Stores {@code in} as the run's chunks on {@code c} (the caller owns the transaction). */
    public static void write(Connection c, Table table, long runId, int chunkSize, InputStream in)
            throws IOException, SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into " + table.sql + " (run_id, seq, data) values (?, ?, ?)")) {
            byte[] buffer = new byte[chunkSize];
            int seq = 0;
            int n;
            while ((n = in.readNBytes(buffer, 0, chunkSize)) > 0) {
                ps.setLong(1, runId);
                ps.setInt(2, seq++);
                ps.setBytes(3, n == chunkSize ? buffer : java.util.Arrays.copyOf(buffer, n));
                ps.executeUpdate();
            }
        }
    }
}
