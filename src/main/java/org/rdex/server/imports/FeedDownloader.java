package org.rdex.server.imports;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import org.rdex.server.tls.PartnerClients;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Fetches a partner's feed into a file, streaming: conditional (ETag / Last-Modified), with connect, read
 * (stall) and total timeouts, a minimum transfer rate, a size cap, and either the JDK's certificate checks or the partner's pinned
 * certificate. Redirects are followed by hand (at most 5, never from https to http, never to an internal
 * address the feed URL does not name: {@link RedirectRule}) so that the partner's key is only ever sent to the
 * feed's own origin.
 */
@ApplicationScoped
public class FeedDownloader {

    private static final int MAX_REDIRECTS = 5;

    /** What to fetch. {@code bearer} is the key the partner issued to us, sent as {@code Authorization: Bearer}. */
    public record Request(URI uri, Optional<String> bearer, Optional<String> pinnedFingerprint, Optional<String> etag,
            Optional<String> lastModified) {
    }

    public sealed interface Result permits NotModified, Fetched {
    }

    /** The server answered 304: the feed has not changed since the version we imported. */
    public record NotModified() implements Result {
    }

    /** The body, in {@code file} (the caller deletes it). */
    public record Fetched(Path file, long bytes, String etag, String lastModified) implements Result {
    }

    @Inject
    ImportConfig config;

    @Inject
    PartnerClients clients;
    /** Which redirects may be followed; see {@link RedirectRule}. */
    RedirectRule redirects = new RedirectRule(InetAddress::getAllByName);

