package org.rdex.server.overview;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.rdex.server.history.HistoryStore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The console's charts, ready to embed: each is SVG text from {@link SvgChart} with a title, a one-line caption
 * and whether it needs the operator's attention. Day buckets are days of {@code zone}; days without data show
 * as zero so that the x axis is the calendar.
 */
@ApplicationScoped
public class OverviewCharts {

    /** One chart; {@code svg} is safe to embed unescaped (SvgChart escapes every label). */
    public record Chart(String id, String title, String caption, boolean attention, String svg) {
    }

    /** A group of charts under one heading. */
    public record Section(String id, String title, List<Chart> charts) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter RUN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    @Inject
    OverviewService overview;

    /** Every section over the last {@code days} days. */
    public List<Section> sections(int days, ZoneId zone) {
        return List.of(export(days, zone), imports(days, zone), relay(days, zone), live(days, zone), keys(days, zone));
    }

    public Section export(int days, ZoneId zone) {
        List<OverviewService.ExportPoint> runs = overview.exports(days);
        long failed = runs.stream().filter(OverviewService.ExportPoint::failed).count();
        List<SvgChart.Point> journeys = new ArrayList<>();
        List<SvgChart.Point> sizes = new ArrayList<>();
        List<SvgChart.Point> durations = new ArrayList<>();
        for (OverviewService.ExportPoint r : runs) {
            String label = RUN.format(r.at().atZone(zone));
            journeys.add(new SvgChart.Point(label, r.journeys(), r.failed(), r.error()));
            sizes.add(new SvgChart.Point(label, r.bytes(), r.failed(), r.error()));
            durations.add(new SvgChart.Point(label, r.durationMs(), r.failed(), r.error()));
        }
        String caption = runs.size() + " run(s), " + failed + " failed";
        return new Section("export", "Export", List.of(
                new Chart("export-journeys", "Journeys per run", caption, failed > 0,
                        SvgChart.bars("Journeys per export run", journeys, ChartFormats::count)),
                new Chart("export-size", "Compressed size per run", caption, failed > 0,
                        SvgChart.bars("Compressed size per export run", sizes, ChartFormats::bytes)),
                new Chart("export-duration", "Duration per run", caption, failed > 0,
                        SvgChart.bars("Duration per export run", durations, ChartFormats::millis))));
    }

    /** One chart per partner, those whose last import failed or whose rejections jumped first. */
    public Section imports(int days, ZoneId zone) {
        List<Chart> charts = new ArrayList<>();
        for (OverviewService.PartnerImports p : overview.imports(days)) {
            List<SvgChart.Point> accepted = new ArrayList<>();
            List<SvgChart.Point> rejected = new ArrayList<>();
            List<SvgChart.Point> expired = new ArrayList<>();
            for (OverviewService.ImportPoint r : p.runs()) {
                String label = RUN.format(r.at().atZone(zone));
                accepted.add(new SvgChart.Point(label, r.accepted(), r.failed(), r.failed() ? r.outcome() : null));
                rejected.add(new SvgChart.Point(label, r.rejected(), r.failed(), null));
                expired.add(new SvgChart.Point(label, r.expired(), r.failed(), null));
            }
            String caption = (p.lastFailed() ? "last import failed; " : "")
                    + (p.rejectionsJumped() ? "rejections jumped; " : "") + p.runs().size() + " import(s)";
            charts.add(new Chart(id("import-" + p.partner()), p.partner(), caption, p.lastFailed() || p.rejectionsJumped(),
                    SvgChart.lines("Imports of " + p.partner(), List.of(new SvgChart.Series("accepted", accepted),
                            new SvgChart.Series("rejected", rejected), new SvgChart.Series("expired", expired)),
                            ChartFormats::count)));
        }
        if (charts.isEmpty()) {
            charts.add(new Chart("import-none", "Imports", "no import in this period", false,
                    SvgChart.lines("Imports", List.of(), ChartFormats::count)));
        }
        return new Section("imports", "Imports", charts);
    }

    public Section relay(int days, ZoneId zone) {
        OverviewService.Relay relay = overview.relay(days, HistoryStore.Bucket.HOUR);
        Map<LocalDate, long[]> byDay = calendar(days, zone, 5);
        for (HistoryStore.RelayPoint p : relay.points()) {
            long[] d = byDay.get(p.at().atZone(zone).toLocalDate());
            if (d != null) {
                d[0] += p.received();
                d[1] += p.delivered();
                d[2] += p.failed();
                d[3] += p.averageLatencyMs() * p.delivered();
                d[4] = Math.max(d[4], p.maxLatencyMs());
            }
        }
        long failed = byDay.values().stream().mapToLong(d -> d[2]).sum();
        List<SvgChart.Point> latency = new ArrayList<>();
        byDay.forEach((day, d) -> latency.add(new SvgChart.Point(DAY.format(day), d[1] == 0 ? 0 : d[3] / (double) d[1],
                false, "slowest " + ChartFormats.millis(d[4]))));
        return new Section("relay", "Relay", List.of(
                new Chart("relay-messages", "Messages per day", relay.pendingNow() + " waiting now, " + failed
                        + " failed in the period", failed > 0, SvgChart.lines("Contact messages per day", List.of(
                                series("received", byDay, d -> d[0], d -> false),
                                series("delivered", byDay, d -> d[1], d -> false),
                                series("failed", byDay, d -> d[2], d -> d[2] > 0)), ChartFormats::count)),
                new Chart("relay-latency", "Delivery latency (average per day)", "from receipt to delivery", false,
                        SvgChart.bars("Average delivery latency per day", latency, ChartFormats::millis))));
    }

