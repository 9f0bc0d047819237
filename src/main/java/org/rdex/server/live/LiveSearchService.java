package org.rdex.server.live;

import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;
import org.rdex.server.protocol.LiveJourney;
import org.rdex.server.protocol.PartnerProtocol;
import org.rdex.server.protocol.ProtocolEndpoint;
import org.rdex.server.protocol.ProtocolRegistry;
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

    @Inject
    SearchService search;
    @Inject
    PartnerProtocols protocols;
    @Inject
    ProtocolRegistry protocolRegistry;
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

    /**
     * Starts the partner's call through its first protocol that searches, or returns null when that protocol
     * cannot express this search.
     */
    private Call ask(LivePartner p, SearchRequest r, long start) {
        long deadline = start + p.timeout().toNanos();
        for (ProtocolEndpoint endpoint : p.endpoints()) {
            Optional<PartnerProtocol> protocol = protocolRegistry.find(endpoint.kind()).filter(PartnerProtocol::searches);
            if (protocol.isEmpty()) {
                continue;
            }
            try {
                CompletableFuture<List<LiveJourney>> answer = protocol.get().search(endpoint, r);
                return answer == null ? null : new Call(p, endpoint.kind(), deadline, answer);
            } catch (RuntimeException e) {
                // A URL the JDK refuses (should not pass the settings' validation): a failure of this partner only.
                LOG.warnf("Live search: partner %s not callable: %s", p.name(), e.getClass().getSimpleName());
                return new Call(p, endpoint.kind(), deadline, CompletableFuture.failedFuture(e));
            }
        }
        return null;
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
}
