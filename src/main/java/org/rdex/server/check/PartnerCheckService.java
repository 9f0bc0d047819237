package org.rdex.server.check;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLException;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiException;
import org.rdex.server.db.ScratchFiles;
import org.rdex.server.imports.DownloadException;
import org.rdex.server.imports.FeedDownloader;
import org.rdex.server.imports.ImportConfig;
import org.rdex.server.imports.JourneyStore;
import org.rdex.server.live.LiveConfig;
import org.rdex.server.live.LivePartner;
import org.rdex.server.live.PartnerHttp;
import org.rdex.server.live.PartnerProtocols;
import org.rdex.server.model.DayWindow;
import org.rdex.server.model.SharedJourney;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.rdex.RdexDtd;
import org.rdex.server.rdex.RdexFormatException;
import org.rdex.server.rdex.RdexValidator;
import org.rdex.server.protocol.ProtocolEndpoint;
import org.rdex.server.protocol.rdex12.Rdex12Protocol;
import org.rdex.server.protocol.standard.StandardProtocol;
import org.rdex.server.search.SearchRequest;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Checks a partner before we depend on it, against whatever it declares: its file (downloaded as the import
 * does, with its key and pins; gzip; valid against the specification's DTD; what an import would accept and
 * reject, nothing stored), its RDEX 1.2 API (a signed search near one of its own journeys, answer shape and
 * types, the error body of a bad request), its standard-covoiturage API (the playground's assertions on a
 * search near one of its journeys, {@code /status}) and its contact endpoint (reachable, TLS and pin). Only
 * GET requests are sent: no message reaches a user, nothing is written on the partner's side. The report is
 * stored (V74) and returned.
 */
@ApplicationScoped
public class PartnerCheckService {

    private static final Logger LOG = Logger.getLogger(PartnerCheckService.class);
    private static final int SHOWN = 3;
    /** The playground's smallest radius case: the partner's own journey lies at the searched points. */
    static final double SEARCH_RADIUS_KM = 1.0;
    static final int SEARCH_COUNT = 10;

    @Inject
    PartnerService partners;
    @Inject
    PartnerProtocols protocols;
    @Inject
    FeedDownloader downloader;
    @Inject
    ImportConfig importConfig;
    @Inject
    PartnerHttp http;
    @Inject
    LiveConfig liveConfig;
    @Inject
    CheckConfig config;
    @Inject
    ScratchFiles scratchFiles;
    @Inject
    CheckReportRepository reports;

    /**
     * Runs every check that applies, stores and returns the report.
     *
     * @throws ApiException 404 for an unknown partner
     */
    public CheckReport check(String name) {
        Partner partner = partners.findByName(name).orElseThrow(() -> ApiException.notFound("Partner"));
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<CheckResult> results = new ArrayList<>();
        AtomicReference<SharedJourney> sample = new AtomicReference<>();
        if (partner.feedUrl != null) {
            feed(partner, results, sample);
        }
        Optional<LivePartner> live = protocols.byName(partner.name);
        if (live.isPresent() && live.get().endpoint(Rdex12Protocol.KIND).isPresent()) {
            rdex12(live.get(), sample.get(), results);
        }
        if (live.isPresent() && live.get().endpoint(StandardProtocol.KIND).isPresent()) {
            standard(live.get(), sample.get(), results);
        }
        if (partner.contactUrl != null) {
            contact(partner, results);
        }
        if (results.isEmpty()) {
            results.add(CheckResult.warn("declared", "the partner declares no feed, live API nor contact URL"));
        }
        CheckReport report = new CheckReport(partner.name, at, results);
        reports.record(partner.id, report, config.keepReports());
        LOG.infof("Check of partner %s: %d pass, %d warn, %d fail", partner.name,
                report.count(CheckResult.Status.PASS), report.count(CheckResult.Status.WARN),
                report.count(CheckResult.Status.FAIL));
        return report;
    }

    // ---- the file