    /** One chart per partner and protocol: calls and failures by kind per day, and the average latency. */
    public Section live(int days, ZoneId zone) {
        Map<String, Map<LocalDate, long[]>> calls = new TreeMap<>();
        Map<String, Map<String, Map<LocalDate, long[]>>> failures = new TreeMap<>();
        for (HistoryStore.LivePoint p : overview.live(days, HistoryStore.Bucket.HOUR)) {
            String key = p.partner() + " (" + p.protocol() + ")";
            LocalDate day = p.at().atZone(zone).toLocalDate();
            long[] d = calls.computeIfAbsent(key, k -> calendar(days, zone, 3)).get(day);
            if (d != null) {
                d[0] += p.calls();
                d[1] += p.averageMs() * p.calls();
                d[2] += p.failed();
            }
            p.failures().forEach((kind, n) -> {
                long[] f = failures.computeIfAbsent(key, k -> new TreeMap<>())
                        .computeIfAbsent(kind, k -> calendar(days, zone, 1)).get(day);
                if (f != null) {
                    f[0] += n;
                }
            });
        }
        List<Chart> charts = new ArrayList<>();
        calls.forEach((key, byDay) -> {
            List<SvgChart.Series> series = new ArrayList<>();
            series.add(series("calls", byDay, d -> d[0], d -> false));
            failures.getOrDefault(key, Map.of()).forEach((kind, byKind) -> series.add(series(kind, byKind, f -> f[0],
                    f -> f[0] > 0)));
            long failed = byDay.values().stream().mapToLong(d -> d[2]).sum();
            long total = byDay.values().stream().mapToLong(d -> d[0]).sum();
            List<SvgChart.Point> latency = new ArrayList<>();
            byDay.forEach((day, d) -> latency.add(new SvgChart.Point(DAY.format(day), d[0] == 0 ? 0 : d[1] / (double) d[0])));
            charts.add(new Chart(id("live-" + key), key, ChartFormats.count(total) + " call(s), " + ChartFormats.count(failed)
                    + " failed", failed > 0, SvgChart.lines("Live calls to " + key, series, ChartFormats::count)));
            charts.add(new Chart(id("live-latency-" + key), key + ": latency", "average per day", false,
                    SvgChart.bars("Average latency of " + key, latency, ChartFormats::millis)));
        });
        if (charts.isEmpty()) {
            charts.add(new Chart("live-none", "Live protocols", "no live call in this period", false,
                    SvgChart.lines("Live calls", List.of(), ChartFormats::count)));
        }
        return new Section("live", "Live protocols", charts);
    }

    public Section keys(int days, ZoneId zone) {
        OverviewService.Keys keys = overview.keys(days, HistoryStore.Bucket.HOUR);
        Map<String, Map<LocalDate, long[]>> byReason = new TreeMap<>();
        for (HistoryStore.RefusalPoint p : keys.refusals()) {
            long[] d = byReason.computeIfAbsent(p.reason(), k -> calendar(days, zone, 1))
                    .get(p.at().atZone(zone).toLocalDate());
            if (d != null) {
                d[0] += p.calls();
            }
        }
        List<SvgChart.Series> series = new ArrayList<>();
        byReason.forEach((reason, byDay) -> series.add(series(reason.replace('_', ' '), byDay, d -> d[0], d -> false)));
        long total = byReason.values().stream().flatMap(m -> m.values().stream()).mapToLong(d -> d[0]).sum();
        return new Section("keys", "Keys", List.of(new Chart("keys-refused", "Calls refused by reason",
                ChartFormats.count(total) + " refused in the period", total > 0,
                SvgChart.lines("Calls refused per day by reason", series, ChartFormats::count))));
    }

    /** Refusals per key over the period, and each key's last use, for the table beside the chart. */
    public OverviewService.Keys keyTable(int days) {
        return overview.keys(days, HistoryStore.Bucket.DAY);
    }

    /** An HTML id from a partner's name and protocol: lower case letters, digits, dots and dashes. */
    static String id(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("-+$", "");
    }

    private static Map<LocalDate, long[]> calendar(int days, ZoneId zone, int width) {
        Map<LocalDate, long[]> byDay = new LinkedHashMap<>();
        LocalDate today = LocalDate.now(zone);
        for (LocalDate d = today.minusDays(days - 1L); !d.isAfter(today); d = d.plusDays(1)) {
            byDay.put(d, new long[width]);
        }
        return byDay;
    }

    private static SvgChart.Series series(String name, Map<LocalDate, long[]> byDay, ToDoubleFunction<long[]> value,
            java.util.function.Predicate<long[]> failed) {
        List<SvgChart.Point> points = new ArrayList<>();
        byDay.forEach((day, d) -> points.add(new SvgChart.Point(DAY.format(day), value.applyAsDouble(d), failed.test(d),
                null)));
        return new SvgChart.Series(name, points);
    }

    /** When a key was last used. */
    public record KeyUse(String keyId, Instant lastUsed) {
    }

    /** When each key was last used, newest first. */
    public static List<KeyUse> lastUse(OverviewService.Keys keys) {
        return keys.lastUse().entrySet().stream().map(e -> new KeyUse(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparing(KeyUse::lastUsed).reversed()).toList();
    }
}
