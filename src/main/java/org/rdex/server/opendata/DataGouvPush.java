package org.rdex.server.opendata;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.rdex.server.common.RuntimeSettings;
import org.rdex.server.db.DataDirectory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Pushes the public file to data.gouv.fr (udata API) after each export: uploads it in place of the dataset's
 * resource ({@code upload} mode), or points the remote resource at our URL with the new checksum and size
 * ({@code remote} mode). Runs on its own thread, retries transient failures (network, 5xx, 408, 423, 429)
 * with a doubling backoff, gives up at once on the others (401, 403, 404, 400...). A newer export supersedes
 * a push still retrying. Redirects are never followed: a redirect is a failure, so the key never leaves for
 * an address the configuration did not name. Outcomes go to the database (admin API, health) and metrics.
 */
@ApplicationScoped
public class DataGouvPush {

    private static final Logger LOG = Logger.getLogger(DataGouvPush.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    OpenDataConfig config;
    @Inject
    OpenDataFeeds feeds;
    @Inject
    OpenDataStore store;
    @Inject
    DataDirectory dataDirectory;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry registry;
    /** A CLI command exits when its export is done: a push on a background thread would die with it. */
    @Inject
    RuntimeSettings runtime;

    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong lastSuccessEpoch = new AtomicLong();
    private final AtomicLong lastFailed = new AtomicLong();
    private ScheduledExecutorService executor;
    private HttpClient client;

    /** One try's outcome. */
    record Outcome(boolean success, boolean retry, Integer status, String message) {
    }

    void start(@Observes StartupEvent event) {
        registry.gauge("rdex.opendata.push.last.success.seconds", lastSuccessEpoch);
        registry.gauge("rdex.opendata.push.failed", lastFailed);
        if (config.enabled() && !configured()) {
            LOG.info("Open data on; no push to data.gouv.fr (rdex.opendata.datagouv.dataset, resource and"
                    + " RDEX_OPENDATA_DATAGOUV_API_KEY are not all set)");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        synchronized (this) {
            if (executor != null) {
                executor.shutdownNow();
            }
        }
    }

    /** Dataset, resource and key are all set. */
    public boolean configured() {
        OpenDataConfig.DataGouv d = config.datagouv();
        return config.enabled() && present(d.dataset()) && present(d.resource()) && present(d.apiKey());
    }

    /** Starts a push of the current public file; false when pushes are not configured. */
    public boolean schedule() {
        if (!configured()) {
            return false;
        }
        if (runtime.cli()) {
            LOG.info("No push to data.gouv.fr from a CLI command: the server pushes after its next export, or on"
                    + " POST /admin/opendata/push");
            return false;
        }
        long gen = generation.incrementAndGet();
        executor().execute(() -> attempt(gen, 0, 1, config.datagouv().initialBackoff()));
        return true;
    }

    private synchronized ScheduledExecutorService executor() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rdex-datagouv-push");
                t.setDaemon(true);
                return t;
            });
        }
        return executor;
    }

    private void attempt(long gen, long pushId, int attempt, Duration backoff) {
        if (gen != generation.get()) {
            return;
        }
        long id = pushId;
        try {
            Optional<OpenDataFeeds.PublicFeed> feed = feeds.publicFeed();
            if (feed.isEmpty()) {
                LOG.warn("Push to data.gouv.fr skipped: no public file yet");
                return;
            }
            if (id == 0) {
                id = store.startPush(feed.get().runId(), feed.get().sha256());
            }
            Outcome outcome;
            try {
                outcome = send(feed.get());
            } catch (IOException e) {
                outcome = new Outcome(false, true, null, "I/O error: " + e.getClass().getSimpleName());
            }
            int max = Math.max(1, config.datagouv().attempts());
            if (outcome.success()) {
                registry.counter("rdex.opendata.push", "outcome", "succeeded").increment();
                lastSuccessEpoch.set(Instant.now().getEpochSecond());
                lastFailed.set(0);
                store.updatePush(id, "SUCCEEDED", attempt, outcome.status(), outcome.message(), null);
                LOG.infof("Pushed export run %d to data.gouv.fr (try %d)", feed.get().runId(), attempt);
            } else if (outcome.retry() && attempt < max) {
                registry.counter("rdex.opendata.push", "outcome", "retry").increment();
                Instant next = Instant.now().plus(backoff);
                store.updatePush(id, "RETRYING", attempt, outcome.status(), outcome.message(), next);
                LOG.warnf("Push to data.gouv.fr failed (try %d of %d: %s); next try in %s", attempt, max,
                        outcome.message(), backoff);
                long nextId = id;
                Duration doubled = backoff.multipliedBy(2);
                Duration nextBackoff = doubled.compareTo(config.datagouv().maxBackoff()) > 0
                        ? config.datagouv().maxBackoff() : doubled;
                executor().schedule(() -> attempt(gen, nextId, attempt + 1, nextBackoff), backoff.toMillis(),
                        TimeUnit.MILLISECONDS);
            } else {
                failed(id, attempt, outcome);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | StackOverflowError e) {
            // The push's boundary: nothing here may reach the export or the served files.
            LOG.errorf(e, "Push to data.gouv.fr failed");
            failed(id, attempt, new Outcome(false, false, null, "error: " + e.getClass().getSimpleName()));
        }
    }

    private void failed(long id, int attempt, Outcome outcome) {
        registry.counter("rdex.opendata.push", "outcome", "failed").increment();
        lastFailed.set(1);
        LOG.errorf("Push to data.gouv.fr gave up after %d tries: %s", attempt, outcome.message());
        if (id == 0) {
            return;
        }
        try {
            store.updatePush(id, "FAILED", attempt, outcome.status(), outcome.message(), null);
        } catch (Exception e) {
            LOG.warn("Cannot record the failed push", e);
        }
    }

    /** One try, upload or metadata update. */
    Outcome send(OpenDataFeeds.PublicFeed feed) throws IOException, InterruptedException {
        OpenDataConfig.DataGouv d = config.datagouv();
        String dataset = d.dataset().orElseThrow();
        String resource = d.resource().orElseThrow();
        if (!ID.matcher(dataset).matches() || !ID.matcher(resource).matches()) {
            return new Outcome(false, false, null, "dataset or resource id is not a plain id");
        }
        String base = d.baseUrl().endsWith("/") ? d.baseUrl().substring(0, d.baseUrl().length() - 1) : d.baseUrl();
        URI resourceUri = URI.create(base + "/datasets/" + dataset + "/resources/" + resource + "/");
        String refused = refusedTarget(resourceUri);
        if (refused != null) {
            return new Outcome(false, false, null, refused);
        }
        HttpClient http = client();
        if (d.mode() == OpenDataConfig.PushMode.REMOTE) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", resourceTitle());
            body.put("url", feeds.url(OpenDataFeeds.PUBLIC_PATH));
            body.put("format", "xml");
            body.put("mime", "application/gzip");
            body.put("filesize", feed.bytes());
            body.put("checksum", Map.of("type", "sha256", "value", feed.sha256()));
            HttpRequest put = request(resourceUri, d).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body))).build();
            return outcome(http.send(put, HttpResponse.BodyHandlers.ofInputStream()));
        }
        Path file = Files.createTempFile(dataDirectory.resolve("export"), "push-", ".xml.gz");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                if (feed.rotated()) {
                    store.copy(feed.runId(), 0, feed.bytes(), out);
                } else {
                    store.copyExport(feed.runId(), 0, feed.bytes(), out);
                }
            }
            String boundary = "rdex-" + HexFormat.of().formatHex(randomBytes(16));
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + "journeys.xml.gz\"\r\nContent-Type: application/gzip\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            HttpRequest upload = request(resourceUri.resolve("upload/"), d)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                            HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail)))
                    .build();
            Outcome uploaded = outcome(http.send(upload, HttpResponse.BodyHandlers.ofInputStream()));
            if (!uploaded.success() || config.datagouv().resourceTitle().filter(DataGouvPush::present).isEmpty()) {
                return uploaded;
            }
            // The upload renames the resource after the file; its title is put back.
            HttpRequest put = request(resourceUri, d).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(
                            mapper.writeValueAsBytes(Map.of("title", resourceTitle()))))
                    .build();
            Outcome titled = outcome(http.send(put, HttpResponse.BodyHandlers.ofInputStream()));
            return titled.success() ? uploaded
                    : new Outcome(true, false, uploaded.status(), "uploaded; title not restored: " + titled.message());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(config.datagouv().connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return client;
    }

    private String resourceTitle() {
        return config.datagouv().resourceTitle().filter(DataGouvPush::present).orElse("journeys.xml.gz");
    }

    private HttpRequest.Builder request(URI uri, OpenDataConfig.DataGouv d) {
        return HttpRequest.newBuilder(uri).timeout(d.requestTimeout())
                .header("X-API-KEY", d.apiKey().orElseThrow())
                .header("Accept", "application/json")
                .header("User-Agent", "rdex-server");
    }

    /** The key goes over HTTPS, or plain HTTP to this machine only (a local stand-in). */
    static String refusedTarget(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (scheme.equals("https")) {
            return null;
        }
        if (scheme.equals("http") && uri.getHost() != null) {
            try {
                if (InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
                    return null;
                }
            } catch (IOException e) {
                return "base URL host does not resolve";
            }
        }
        return "base URL must be https (plain http only to a loopback address)";
    }

    private Outcome outcome(HttpResponse<java.io.InputStream> response) throws IOException {
        int status = response.statusCode();
        String excerpt;
        try (java.io.InputStream in = response.body()) {
            excerpt = new String(in.readNBytes(300), StandardCharsets.UTF_8).replaceAll("[\\p{Cntrl}]", " ").strip();
        }
        if (status >= 200 && status < 300) {
            return new Outcome(true, false, status, "HTTP " + status);
        }
        boolean retry = status >= 500 || status == 408 || status == 423 || status == 429;
        String why = status >= 300 && status < 400 ? "redirect refused" : excerpt;
        return new Outcome(false, retry, status, "HTTP " + status + (why.isEmpty() ? "" : ": " + why));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static boolean present(Optional<String> value) {
        return value.filter(DataGouvPush::present).isPresent();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
