package org.rdex.server.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.rdex.server.protocol.CheckResult;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The check reports table (V74): written after every check, read by the admin API and the console. */
@ApplicationScoped
public class CheckReportRepository {

    private static final TypeReference<List<CheckResult>> RESULTS = new TypeReference<>() {
    };

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper mapper;

    /** Stores the report and keeps the partner's {@code keep} latest ones (one at least). */
    public void record(long partnerId, CheckReport report, int keep) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("insert into partner_check (partner_id, checked_at, failed,"
                    + " warned, results) values (?, ?, ?, ?, ?::jsonb)")) {
                ps.setLong(1, partnerId);
                ps.setTimestamp(2, Timestamp.from(report.checkedAt()));
                ps.setInt(3, (int) report.count(CheckResult.Status.FAIL));
                ps.setInt(4, (int) report.count(CheckResult.Status.WARN));
                ps.setObject(5, mapper.writeValueAsString(report.results()), Types.OTHER);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("delete from partner_check where partner_id = ? and id not in"
                    + " (select id from partner_check where partner_id = ? order by checked_at desc, id desc limit ?)")) {
                ps.setLong(1, partnerId);
                ps.setLong(2, partnerId);
                ps.setInt(3, Math.max(1, keep));
                ps.executeUpdate();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot record the check report", e);
        }
    }

    /** Most recent reports of a partner, newest first. */
    public List<CheckReport> recent(long partnerId, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select p.name,"
                + " r.checked_at, r.results::text from partner_check r join partner p on p.id = r.partner_id"
                + " where r.partner_id = ? order by r.checked_at desc, r.id desc limit ?")) {
            ps.setLong(1, partnerId);
            ps.setInt(2, limit);
            List<CheckReport> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CheckReport(rs.getString(1), rs.getTimestamp(2).toInstant(),
                            mapper.readValue(rs.getString(3), RESULTS)));
                }
            }
            return out;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot read check reports", e);
        }
    }

    public Optional<CheckReport> last(long partnerId) {
        return recent(partnerId, 1).stream().findFirst();
    }
}
