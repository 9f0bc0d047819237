package org.rdex.server.live;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;
import org.rdex.server.rdex12.Rdex12Signer;
import org.rdex.server.search.SearchRequest;
import org.rdex.server.search.PartnerLiveSearch;
import org.rdex.server.search.SearchResult;
import org.rdex.server.search.SearchService;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code GET /api/v1/journeys/search?live=true}: asks every partner with a live protocol at once (RDEX 1.2,
 * else standard-covoiturage), runs the stored search meanwhile, then waits for each partner no longer than its
 * own timeout from the start. Whatever a partner does (time out, fail, answer garbage or too much) it is
 * named in {@code partnersFailed} and counted in {@code rdex_live_partner_calls_total}; the search answers
 * with the others. Partners have no paging: only page 1 asks them.
 */
@ApplicationScoped
public class LiveSearchService implements PartnerLiveSearch {

    private static final Logger LOG = Logger.getLogger(LiveSearchService.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Inject
    SearchService search;
    @Inject
    PartnerProtocols protocols;
    @Inject
    PartnerHttp http;
    @Inject
    LiveJourneys memory;
    @Inject
    LiveConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    org.rdex.server.history.HistoryRecorder history;

    private record Call(LivePartner partner, String protocol, long deadlineNanos,
            CompletableFuture<List<LiveJourney>> answer) {
    }

    @Override
    public LiveSearchResult search(SearchRequest r) {
        long start = System.nanoTime();
        List<Call> calls = new ArrayList<>();
        if (r.page() == 1 && r.daysMask() != 0) {
            for (LivePartner p : protocols.all()) {
                if (p.liveSearch()) {
                    Call call = ask(p, r, start);
                    if (call != null) {
                        calls.add(call);
                    }
                }
            }
        }
        SearchResult stored;
        try {
            stored = search.search(r);
        } catch (RuntimeException e) {
            calls.forEach(c -> c.answer().cancel(true));
            throw e;
        }
        List<SearchResult.Item> merged = new ArrayList<>(stored.results());
        Set<String> uuids = new HashSet<>();
        merged.forEach(i -> uuids.add(i.uuid()));
        List<String> asked = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int perPartner = Math.min(r.size(), config.maxResultsPerPartner());
        for (Call call : calls) {
            asked.add(call.partner().name());
            List<LiveJourney> journeys = await(call, start);
            if (journeys == null) {
                failed.add(call.partner().name());
                continue;
            }
            memory.remember(call.partner(), journeys);
            int kept = 0;
            for (LiveJourney j : journeys) {
                if (kept < perPartner && uuids.add(j.item().uuid())) {
                    merged.add(j.item());
                    kept++;
                }
            }
        }
        if (!calls.isEmpty()) {
            // Stable: on equal relevance the stored journeys stay first.
            merged.sort(Comparator.comparingDouble(SearchResult.Item::detourKm)
                    .thenComparingInt(SearchResult.Item::timeDifferenceMinutes));
        }
        return new LiveSearchResult(stored.page(), stored.size(), stored.hasMore(), merged, asked, failed);
    }

    /** Starts the partner's call, or returns null when its protocol cannot express this search. */
    private Call ask(LivePartner p, SearchRequest r, long start) {
        long deadline = start + p.timeout().toNanos();
        try {
            if (p.speaksRdex12()) {
                if (r.toLat() == null) {
                    return null;
                }
                HttpRequest request = HttpRequest.newBuilder(URI.create(rdex12Url(p, r)))
                        .timeout(p.timeout()).header("Accept", "application/json").GET().build();
                int max = config.maxResultsPerPartner();
                return new Call(p, "rdex12", deadline, http.send(request, p.fingerprint())
                        .thenApply(a -> LiveAnswers.rdex12(json(a), r, p.name(), max)));
            }
            if (p.speaksStandard()) {
                if (r.toLat() == null || r.frequency() == SearchRequest.Frequency.REGULAR) {
                    return null;
                }
                List<CompletableFuture<List<LiveJourney>>> parts = new ArrayList<>(2);
                if (r.role() != SearchRequest.Role.PASSENGER) {
                    parts.add(standard(p, r, true));
                }
                if (r.role() != SearchRequest.Role.DRIVER) {
                    parts.add(standard(p, r, false));
                }
                CompletableFuture<List<LiveJourney>> all = CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                        .thenApply(v -> {
                            List<LiveJourney> out = new ArrayList<>();
                            parts.forEach(f -> out.addAll(f.join()));
                            return out;
                        });
                all.whenComplete((v, e) -> {
                    if (e != null) {
                        parts.forEach(f -> f.cancel(true));
                    }
                });
                return new Call(p, "standard", deadline, all);
            }
        } catch (RuntimeException e) {
            // A URL the JDK refuses (should not pass the settings' validation): a failure of this partner only.
            LOG.warnf("Live search: partner %s not callable: %s", p.name(), e.getClass().getSimpleName());
            return new Call(p, p.speaksRdex12() ? "rdex12" : "standard", deadline, CompletableFuture.failedFuture(e));
        }
        return null;
    }

    private CompletableFuture<List<LiveJourney>> standard(LivePartner p, SearchRequest r, boolean drivers) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(standardUrl(p, r, drivers)))
                .timeout(p.timeout()).header("Accept", "application/json").header("X-API-Key", p.standardApiKey())
                .GET().build();
        int max = config.maxResultsPerPartner();
        return http.send(request, p.fingerprint())
                .thenApply(a -> LiveAnswers.standard(json(a), r, p.name(), drivers, config.zone(), max));
    }

    private com.fasterxml.jackson.databind.JsonNode json(PartnerHttp.Answer a) {
        if (a.status() != 200) {
            throw new PartnerHttp.BadAnswer("http_" + a.status(), "HTTP " + a.status());
        }
        return http.parse(a.body());
    }

    /** The partner's journeys, or null when it failed (counted and logged here). */
    private List<LiveJourney> await(Call call, long start) {
        String outcome;
        List<LiveJourney> result = null;
        try {
            long wait = Math.max(0, call.deadlineNanos() - System.nanoTime());
            result = call.answer().get(wait, TimeUnit.NANOSECONDS);
            outcome = "ok";
        } catch (TimeoutException e) {
            call.answer().cancel(true);
            outcome = "timeout";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.answer().cancel(true);
            outcome = "interrupted";
        } catch (ExecutionException | CancellationException e) {
            outcome = outcome(e instanceof ExecutionException ? e.getCause() : e);
        }
        long nanos = System.nanoTime() - start;
        history.liveCall(call.partner().name(), call.protocol(), outcome, nanos);
        registry.counter("rdex.live.partner.calls", "partner", call.partner().name(), "protocol", call.protocol(),
                "outcome", outcome).increment();
        Timer.builder("rdex.live.partner.duration").tag("partner", call.partner().name())
                .tag("protocol", call.protocol()).register(registry).record(nanos, TimeUnit.NANOSECONDS);
        if (result == null) {
            LOG.warnf("Live search: partner %s (%s) failed: %s after %d ms", call.partner().name(), call.protocol(),
                    outcome, nanos / 1_000_000);
        }
        return result;
    }

    private static String outcome(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof PartnerHttp.BadAnswer bad) {
            return bad.kind().startsWith("http_") ? "http_error" : bad.kind();
        }
        if (t instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (t instanceof CancellationException) {
            return "cancelled";
        }
        return "unreachable";
    }

    /** The signed {@code GET {url}/journeys} of this search, as Mobicoop's client builds it. */
    public static String rdex12Url(LivePartner p, SearchRequest r) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("driver", Map.of("state", r.role() == SearchRequest.Role.PASSENGER ? 0 : 1));
        q.put("passenger", Map.of("state", r.role() == SearchRequest.Role.DRIVER ? 0 : 1));
        q.put("from", coordinates(r.fromLat(), r.fromLon()));
        q.put("to", coordinates(r.toLat(), r.toLon()));
        if (r.frequency() != SearchRequest.Frequency.ANY) {
            q.put("frequency", r.frequency() == SearchRequest.Frequency.REGULAR ? "regular" : "punctual");
        }
        Map<String, Object> outward = new LinkedHashMap<>();
        // A date in the past is refused by Mobicoop (400): the search starts today at the earliest.
        LocalDate today = LocalDate.now();
        LocalDate min = r.dateFrom().isBefore(today) && !r.dateTo().isBefore(today) ? today : r.dateFrom();
        outward.put("mindate", min.toString());
        outward.put("maxdate", r.dateTo().toString());
        if (r.windowGiven()) {
            for (DayOfWeek d : DayOfWeek.values()) {
                if ((r.daysMask() & LiveAnswers.bit(d)) != 0) {
                    Map<String, Object> day = new LinkedHashMap<>();
                    day.put("mintime", r.timeFrom().format(TIME));
                    day.put("maxtime", r.timeTo().format(TIME));
                    outward.put(LiveAnswers.dayName(d), day);
                }
            }
        }
        q.put("outward", outward);
        return Rdex12Signer.signedUrl(p.rdex12Url(), "journeys", Instant.now().getEpochSecond(), p.rdex12Apikey(), q,
                p.rdex12PrivateKey());
    }

    /**
     * {@code GET {url}/driver_journeys} (or passenger_journeys): one departure instant and a margin covering the
     * searched dates and hours (the answer is then filtered to the searched days and window).
     */
    String standardUrl(LivePartner p, SearchRequest r, boolean drivers) {
        LocalDateTime from = r.dateFrom().atTime(r.timeFrom());
        LocalDateTime to = r.dateTo().atTime(r.timeTo());
        long fromS = from.atZone(config.zone()).toEpochSecond();
        long toS = to.atZone(config.zone()).toEpochSecond();
        long middle = (fromS + toS) / 2;
        long delta = Math.max(60, (toS - fromS + 1) / 2);
        int count = Math.min(r.size(), config.maxResultsPerPartner());
        return p.standardUrl() + (drivers ? "/driver_journeys" : "/passenger_journeys")
                + "?departureLat=" + plain(r.fromLat()) + "&departureLng=" + plain(r.fromLon())
                + "&arrivalLat=" + plain(r.toLat()) + "&arrivalLng=" + plain(r.toLon())
                + "&departureDate=" + middle + "&timeDelta=" + delta
                + "&departureRadius=" + plain(r.fromRadiusKm()) + "&arrivalRadius=" + plain(r.toRadiusKm())
                + "&count=" + count;
    }

    private static Map<String, Object> coordinates(double lat, double lon) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latitude", plain(lat));
        m.put("longitude", plain(lon));
        return m;
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
