package org.rdex.server.overview;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.export.ExportStore;
import org.rdex.server.history.HistoryConfig;
import org.rdex.server.history.HistoryStore;
import org.rdex.server.partner.ImportReport;
import org.rdex.server.partner.ImportReportRepository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The history at a glance, for the admin API and the console's charts: export runs and import reports read
 * through their features, the relay, live calls and refused keys through the history.
 */
@ApplicationScoped
public class OverviewService {

    /** Days shown when none are asked for. */
    public static final int DEFAULT_DAYS = 8;
    /** A partner's rejections "jumped" when its last import rejected this many times its average before, and at least {@link #JUMP_MIN}. */
    static final double JUMP_FACTOR = 2.0;
    static final long JUMP_MIN = 10;

    /** One export run: journeys and compressed size, how long it took, failed or not. */
    public record ExportPoint(Instant at, long journeys, long bytes, long durationMs, String status, boolean failed,
            String error) {
    }

    /** One import of one partner. */
    public record ImportPoint(Instant at, String outcome, boolean failed, long accepted, long rejected, long expired,
            long durationMs) {
    }

    /** A partner's imports over the period; {@code lastFailed} and {@code rejectionsJumped} put it first. */
    public record PartnerImports(String partner, boolean lastFailed, boolean rejectionsJumped, List<ImportPoint> runs) {
    }

    /** The relay over the period and the messages waiting now. */
    public record Relay(List<HistoryStore.RelayPoint> points, long pendingNow) {
    }

    /** Refused calls per bucket and reason, and per key over the period, with each key's last use. */
    public record Keys(List<HistoryStore.RefusalPoint> refusals, List<HistoryStore.KeyRefusals> byKey,
            Map<String, Instant> lastUse) {
    }

    @Inject
    ExportStore exports;
    @Inject
    ImportReportRepository imports;
    @Inject
    HistoryStore history;
    @Inject
    HistoryConfig config;

    public List<ExportPoint> exports(int days) {
        return exports.runs(since(days)).stream().map(r -> new ExportPoint(r.startedAt(),
                r.journeys() == null ? 0 : r.journeys(), r.bytes() == null ? 0 : r.bytes(),
                r.finishedAt() == null ? 0 : Duration.between(r.startedAt(), r.finishedAt()).toMillis(), r.status(),
                "FAILED".equals(r.status()), r.error())).toList();
    }

    /** Partners whose last import failed first, then those whose rejections jumped, then by name. */
    public List<PartnerImports> imports(int days) {
        Map<String, List<ImportPoint>> byPartner = new LinkedHashMap<>();
        for (ImportReport r : imports.since(since(days))) {
            byPartner.computeIfAbsent(r.partner(), k -> new ArrayList<>()).add(new ImportPoint(r.startedAt(),
                    r.outcome().name(), !r.succeeded(), r.accepted(), r.rejected(), r.expired(), r.durationMs()));
        }
        List<PartnerImports> partners = new ArrayList<>();
        byPartner.forEach((name, runs) -> partners.add(new PartnerImports(name, runs.get(runs.size() - 1).failed(),
                jumped(runs), runs)));
        partners.sort(Comparator.comparing((PartnerImports p) -> !p.lastFailed())
                .thenComparing(p -> !p.rejectionsJumped()).thenComparing(PartnerImports::partner));
        return partners;
    }

    /** Whether the last run rejected far more than the runs before it did on average. */
    static boolean jumped(List<ImportPoint> runs) {
        if (runs.size() < 2) {
            return false;
        }
        long last = runs.get(runs.size() - 1).rejected();
        double before = runs.subList(0, runs.size() - 1).stream().mapToLong(ImportPoint::rejected).average().orElse(0);
        return last >= JUMP_MIN && last > JUMP_FACTOR * before;
    }

    public Relay relay(int days, HistoryStore.Bucket bucket) {
        return new Relay(history.relay(since(days), bucket), history.relayPending());
    }

    public List<HistoryStore.LivePoint> live(int days, HistoryStore.Bucket bucket) {
        return history.live(since(days), bucket);
    }

    public Keys keys(int days, HistoryStore.Bucket bucket) {
        Instant since = since(days);
        return new Keys(history.refusals(since, bucket), history.refusalsByKey(since), history.keyLastUse());
    }

    /** The start of the last {@code days} days, never before what the history keeps. */
    Instant since(int days) {
        long keptDays = Math.max(1, config.keep().toDays());
        if (days < 1 || days > keptDays) {
            throw ApiException.invalid(List.of(new FieldError("days", "must be from 1 to " + keptDays)));
        }
        return Instant.now().minus(Duration.ofDays(days));
    }
}
