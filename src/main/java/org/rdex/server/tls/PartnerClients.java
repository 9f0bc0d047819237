package org.rdex.server.tls;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The one place HTTP clients to partners are built: the import's download, every protocol's client and the
 * contact relay. HTTP/1.1, redirects never followed by the JDK (the import follows them by hand under
 * {@code imports/RedirectRule}; the others not at all), HTTPS pinned to the partner's certificates when it has
 * fingerprints ({@link PinnedTls}), else the JDK's checks. Clients are kept per use, pins (normalised, so that
 * two spellings of one fingerprint share a client) and connect timeout: a client owns a connection pool.
 * Answers are counted per use and outcome ({@code rdex_partner_http_calls_total}).
 */
@ApplicationScoped
public class PartnerClients {

    /** Who calls, for the metrics and so that one use's pool never serves another's. */
    public enum Use {
        FEED, LIVE, CONTACT
    }

    private record Key(Use use, String pins, Duration connectTimeout) {
    }

    /** Absent in plain unit tests that build their caller with {@code new}. */
    @Inject
    MeterRegistry registry;

    private final Map<Key, HttpClient> clients = new ConcurrentHashMap<>();

    /**
     * The client for a partner with these pins (null or blank: none, the JDK's checks apply).
     *
     * @param executor the client's own executor, null for the JDK's default
     */
    public HttpClient client(Use use, String fingerprints, Duration connectTimeout, Executor executor) {
        Key key = new Key(use, pins(fingerprints), connectTimeout);
        return clients.computeIfAbsent(key, k -> {
            HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(connectTimeout);
            if (executor != null) {
                builder.executor(executor);
            }
            if (!k.pins().isEmpty()) {
                builder.sslContext(PinnedTls.context(k.pins()));
            }
            return builder.build();
        });
    }

    /** The fingerprints as the cache knows them: hex digits only, lower case, empty for none. */
    public static String pins(String fingerprints) {
        return fingerprints == null ? "" : ServerCertificate.normalizeFingerprint(fingerprints);
    }

    /** Counts one call's outcome: an HTTP status class ({@code 2xx}...) or a failure kind ({@code timeout}...). */
    public void count(Use use, String outcome) {
        if (registry != null) {
            registry.counter("rdex.partner.http.calls", "use", use.name().toLowerCase(java.util.Locale.ROOT),
                    "outcome", outcome).increment();
        }
    }

    /** The outcome label of a status. */
    public static String statusClass(int status) {
        return status / 100 + "xx";
    }
}
