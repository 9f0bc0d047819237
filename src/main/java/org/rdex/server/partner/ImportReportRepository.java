package org.rdex.server.partner;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The import reports table: written after every attempt, read by {@code partners list} and the admin API. */
@ApplicationScoped
public class ImportReportRepository {

    private static final String COLUMNS = "p.name, r.started_at, r.finished_at, r.source, r.outcome, r.bytes, r.accepted,"
            + " r.rejected, r.expired, r.rejections, r.warnings, r.duration_ms, r.message";

    @Inject
    DataSource dataSource;
    @Inject
    org.rdex.server.history.HistoryConfig history;

    /** Stores the report and keeps the partner's {@code keep} latest ones (one at least) and those of the history. */
    public void record(long partnerId, ImportReport report, int keep) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("insert into partner_import (partner_id, started_at,"
                    + " finished_at, source, outcome, bytes, accepted, rejected, expired, rejections, warnings,"
                    + " duration_ms, message) values (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setLong(1, partnerId);
                ps.setTimestamp(2, Timestamp.from(report.startedAt()));
                ps.setTimestamp(3, Timestamp.from(report.finishedAt()));
                ps.setString(4, report.source());
                ps.setString(5, report.outcome().name());
                ps.setLong(6, report.bytes());
                ps.setLong(7, report.accepted());
                ps.setLong(8, report.rejected());
                ps.setLong(9, report.expired());
                ps.setArray(10, c.createArrayOf("text", report.rejections().toArray()));
                ps.setArray(11, c.createArrayOf("text", report.warnings().toArray()));
                ps.setLong(12, report.durationMs());
                ps.setString(13, report.message());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("delete from partner_import where partner_id = ? and id not in"
                    + " (select id from partner_import where partner_id = ? order by started_at desc, id desc limit ?)"
                    + " and started_at < ?")) {
                ps.setLong(1, partnerId);
                ps.setLong(2, partnerId);
                ps.setInt(3, Math.max(1, keep));
                ps.setTimestamp(4, Timestamp.from(java.time.Instant.now().minus(history.keep())));
                ps.executeUpdate();
            }
        }
    }

    /** Most recent reports of a partner, newest first. */
    public List<ImportReport> recent(long partnerId, int limit) {
        return query("select " + COLUMNS + " from partner_import r join partner p on p.id = r.partner_id"
                + " where r.partner_id = ? order by r.started_at desc, r.id desc limit ?", partnerId, limit);
    }

    /** Every partner's reports started since {@code since}, oldest first (the console's import chart). */
    public List<ImportReport> since(java.time.Instant since) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from partner_import r join partner p on p.id = r.partner_id where r.started_at >= ?"
                + " order by r.started_at, r.id")) {
            ps.setTimestamp(1, Timestamp.from(since));
            List<ImportReport> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ImportReport(rs.getString(1), rs.getTimestamp(2).toInstant(),
                            rs.getTimestamp(3).toInstant(), rs.getString(4), ImportReport.Outcome.valueOf(rs.getString(5)),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), List.of(), List.of(),
                            rs.getLong(12), rs.getString(13)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the import reports", e);
        }
    }

    public Optional<ImportReport> last(long partnerId) {
        return recent(partnerId, 1).stream().findFirst();
    }

    private List<ImportReport> query(String sql, long partnerId, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, partnerId);
            ps.setInt(2, limit);
            List<ImportReport> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ImportReport(rs.getString(1), rs.getTimestamp(2).toInstant(),
                            rs.getTimestamp(3).toInstant(), rs.getString(4), ImportReport.Outcome.valueOf(rs.getString(5)),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), strings(rs.getArray(10)),
                            strings(rs.getArray(11)), rs.getLong(12), rs.getString(13)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read import reports", e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
