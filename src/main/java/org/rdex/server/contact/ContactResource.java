package org.rdex.server.contact;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.common.Texts;
import org.rdex.server.key.IpRange;
import org.rdex.server.key.KeyCheck;
import org.rdex.server.key.KeyVerifier;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The RDEX contact API: a partner's server posts its user's message to the author of one of our journeys.
 * Checks, in order: HTTPS, content type, size, key (and the caller's address), rate, fields, site, journey;
 * answers 201 only once the message is committed to the outbox.
 */
@Path("/rdex/contact")
public class ContactResource {

    private static final Logger LOG = Logger.getLogger(ContactResource.class);
    private static final Map<String, String> STORED = Map.of("status", "stored");

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

    /**
     * Runs on the event loop: parsing and a cached key check need no thread of their own, and the store
     * answers through a future once the batch holding this message is committed. Only a key missing from
     * the cache is read on a worker thread.
     */
    @POST
    @NonBlocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> contact(@Context HttpServerRequest request,
            @HeaderParam("Content-Type") String contentType, byte[] body) {
        InetAddress peer = peer(request);
        if (!addresses.secure(request.isSSL(), peer, request.getHeader("X-Forwarded-Proto"))) {
            throw new ApiException(403, "insufficient_permissions", "The contact API is served over HTTPS only");
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean form = type.startsWith("application/x-www-form-urlencoded");
        boolean json = type.startsWith("application/json");
        if (!form && !json) {
            throw new ApiException(415, "unsupported_media_type",
                    "Send application/x-www-form-urlencoded (or application/json)");
        }
        byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length > config.maxBodyBytes()) {
            throw new ApiException(413, "invalid_input", "The request body is larger than " + config.maxBodyBytes() + " bytes");
        }
        Map<String, String> fields = form ? ContactForm.parseForm(bytes) : ContactForm.parseJson(bytes, mapper);
        InetAddress caller = addresses.resolve(peer, request.getHeader("X-Forwarded-For"));
        String key = fields.get("key");
        Optional<KeyCheck> cached = keys.verifyCached(key, caller);
        if (cached.isPresent()) {
            return accept(cached.get(), fields, caller);
        }
        return vertx.executeBlocking(() -> {
            try {
                return keys.verify(key, caller);
            } catch (KeyVerifier.KeyStoreUnavailableException e) {
                throw ContactStore.unavailable("key store");
            }
        }, false).toCompletionStage().thenCompose(check -> accept(check, fields, caller));
    }

    private CompletionStage<Response> accept(KeyCheck check, Map<String, String> fields, InetAddress caller) {
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
            LOG.debugf("Stored a contact message from partner %s for journey %s", partner.partnerName(),
                    Texts.abbreviate(message.journeyId()));
            return Response.status(201).entity(STORED).build();
        });
    }

    private static InetAddress peer(HttpServerRequest request) {
        if (request.remoteAddress() == null || request.remoteAddress().hostAddress() == null) {
            return null;
        }
        return IpRange.literal(request.remoteAddress().hostAddress()).orElse(null);
    }

    /**
     * The specification allows POST only. Declared explicitly because RESTEasy Reactive's own 405 carries
     * no {@code Allow} header.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        throw notAllowed();
    }

    @PUT
    @Produces(MediaType.APPLICATION_JSON)
    public Response put() {
        throw notAllowed();
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete() {
        throw notAllowed();
    }

    @PATCH
    @Produces(MediaType.APPLICATION_JSON)
    public Response patch() {
        throw notAllowed();
    }

    private static ApiException notAllowed() {
        return new ApiException(405, "unsupported_http_verb", "The contact API accepts POST only",
                List.of(), Map.of("Allow", "POST, OPTIONS"));
    }
}
