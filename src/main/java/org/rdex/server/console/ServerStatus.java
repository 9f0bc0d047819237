package org.rdex.server.console;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.rdex.server.contact.Outbox;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.qute.TemplateData;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** The server's own state as the overview shows it: health checks, meters, the relay's counts. */
@ApplicationScoped
public class ServerStatus {

    /** One health check, with its data as {@code key: value} pairs (why a check is DOWN, for instance). */
    @TemplateData
    public record Check(String name, String status, String detail) {
    }

    /** One metric, as a name and a printable value. */
    @TemplateData
    public record Metric(String name, String value) {
    }

    @Inject
    Instance<SmallRyeHealthReporter> health;
    @Inject
    MeterRegistry registry;
    @Inject
    Outbox outbox;

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
                JsonObject data = check.getJsonObject("data");
                String detail = data == null ? "" : String.join(", ", data.entrySet().stream()
                        .map(e -> e.getKey() + ": " + (e.getValue() instanceof JsonString text
                                ? text.getString() : e.getValue().toString()))
                        .toList());
                checks.add(new Check(check.getString("name", "?"), check.getString("status", "?"), detail));
            }
        }
        return checks;
    }

    /** The server's own meters (rdex.*) and a few of the JVM's, one value each. */
    public List<Metric> metrics() {
        List<Metric> metrics = new ArrayList<>();
        registry.getMeters().stream()
                .filter(m -> m.getId().getName().startsWith("rdex."))
                .sorted(Comparator.comparing((Meter m) -> m.getId().getName()))
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
            metrics.add(new Metric("uptime", Readable.durationText(Duration.ofSeconds((long) uptime.value(TimeUnit.SECONDS)))));
        }
        return metrics;
    }

    /** The relay's messages by state; "database: unavailable" rather than a failed page when it is away. */
    public List<Metric> relayCounts() {
        try {
            List<Metric> counts = new ArrayList<>();
            outbox.counts().forEach((k, v) -> counts.add(new Metric(k, String.valueOf(v))));
            return counts;
        } catch (SQLException e) {
            return List.of(new Metric("database", "unavailable"));
        }
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