    private void feed(Partner partner, List<CheckResult> results, AtomicReference<SharedJourney> sample) {
        Path file = null;
        try {
            FeedDownloader.Fetched fetched;
            try {
                FeedDownloader.Result result = downloader.download(new FeedDownloader.Request(URI.create(partner.feedUrl),
                        partners.outboundKey(partner), Optional.ofNullable(partner.pinnedFingerprints()), Optional.empty(),
                        Optional.empty()), scratchFiles.directory("checks"));
                // Not conditional: a 304 cannot come back.
                fetched = (FeedDownloader.Fetched) result;
            } catch (DownloadException e) {
                results.add(CheckResult.fail("feed.download", e.getMessage()));
                return;
            } catch (IllegalArgumentException e) {
                results.add(CheckResult.fail("feed.download", "the feed URL is not a URL"));
                return;
            }
            file = fetched.file();
            results.add(CheckResult.pass("feed.download", "HTTP 200, " + fetched.bytes() + " bytes"
                    + (partner.pins().isEmpty() || !partner.feedUrl.regionMatches(true, 0, "https:", 0, 6) ? ""
                            : ", pinned certificate")));
            results.add(gzip(file, partner.feedUrl));
            RdexValidator.Result valid = new RdexValidator(RdexDtd.MINIMAL).validate(file);
            results.add(valid.isValid() ? CheckResult.pass("feed.dtd", "valid against the specification's DTD")
                    : CheckResult.fail("feed.dtd", valid.problems().size() + (valid.truncated() ? "+" : "")
                            + " problem(s) against the specification's DTD: " + String.join("; ",
                                    valid.problems().stream().limit(SHOWN).map(Object::toString).toList())));
            results.add(journeys(partner, file, sample));
        } catch (IOException e) {
            results.add(CheckResult.fail("feed.download", "cannot read the download: " + e.getClass().getSimpleName()));
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warnf("Cannot delete %s", file);
                }
            }
        }
    }

    private static CheckResult gzip(Path file, String url) throws IOException {
        byte[] head = new byte[2];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 2);
        }
        if (n == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return CheckResult.pass("feed.gzip", "gzip");
        }
        // The specification publishes the file gzipped; a plain file imports, but a .gz name that is not gzip lies.
        return url.toLowerCase(java.util.Locale.ROOT).endsWith(".gz")
                ? CheckResult.fail("feed.gzip", "the file named .gz is not gzip")
                : CheckResult.warn("feed.gzip", "not gzip (the specification publishes it gzipped)");
    }

    private CheckResult journeys(Partner partner, Path file, AtomicReference<SharedJourney> sample) throws IOException {
        LocalDate today = LocalDate.now(liveConfig.zone());
        JourneyStore.Stored counted;
        try (InputStream in = Files.newInputStream(file)) {
            counted = JourneyStore.count(partner.operator, in, importConfig.readerOptions(), today, SHOWN, j -> {
                if (sample.get() == null && searchable(j, today)) {
                    sample.set(j);
                }
            });
        } catch (RdexFormatException e) {
            return CheckResult.fail("feed.journeys", "an import would refuse the file: " + e.getMessage());
        }
        String seen = counted.accepted() + " accepted, " + counted.rejected() + " rejected, " + counted.expired()
                + " expired" + (counted.rejections().isEmpty() ? "" : "; first reasons: " + String.join("; ", counted.rejections()))
                + (counted.warnings().isEmpty() ? "" : "; warnings: " + String.join("; ",
                        counted.warnings().subList(0, Math.min(SHOWN, counted.warnings().size()))));
        if (counted.accepted() == 0) {
            return CheckResult.fail("feed.journeys", seen);
        }
        return counted.rejected() > 0 || !counted.warnings().isEmpty() ? CheckResult.warn("feed.journeys", seen)
                : CheckResult.pass("feed.journeys", seen);
    }

    /** A journey a search from today can find. */
    private static boolean searchable(SharedJourney j, LocalDate today) {
        return j.punctual() != null ? !j.punctual().date().isBefore(today)
                : j.regular() != null && !j.regular().days().isEmpty();
    }

    // ---- RDEX 1.2

    private void rdex12(LivePartner p, SharedJourney sample, List<CheckResult> results) {
        ProtocolEndpoint endpoint = p.endpoint(Rdex12Protocol.KIND).orElseThrow();
        if (sample == null) {
            results.add(CheckResult.warn("rdex12.search", "no journey of its own (from its file) to search near: not searched"));
        } else {
            LocalDate[] dates = dates(sample);
            SearchRequest r = new SearchRequest(sample.from().lat(), sample.from().lon(), 10, sample.to().lat(),
                    sample.to().lon(), 10, dates[0], dates[1], LocalTime.MIN, LocalTime.of(23, 59, 59), false, null,
                    SearchRequest.Frequency.ANY, 0x7f, 1, SEARCH_COUNT);
            Call call = get(Rdex12Protocol.journeysUrl(endpoint, r), Map.of(), p.fingerprint());
            if (call.failure() != null) {
                results.add(CheckResult.fail("rdex12.search", call.failure()));
            } else {
                results.addAll(AnswerRules.rdex12Answer(call.answer().status(), json(call.answer()), sample.uuid()));
            }
        }
        // A signed search without from and to: every RDEX 1.2 server must refuse it with its error body.
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("driver", Map.of("state", 1));
        bad.put("passenger", Map.of("state", 1));
        bad.put("outward", Map.of("mindate", LocalDate.now(liveConfig.zone()).toString()));
        Call call = get(Rdex12Protocol.signedUrl(endpoint, "journeys", bad), Map.of(), p.fingerprint());
        results.add(call.failure() != null ? CheckResult.fail("rdex12.error", call.failure())
                : AnswerRules.rdex12Error(call.answer().status(), json(call.answer())));
    }

    /** The dates to search: the punctual journey's own, else the coming week within the regular one's validity. */
    private LocalDate[] dates(SharedJourney j) {
        if (j.punctual() != null) {
            return new LocalDate[] { j.punctual().date(), j.punctual().date() };
        }
        LocalDate today = LocalDate.now(liveConfig.zone());
        LocalDate from = j.activeFrom() != null && j.activeFrom().isAfter(today) ? j.activeFrom() : today;
        LocalDate to = from.plusDays(6);
        return new LocalDate[] { from, j.activeTo() != null && j.activeTo().isBefore(to) ? j.activeTo() : to };
    }

    // ---- standard-covoiturage

    private void standard(LivePartner p, SharedJourney sample, List<CheckResult> results) {
        ProtocolEndpoint endpoint = p.endpoint(StandardProtocol.KIND).orElseThrow();
        Map<String, String> key = Map.of("X-API-Key", endpoint.secret("apiKey"));
        Call status = get(endpoint.url() + "/status", key, p.fingerprint());
        results.add(status.failure() != null ? CheckResult.fail("standard.status", status.failure())
                : AnswerRules.standardStatus(status.answer().status()));
        if (sample == null) {
            results.add(CheckResult.warn("standard.search", "no journey of its own (from its file) to search near: not searched"));
            return;
        }
        long[] departure = departure(sample, liveConfig.zone());
        AnswerRules.StandardQuery q = new AnswerRules.StandardQuery(sample.from().lat(), sample.from().lon(),
                sample.to().lat(), sample.to().lon(), SEARCH_RADIUS_KM, SEARCH_RADIUS_KM, departure[0], departure[1],
                SEARCH_COUNT);
        String url = endpoint.url() + (sample.driver() ? "/driver_journeys" : "/passenger_journeys")
                + "?departureLat=" + q.departureLat() + "&departureLng=" + q.departureLng() + "&arrivalLat="
                + q.arrivalLat() + "&arrivalLng=" + q.arrivalLng() + "&departureDate=" + q.departureDate()
                + "&timeDelta=" + q.timeDelta() + "&departureRadius=" + q.departureRadiusKm() + "&arrivalRadius="
                + q.arrivalRadiusKm() + "&count=" + q.count();
        Call call = get(url, key, p.fingerprint());
        if (call.failure() != null) {
            results.add(CheckResult.fail("standard.search", call.failure()));
        } else {
            results.addAll(AnswerRules.standardAnswer(call.answer().status(), json(call.answer()), q, sample.uuid()));
        }
    }

    /**
     * The journey's next departure as {epoch second, timeDelta}: the middle of its window on its date (or the
     * first day of the coming week it runs), the delta reaching both ends plus the playground's 15 minutes.
     */
    static long[] departure(SharedJourney j, ZoneId zone) {
        LocalDate date;
        LocalTime min;
        LocalTime max;
        if (j.punctual() != null) {
            date = j.punctual().date();
            min = j.punctual().minTime();
            max = j.punctual().maxTime();
        } else {
            LocalDate d = LocalDate.now(zone);
            if (j.activeFrom() != null && j.activeFrom().isAfter(d)) {
                d = j.activeFrom();
            }
            DayWindow w = null;
            for (int i = 0; i < 7 && w == null; i++, d = d.plusDays(1)) {
                w = window(j.regular().days().get(DayOfWeek.from(d)));
            }
            date = d.minusDays(1);
            min = w == null ? null : w.depMin();
            max = w == null ? null : w.depMax();
        }
        LocalTime lo = min != null ? min : max != null ? max : LocalTime.NOON;
        LocalTime hi = max != null ? max : lo;
        long from = LocalDateTime.of(date, lo).atZone(zone).toEpochSecond();
        long to = LocalDateTime.of(date, hi).atZone(zone).toEpochSecond();
        long middle = (from + to) / 2;
        long delta = (min == null && max == null ? 12 * 3600 : (Math.abs(to - from) + 1) / 2) + 900;
        return new long[] { middle, delta };
    }

    private static DayWindow window(DayWindow w) {
        return w == null || w.depMin() == null && w.depMax() == null ? null : w;
    }

    // ---- contact

    private void contact(Partner partner, List<CheckResult> results) {
        URI url;
        try {
            url = URI.create(partner.contactUrl.trim());
            if (url.getPath() == null || url.getPath().isEmpty() || url.getPath().equals("/")) {
                // As the outbound contact resolves it: a base URL means the RDEX servers' path.
                url = url.resolve("/rdex/contact");
            }
        } catch (IllegalArgumentException e) {
            results.add(CheckResult.fail("contact.reachable", "the contact URL is not a URL"));
            return;
        }
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            results.add(CheckResult.fail("contact.tls", "not HTTPS: our outbound contact refuses " + url.getScheme()));
            return;
        }
        boolean pinned = !partner.pins().isEmpty();
        // A GET carries no message: the endpoint answers (405, 401...) without anything reaching a user.
        Call call = get(url.toString(), Map.of(), partner.pinnedFingerprints());
        if (call.tls()) {
            results.add(CheckResult.fail("contact.tls", pinned ? "TLS handshake failed: the certificate is not the pinned one"
                    : "TLS handshake failed: the certificate is not trusted (pin its fingerprint if it is self-signed)"));
            return;
        }
        if (call.failure() != null) {
            results.add(CheckResult.fail("contact.reachable", call.failure()));
            return;
        }
        results.add(CheckResult.pass("contact.tls", pinned ? "the certificate is the pinned one" : "the certificate is trusted"));
        int status = call.answer().status();
        // Our outbound contact sends the key the partner issued to us; without it, it answers 501.
        results.add(partner.hasOutboundKey() ? CheckResult.pass("contact.key", "we hold the key the partner issued to us")
                : CheckResult.warn("contact.key", "no key from the partner: contacts to its journeys cannot be sent"
                        + " until `partners set-key " + partner.name + "`"));
        results.add(status < 500 ? CheckResult.pass("contact.reachable", "HTTP " + status + " to a GET (no message sent)")
                : CheckResult.warn("contact.reachable", "HTTP " + status + " to a GET (no message sent)"));
    }

    // ---- HTTP

    /** An answer, or why there is none ({@code tls} when the handshake failed). */
    private record Call(PartnerHttp.Answer answer, String failure, boolean tls) {
    }

    private Call get(String url, Map<String, String> headers, String fingerprint) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url)).timeout(config.timeout()).header("Accept", "application/json").GET();
        } catch (IllegalArgumentException e) {
            return new Call(null, "not a URL we can call", false);
        }
        headers.forEach(b::header);
        try {
            return new Call(http.send(b.build(), fingerprint).get(config.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS),
                    null, false);
        } catch (TimeoutException e) {
            return new Call(null, "no answer in " + config.timeout().toSeconds() + " s", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Call(null, "interrupted", false);
        } catch (ExecutionException e) {
            return failure(e.getCause());
        }
    }

    private static Call failure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return new Call(null, "TLS handshake failed", true);
            }
            if (t instanceof PartnerHttp.BadAnswer bad) {
                return new Call(null, "answer refused: " + bad.kind(), false);
            }
            if (t instanceof HttpTimeoutException) {
                return new Call(null, "no answer in time", false);
            }
            if (t instanceof ConnectException) {
                return new Call(null, "connection refused", false);
            }
        }
        return new Call(null, "call failed: " + e.getClass().getSimpleName(), false);
    }

    /** The answer's JSON, or null when it is none. */
    private JsonNode json(PartnerHttp.Answer a) {
        try {
            return http.parse(a.body());
        } catch (PartnerHttp.BadAnswer e) {
            return null;
        }
    }
}