    public Result download(Request request, Path directory) throws IOException {
        URI uri = checkScheme(request.uri());
        URI origin = request.uri();
        HttpClient client = client(request.pinnedFingerprint());
        long deadline = System.nanoTime() + config.downloadTimeout().toNanos();
        boolean conditional = request.etag().isPresent() || request.lastModified().isPresent();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(config.readTimeout())
                    .header("Accept", "application/xml, text/xml, application/gzip, */*")
                    .header("User-Agent", "rdex-server");
            if (sameOrigin(uri, origin)) {
                request.bearer().ifPresent(key -> b.header("Authorization", "Bearer " + key));
            }
            request.etag().ifPresent(e -> b.header("If-None-Match", e));
            request.lastModified().ifPresent(m -> b.header("If-Modified-Since", m));

            Path file = Files.createTempFile(directory, "feed-", ".part");
            boolean keep = false;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                FileSink sink = new FileSink(channel, config.maxDownloadBytes());
                HttpResponse<Void> response = await(client.sendAsync(b.build(), info -> {
                    // Until the headers come, the request's own timeout applies; from now on, the stall watch.
                    sink.lastProgress = System.nanoTime();
                    sink.rateSince = sink.lastProgress;
                    sink.headers = true;
                    // Refused before the first byte of the body when the partner announces more than the cap.
                    long announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
                    if (info.statusCode() == 200 && announced > sink.max) {
                        sink.failure = "the file is larger than " + sink.max + " bytes (Content-Length " + announced
                                + ")";
                    }
                    return info.statusCode() == 200 ? BodySubscribers.fromSubscriber(sink, s -> null)
                            : BodySubscribers.replacing(null);
                }), sink, deadline);
                int status = response.statusCode();
                if (sink.failure != null) {
                    throw new DownloadException(sink.failure);
                }
                if (status == 200) {
                    keep = true;
                    return new Fetched(file, sink.bytes, response.headers().firstValue("ETag").orElse(null),
                            response.headers().firstValue("Last-Modified").orElse(null));
                }
                if (status == 304 && conditional) {
                    return new NotModified();
                }
                if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                    String location = response.headers().firstValue("Location")
                            .orElseThrow(() -> new DownloadException("HTTP " + status + " without Location"));
                    URI next;
                    try {
                        next = checkScheme(uri.resolve(location));
                    } catch (IllegalArgumentException e) {
                        throw new DownloadException("HTTP " + status + " to an invalid Location");
                    }
                    if ("https".equals(uri.getScheme()) && "http".equals(next.getScheme())) {
                        throw new DownloadException("redirect from https to http refused");
                    }
                    Optional<String> refused = redirects.refusal(origin, next);
                    if (refused.isPresent()) {
                        throw new DownloadException(refused.get());
                    }
                    uri = next;
                    continue;
                }
                throw new DownloadException("the feed answered HTTP " + status);
            } finally {
                if (!keep) {
                    Files.deleteIfExists(file);
                }
            }
        }
        throw new DownloadException("more than " + MAX_REDIRECTS + " redirects");
    }

    private HttpResponse<Void> await(CompletableFuture<HttpResponse<Void>> future, FileSink sink, long deadline)
            throws IOException {
        long readTimeout = config.readTimeout().toNanos();
        long poll = Math.max(5, Math.min(500, config.readTimeout().toMillis() / 4));
        while (true) {
            try {
                return future.get(poll, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                String problem = sink.failure != null ? sink.failure
                        : sink.headers && now - sink.lastProgress > readTimeout ? "no data for " + config.readTimeout().toSeconds() + " s"
                        : now - deadline > 0 ? "download took longer than " + config.downloadTimeout() : tooSlow(sink, now);
                if (problem != null) {
                    future.cancel(true);
                    throw new DownloadException(problem);
                }
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new DownloadException("interrupted");
            } catch (CancellationException e) {
                throw new DownloadException("cancelled");
            } catch (ExecutionException e) {
                if (sink.failure != null) {
                    throw new DownloadException(sink.failure);
                }
                throw translate(e.getCause());
            }
        }
    }

    /** Whether the body came slower than the minimum rate over the interval that just ended; null if not. */
    private String tooSlow(FileSink sink, long now) {
        long min = config.minTransferBytes();
        long interval = config.minTransferInterval().toNanos();
        if (!sink.headers || min <= 0 || interval <= 0 || now - sink.rateSince < interval) {
            return null;
        }
        long received = sink.bytes;
        if (received - sink.rateBytes < min) {
            return "slower than " + min + " bytes per " + config.minTransferInterval().toSeconds() + " s";
        }
        sink.rateSince = now;
        sink.rateBytes = received;
        return null;
    }

    private static DownloadException translate(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpConnectTimeoutException) {
                return new DownloadException("connection timed out", t);
            }
            if (c instanceof HttpTimeoutException) {
                return new DownloadException("no response in time", t);
            }
            if (c instanceof SSLHandshakeException) {
                return new DownloadException("TLS handshake failed (certificate not trusted or not the pinned one)", t);
            }
            if (c instanceof ConnectException) {
                return new DownloadException("connection refused", t);
            }
        }
        return new DownloadException("download failed: " + t.getClass().getSimpleName(), t);
    }

    private HttpClient client(Optional<String> fingerprint) {
        return clients.client(PartnerClients.Use.FEED, fingerprint.orElse(null), config.connectTimeout(), null);
    }

    private static URI checkScheme(URI uri) throws DownloadException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new DownloadException("only absolute http(s) URLs can be downloaded");
        }
        return uri;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** Writes the body to the file as it comes, counting bytes and time of the last progress. */
    private static final class FileSink implements Flow.Subscriber<List<ByteBuffer>> {
        private final FileChannel channel;
        private final long max;
        private Flow.Subscription subscription;
        volatile long bytes;
        volatile long lastProgress = System.nanoTime();
        volatile String failure;
        volatile boolean headers;
        /** Start of the current minimum-rate interval, and the bytes received by then. */
        volatile long rateSince;
        volatile long rateBytes;

        FileSink(FileChannel channel, long max) {
            this.channel = channel;
            this.max = max;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = Objects.requireNonNull(s);
            if (failure != null) {
                s.cancel();
                return;
            }
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            try {
                for (ByteBuffer buffer : buffers) {
                    if (bytes + buffer.remaining() > max) {
                        failure = "the file is larger than " + max + " bytes";
                        subscription.cancel();
                        return;
                    }
                    bytes += buffer.remaining();
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
                lastProgress = System.nanoTime();
                subscription.request(1);
            } catch (IOException e) {
                failure = "cannot write the download to disk";
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable t) {
            // the response future fails with it
        }

        @Override
        public void onComplete() {
            // the response future completes
        }
    }
}
