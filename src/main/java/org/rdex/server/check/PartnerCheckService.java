package org.rdex.server.check;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
import org.rdex.server.model.SharedJourney;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.rdex.RdexDtd;
import org.rdex.server.rdex.RdexFormatException;
import org.rdex.server.rdex.RdexValidator;
import org.rdex.server.protocol.CheckResult;
import org.rdex.server.protocol.PartnerProbe;
import org.rdex.server.protocol.ProtocolEndpoint;
import org.rdex.server.protocol.ProtocolRegistry;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Checks a partner before we depend on it, against whatever it declares: its file (downloaded as the import
 * does, with its key and pins; gzip; valid against the specification's DTD; what an import would accept and
 * reject, nothing stored), each of its live protocols (the protocol's own rules,
 * {@link org.rdex.server.protocol.PartnerProtocol#check}, given one of its journeys to search near) and its
 * contact endpoint (reachable, TLS and pin). Only
 * GET requests are sent: no message reaches a user, nothing is written on the partner's side. The report is
 * stored (V74) and returned.
 */
@ApplicationScoped
public class PartnerCheckService {

    private static final Logger LOG = Logger.getLogger(PartnerCheckService.class);
    private static final int SHOWN = 3;

    @Inject
    PartnerService partners;
    @Inject
    PartnerProtocols protocols;
    @Inject
    ProtocolRegistry registry;
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
        if (live.isPresent()) {
            PartnerProbe probe = probe(live.get().fingerprint(), sample.get());
            for (ProtocolEndpoint endpoint : live.get().endpoints()) {
                registry.find(endpoint.kind()).ifPresent(protocol -> results.addAll(protocol.check(endpoint, probe)));
            }
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

    /** The GET requests a protocol's check makes, with the partner's pins; the zone of our searches. */
    private PartnerProbe probe(String fingerprint, SharedJourney sample) {
        return new PartnerProbe() {
            @Override
            public PartnerProbe.Call get(String url, Map<String, String> headers) {
                PartnerCheckService.Call call = PartnerCheckService.this.get(url, headers, fingerprint);
                return call.failure() != null ? new PartnerProbe.Call(0, null, call.failure())
                        : new PartnerProbe.Call(call.answer().status(), json(call.answer()), null);
            }

            @Override
            public SharedJourney sample() {
                return sample;
            }

            @Override
            public ZoneId zone() {
                return liveConfig.zone();
            }
        };
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
