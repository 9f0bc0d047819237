package org.rdex.server.console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.rdex.server.export.ExportConfig;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.qute.TemplateData;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** What the console's pages show beyond the features' own services: export runs, health, metrics, relay failures. */
@ApplicationScoped
public class ConsoleData {

    /** One export run. */
    @TemplateData
    public record ExportRun(long id, Instant startedAt, String status, Long journeys, Long bytes, String duration,
            String error) {
    }

    /** One health check. */
    @TemplateData
    public record Check(String name, String status) {
    }

    /** One metric, as a name and a printable value. */
    @TemplateData
    public record Metric(String name, String value) {
    }

    /** A failed contact message as the relay page shows it: never the text nor the sender. */
    @TemplateData
    public record FailedMessage(long id, String partner, String site, String journeyUuid, int attempts,
            Instant receivedAt, String lastError, boolean purged) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    Instance<Scheduler> scheduler;
    @Inject
    ExportConfig exportConfig;
    @Inject
    Instance<SmallRyeHealthReporter> health;
    @Inject
    MeterRegistry registry;

    public List<ExportRun> exportRuns(int limit) {
        List<ExportRun> runs = new ArrayList<>();
        query("select id, started_at, status, journeys, bytes, finished_at, error from export_run order by id desc limit ?",
                ps -> ps.setInt(1, limit), rs -> {
                    Timestamp started = rs.getTimestamp(2);
                    Timestamp finished = rs.getTimestamp(6);
                    String duration = finished == null ? "running"
                            : format(Duration.between(started.toInstant(), finished.toInstant()));
                    runs.add(new ExportRun(rs.getLong(1), started.toInstant(), rs.getString(3),
                            nullableLong(rs, 4), nullableLong(rs, 5), duration, rs.getString(7)));
                });
        return runs;
    }

    /** When the export job next runs, "off", or "not scheduled here" (CLI, scheduler disabled). */
    public String nextExport() {
        String cron = exportConfig.cron();
        if (cron == null || cron.isBlank() || cron.equalsIgnoreCase("off") || cron.equalsIgnoreCase("disabled")) {
            return "off (rdex.export.cron)";
        }
        if (scheduler.isResolvable() && scheduler.get().isStarted()) {
            Trigger trigger = scheduler.get().getScheduledJob("rdex-export");
            if (trigger != null && trigger.getNextFireTime() != null) {
                return trigger.getNextFireTime().toString();
            }
        }
        return "not scheduled on this instance (cron " + cron + ")";
    }

    public String healthStatus() {
        if (!health.isResolvable()) {
            return "UNKNOWN";
        }
        return health.get().getHealth().getStatus().name();
    }

    public List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        if (health.isResolvable()) {
            JsonObject payload = health.get().getHealth().getPayload();
            for (JsonValue value : payload.getJsonArray("checks")) {
                JsonObject check = value.asJsonObject();
                checks.add(new Check(check.getString("name", "?"), check.getString("status", "?")));
            }
        }
        return checks;
    }

    /** The server's own meters (rdex.*) and a few of the JVM's, one value each. */
    public List<Metric> metrics() {
        List<Metric> metrics = new ArrayList<>();
        registry.getMeters().stream()
                .filter(m -> m.getId().getName().startsWith("rdex."))
                .sorted(java.util.Comparator.comparing((Meter m) -> m.getId().getName()))
                .forEach(m -> m.measure().forEach(measure -> metrics.add(new Metric(
                        m.getId().getName() + (m.getId().getTags().isEmpty() ? "" : " " + m.getId().getTags().stream()
                                .map(t -> t.getKey() + "=" + t.getValue()).toList())
                                + " (" + measure.getStatistic().name().toLowerCase(Locale.ROOT) + ")",
                        number(measure.getValue())))));
        double heap = registry.find("jvm.memory.used").tag("area", "heap").gauges().stream()
                .mapToDouble(g -> g.value()).sum();
        if (heap > 0) {
            metrics.add(new Metric("JVM heap used", String.format(Locale.ROOT, "%.0f MiB", heap / 1048576)));
        }
        var uptime = registry.find("process.uptime").timeGauge();
        if (uptime != null) {
            metrics.add(new Metric("uptime", format(Duration.ofSeconds((long) uptime.value(java.util.concurrent.TimeUnit.SECONDS)))));
        }
        return metrics;
    }

    /** When each key was last used: the latest contact message accepted with it. */
    public java.util.Map<String, Instant> lastKeyUse() {
        java.util.Map<String, Instant> uses = new java.util.HashMap<>();
        query("select key_id, max(received_at) from contact_message group by key_id", ps -> {
        }, rs -> uses.put(rs.getString(1), rs.getTimestamp(2).toInstant()));
        return uses;
    }

    public List<FailedMessage> failedMessages(int limit) {
        List<FailedMessage> failed = new ArrayList<>();
        query("""
                select m.id, p.name, m.site, m.journey_uuid, m.attempts, m.received_at, m.last_error,
                       m.purged_at is not null
                from contact_message m left join partner p on p.id = m.partner_id
                where m.state = 'FAILED' order by m.id desc limit ?""", ps -> ps.setInt(1, limit),
                rs -> failed.add(new FailedMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getBoolean(8))));
        return failed;
    }

    /** Puts a failed message back in the queue for one more round of attempts; false when it cannot be retried. */
    public boolean retry(long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update contact_message set state = 'PENDING', attempts = 0, next_attempt_at = now(), lease_until = null
                where id = ? and state = 'FAILED' and purged_at is null""")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot retry the message", e);
        }
    }

    static String format(Duration d) {
        if (d.toMillis() < 10_000) {
            return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
        }
        if (d.toMinutes() < 120) {
            return d.toMinutes() + " min " + d.toSecondsPart() + " s";
        }
        return d.toHours() + " h " + d.toMinutesPart() + " min";
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    /** export_run.journeys is an int4, which the driver will not give as a Long object. */
    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Binder binder, RowReader reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Console query failed", e);
        }
    }
}
