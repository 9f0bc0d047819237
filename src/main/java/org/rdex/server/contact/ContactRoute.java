package org.rdex.server.contact;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiError;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.key.IpRange;
import org.rdex.server.key.KeyCheck;
import org.rdex.server.key.KeyVerifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The RDEX contact API, {@code POST /rdex/contact}: a partner's server posts its user's message to the author
 * of one of our journeys. A plain Vert.x route rather than a JAX-RS resource because it is the hot path:
 * everything runs on the event loop (the body is read with a size cap, a cached key is checked in memory)
 * except a key missing from the cache, read on a worker thread; the answer is written when the batch
 * holding the message is committed. Checks, in order: method, HTTPS, content type, size, key and the
 * caller's address, rate, fields, site, journey.
 */
@ApplicationScoped
public class ContactRoute {

    private static final Logger LOG = Logger.getLogger(ContactRoute.class);
    public static final String PATH = "/rdex/contact";
    private static final String STORED = "{\"status\":\"stored\"}";

    @Inject
    KeyVerifier keys;
    @Inject
    ContactStore store;
    @Inject
    ClientAddresses addresses;
    @Inject
    ContactConfig config;
    @Inject
    ObjectMapper mapper;
    @Inject
    Vertx vertx;

    private RateLimiter limiter;

    @PostConstruct
    void init() {
        limiter = new RateLimiter(config.rateLimit().perSecond(), config.rateLimit().burst());
    }

    void register(@Observes Router router) {
        // Before RESTEasy's route: this path is ours entirely, whatever the method.
        router.route(PATH).order(-100).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        try {
            if (request.method() != HttpMethod.POST) {
                if (request.method() == HttpMethod.OPTIONS) {
                    rc.response().putHeader("Allow", "POST, OPTIONS").setStatusCode(204).end();
                    return;
                }
                throw new ApiException(405, "unsupported_http_verb", "The contact API accepts POST only",
                        List.of(), Map.of("Allow", "POST, OPTIONS"));
            }
            InetAddress peer = peer(request);
            if (!addresses.secure(request.isSSL(), peer, request.getHeader("X-Forwarded-Proto"))) {
                throw new ApiException(403, "insufficient_permissions", "The contact API is served over HTTPS only");
            }
            String type = request.getHeader("Content-Type") == null ? "" : request.getHeader("Content-Type").toLowerCase(Locale.ROOT);
            boolean form = type.startsWith("application/x-www-form-urlencoded");
            if (!form && !type.startsWith("application/json")) {
                throw new ApiException(415, "unsupported_media_type",
                        "Send application/x-www-form-urlencoded (or application/json)");
            }
            String length = request.getHeader("Content-Length");
            if (length != null && length.length() < 12 && length.chars().allMatch(Character::isDigit)
                    && Long.parseLong(length) > config.maxBodyBytes()) {
                throw tooLarge();
            }
            Buffer body = Buffer.buffer();
            boolean[] overflow = new boolean[1];
            request.handler(chunk -> {
                if (!overflow[0]) {
                    if (body.length() + chunk.length() > config.maxBodyBytes()) {
                        overflow[0] = true;
                    } else {
                        body.appendBuffer(chunk);
                    }
                }
            });
            request.exceptionHandler(e -> LOG.debugf("Contact request body failed: %s", e.getClass().getSimpleName()));
            request.endHandler(v -> {
                if (overflow[0]) {
                    fail(rc, tooLarge());
                    return;
                }
                try {
                    received(rc, peer, form, body.getBytes());
                } catch (ApiException e) {
                    fail(rc, e);
                }
            });
        } catch (ApiException e) {
            fail(rc, e);
        }
    }

    private void received(RoutingContext rc, InetAddress peer, boolean form, byte[] bytes) {
        Map<String, String> fields = form ? ContactForm.parseForm(bytes) : ContactForm.parseJson(bytes, mapper);
        InetAddress caller = addresses.resolve(peer, rc.request().getHeader("X-Forwarded-For"));
        String key = fields.get("key");
        Context context = Vertx.currentContext();
        Optional<KeyCheck> cached = keys.verifyCached(key, caller);
        CompletionStage<Boolean> stored;
        if (cached.isPresent()) {
            stored = accept(cached.get(), fields, caller);
        } else {
            stored = vertx.executeBlocking(() -> {
                try {
                    return keys.verify(key, caller);
                } catch (KeyVerifier.KeyStoreUnavailableException e) {
                    throw ContactStore.unavailable("key store");
                }
            }, false).toCompletionStage().thenCompose(check -> accept(check, fields, caller));
        }
        stored.whenComplete((ok, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof ApiException api) {
                    fail(rc, api);
                } else {
                    LOG.error("Contact request failed", cause);
                    fail(rc, new ApiException(500, "internal_error", "Internal error"));
                }
            } else {
                rc.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(STORED);
            }
        }));
    }

    private CompletionStage<Boolean> accept(KeyCheck check, Map<String, String> fields, InetAddress caller) {
        try {
            if (check.refusal().isPresent()) {
                LOG.debugf("Contact refused (%s) from %s", check.refusal().get(), caller);
            }
            KeyCheck.Caller partner = check.orThrow();
            long wait = limiter.acquire(partner.keyId(), System.nanoTime());
            if (wait > 0) {
                throw new ApiException(429, "too_many_post", "Too many messages with this key; retry later",
                        List.of(), Map.of("Retry-After", Long.toString(wait)));
            }
            ContactForm.Message message = ContactForm.validate(fields, config.maxMessageLength());
            if (partner.sites().stream().map(ContactForm::siteHost).noneMatch(message.site()::equals)) {
                throw new ApiException(403, "origin_mismatch", "This site is not one of the partner's sites",
                        List.of(new FieldError("site", "is not a site of partner " + partner.partnerName())), Map.of());
            }
            return store.submit(partner, message, caller.getHostAddress()).thenApply(stored -> {
                if (!stored) {
                    throw new ApiException(404, "resource_not_found", "No journey with this id, or it has expired",
                            List.of(new FieldError("id", "is not a current journey of ours")), Map.of());
                }
                return true;
            });
        } catch (ApiException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void fail(RoutingContext rc, ApiException e) {
        if (rc.response().ended()) {
            return;
        }
        e.headers().forEach((k, v) -> rc.response().putHeader(k, v));
        try {
            rc.response().setStatusCode(e.status()).putHeader("Content-Type", "application/json")
                    .end(mapper.writeValueAsString(ApiError.of(e)));
        } catch (JsonProcessingException json) {
            rc.response().setStatusCode(500).end();
        }
    }

    private ApiException tooLarge() {
        return new ApiException(413, "invalid_input", "The request body is larger than " + config.maxBodyBytes() + " bytes");
    }

    private static InetAddress peer(HttpServerRequest request) {
        if (request.remoteAddress() == null || request.remoteAddress().hostAddress() == null) {
            return null;
        }
        return IpRange.literal(request.remoteAddress().hostAddress()).orElse(null);
    }
}
