package org.rdex.server.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Reads of the export's runs and schedule for the operator console, so that it never queries
 * {@code export_run} itself.
 */
@ApplicationScoped
public class ExportRuns {

    /** One export run; {@code duration} is empty while it runs. */
    public record Run(long id, Instant startedAt, String status, Long journeys, Long bytes,
            Optional<Duration> duration, String error) {

        public boolean failed() {
            return "FAILED".equals(status);
        }
    }

    /** When the export job runs next, or why it does not run here. */
    public record Next(Optional<Instant> at, String reason) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    Instance<Scheduler> scheduler;
    @Inject
    ExportConfig config;

    /** The latest runs, newest first. */
    public List<Run> recent(int limit) {
        List<Run> runs = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id, started_at, status, journeys, bytes, finished_at, error from export_run order by id desc limit ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant started = rs.getTimestamp(2).toInstant();
                    Timestamp finished = rs.getTimestamp(6);
                    runs.add(new Run(rs.getLong(1), started, rs.getString(3), nullableLong(rs, 4), nullableLong(rs, 5),
                            Optional.ofNullable(finished).map(f -> Duration.between(started, f.toInstant())),
                            rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the export runs", e);
        }
        return runs;
    }

    /** When the scheduled export next fires on this instance; empty with the reason when it does not. */
    public Next next() {
        String cron = config.cron();
        if (cron == null || cron.isBlank() || cron.equalsIgnoreCase("off") || cron.equalsIgnoreCase("disabled")) {
            return new Next(Optional.empty(), "off (rdex.export.cron)");
        }
        if (scheduler.isResolvable() && scheduler.get().isStarted()) {
            Trigger trigger = scheduler.get().getScheduledJob("rdex-export");
            if (trigger != null && trigger.getNextFireTime() != null) {
                return new Next(Optional.of(trigger.getNextFireTime()), "");
            }
        }
        return new Next(Optional.empty(), "not scheduled on this instance (cron " + cron + ")");
    }

    /**
     * A nullable integer column of any width: the driver refuses {@code getObject(i, Long.class)} on an
     * {@code integer} column (export_run.journeys).
     */
    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
