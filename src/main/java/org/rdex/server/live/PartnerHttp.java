package org.rdex.server.live;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.rdex.server.tls.PartnerClients;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * HTTP to partners' live APIs: asynchronous ({@code sendAsync}, a small bounded pool for the client's own
 * work), no redirect followed, HTTPS pinned to the partner's certificate when it has a fingerprint, and every
 * answer body capped in bytes ({@link LiveConfig#maxBodyBytes()}) while it streams in. JSON is read with
 * limits on nesting and string length, so a hostile partner cannot make us build a huge or deep tree.
 */
@ApplicationScoped
public class PartnerHttp {

    @Inject
    LiveConfig config;

    @Inject
    PartnerClients clients;
    private ExecutorService executor;
    private ObjectMapper json;

    /** A partner's answer: status, the body (at most the cap), and the headers we use. */
    public record Answer(int status, byte[] body, String contentType, String retryAfter) {
    }

    /** The partner's answer was refused before being parsed: too big, or not JSON we can read. */
    public static final class BadAnswer extends RuntimeException {
        private final String kind;

        public BadAnswer(String kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        /** {@code too_large} or {@code malformed}. */
        public String kind() {
            return kind;
        }
    }

    @PostConstruct
    void init() {
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(config.clientThreads(), config.clientThreads(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(10_000), r -> {
                    Thread t = new Thread(r, "live-partner-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(config.maxJsonDepth())
                        .maxStringLength(config.maxJsonStringLength())
                        .maxNumberLength(64)
                        .maxNameLength(256)
                        .maxDocumentLength(config.maxBodyBytes())
                        .build())
                .build();
        json = new ObjectMapper(factory).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /**
     * Sends the request; the future fails with {@link BadAnswer} for a body over the cap. Past the request's
     * timeout the exchange is abandoned, the body's connection closed included (the JDK's timeout covers the
     * headers only), so a partner trickling its answer holds nothing of ours.
     */
    public CompletableFuture<Answer> send(HttpRequest request, String fingerprint) {
        int cap = config.maxBodyBytes();
        java.util.concurrent.atomic.AtomicReference<CappedBody> body = new java.util.concurrent.atomic.AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> raw = client(fingerprint).sendAsync(request, info -> {
            CappedBody b = new CappedBody(cap, info);
            body.set(b);
            return b;
        });
        long timeoutMs = request.timeout().orElse(config.timeout()).toMillis();
        CompletableFuture.delayedExecutor(timeoutMs + 50, TimeUnit.MILLISECONDS, executor).execute(() -> {
            if (!raw.isDone()) {
                CappedBody b = body.get();
                if (b != null) {
                    b.abort();
                }
                raw.cancel(true);
            }
        });
        raw.whenComplete((r, failure) -> clients.count(PartnerClients.Use.LIVE, failure == null
                ? PartnerClients.statusClass(r.statusCode()) : failure.getClass().getSimpleName()));
        return raw.thenApply(r -> new Answer(r.statusCode(), r.body(),
                r.headers().firstValue("Content-Type").orElse(null),
                r.headers().firstValue("Retry-After").orElse(null)));
    }

    /** The JSON of a 200 answer; any other status, or a body we cannot read, is a {@link BadAnswer}. */
    public JsonNode ok(Answer a) {
        if (a.status() != 200) {
            throw new BadAnswer("http_" + a.status(), "HTTP " + a.status());
        }
        return parse(a.body());
    }

    /** Parses a partner's JSON under the limits; any problem is a {@link BadAnswer}. */
    public JsonNode parse(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new BadAnswer("malformed", "empty body");
            }
            return node;
        } catch (BadAnswer e) {
            throw e;
        } catch (Exception e) {
            // The parser's message may quote the partner's bytes: only the kind of problem is kept.
            throw new BadAnswer("malformed", e.getClass().getSimpleName());
        }
    }

    /** The mapper with this class's limits, for the bodies we send. */
    public ObjectMapper mapper() {
        return json;
    }

    private HttpClient client(String fingerprint) {
        return clients.client(PartnerClients.Use.LIVE, fingerprint, config.timeout().multipliedBy(2), executor);
    }

    /**
     * Collects the body up to {@code cap} bytes; past it (or when the declared length already is) the
     * subscription is cancelled, which closes the connection, and the body fails as {@code too_large}.
     */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int cap;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        private final long declared;
        private Flow.Subscription subscription;

        CappedBody(int cap, HttpResponse.ResponseInfo info) {
            this.cap = cap;
            this.declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public synchronized void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declared > cap) {
                s.cancel();
                result.completeExceptionally(new BadAnswer("too_large", "declared " + declared + " bytes"));
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                int n = b.remaining();
                if (buffer.size() + (long) n > cap) {
                    subscription.cancel();
                    result.completeExceptionally(new BadAnswer("too_large", "over " + cap + " bytes"));
                    return;
                }
                byte[] chunk = new byte[n];
                b.get(chunk);
                buffer.write(chunk, 0, n);
            }
        }

        /** Gives up: closes the connection and fails the body as a timeout. */
        synchronized void abort() {
            if (subscription != null) {
                subscription.cancel();
            }
            result.completeExceptionally(new java.net.http.HttpTimeoutException("answer not complete in time"));
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}
