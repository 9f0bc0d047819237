package org.rdex.server.contact;

import java.net.InetAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.rdex.server.common.ApiError;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.common.OpenApiDefinition;
import org.rdex.server.protocol.Caller;
import org.rdex.server.protocol.PartnerAuthentication;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The RDEX contact API, {@code POST /rdex/contact}: a partner's server posts its user's message to the author
 * of one of our journeys. The hot path, so it never blocks the event loop: the body is read there with its
 * own size cap (smaller than the server's), a cached key is checked in memory, and only a key missing from
 * the cache is read on a worker thread; the answer is sent when the batch holding the message is committed.
 * Checks, in order: method, HTTPS, content type, size, key and the caller's address, rate, fields, site,
 * journey. Every refusal is an {@link ApiException}, written by {@code ErrorMappers}.
 */
@Path(ContactResource.PATH)
@Singleton
@NonBlocking
@Tag(name = "Contact API", description = "Partners' servers post their users' messages to the authors of our journeys")
public class ContactResource {

    private static final Logger LOG = Logger.getLogger(ContactResource.class);
    public static final String PATH = "/rdex/contact";
    static final String ALLOW = "POST, OPTIONS";
    private static final String FORM = "application/x-www-form-urlencoded";

    /** The body of a 201. */
    @Schema(name = "ContactStored", description = "The message is committed and will be relayed to the journey's author")
    public record Stored(@Schema(enumeration = "stored") String status) {
    }

    /** {@link Stored} written once: the body of every 201, sent as it is rather than serialized per message. */
    private static final String STORED = "{\"status\":\"stored\"}";

    @Inject
    PartnerAuthentication auth;
    @Inject
    ContactStore store;
    @Inject
    ContactConfig config;
    @Inject
    ObjectMapper mapper;
    @Inject
    Vertx vertx;

    private RateLimiter limiter;
    private ObjectReader json;

    @PostConstruct
    void init() {
        limiter = new RateLimiter(config.rateLimit().perSecond(), config.rateLimit().burst());
        json = ContactForm.jsonReader(mapper);
    }

    @POST
    @Operation(summary = "Send a message to the author of one of our journeys",
            description = "HTTPS only. Fields: key, id (the journey's uuid in our RDEX file), from (\"Pseudonym <email>\", "
                    + "or pseudonym and email), site (one of the partner's registered sites), message. Names are "
                    + "case-insensitive (Key, Id, From, Site, Message as in the specification); a field given twice "
                    + "is refused. The key is checked against the caller's address. 201 only once the message is "
                    + "committed.")
    @SecurityRequirement(name = OpenApiDefinition.PARTNER_KEY)
    @RequestBody(required = true, content = {
            @Content(mediaType = FORM, schema = @Schema(ref = "ContactMessage")),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ContactMessage")) })
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Stored.class)))
    @APIResponse(responseCode = "400", description = "invalid_input or missing_mandatory_field, naming each bad field "
            + "(malformed body, a field given twice, control characters, bad e-mail, id not uuid-shaped)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "access_denied: no key, or an unknown one",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "insufficient_permissions (plain HTTP; key revoked, expired or not "
            + "valid from this address) or origin_mismatch (site is not one of the partner's)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "resource_not_found: not one of our current journeys",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "The message or the body is too long",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "415", description = "unsupported_media_type",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "too_many_post: over the key's rate",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "service_unavailable: the message could not be stored",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> contact(@jakarta.ws.rs.core.Context HttpServerRequest request) {
        boolean form;
        Charset charset;
        InetAddress peer = auth.peer(request);
        try {
            if (!auth.secure(request, peer)) {
                throw new ApiException(403, "insufficient_permissions", "The contact API is served over HTTPS only");
            }
            String type = request.getHeader("Content-Type") == null ? "" : request.getHeader("Content-Type").toLowerCase(Locale.ROOT);
            form = type.startsWith(FORM);
            if (!form && !type.startsWith(MediaType.APPLICATION_JSON)) {
                throw new ApiException(415, "unsupported_media_type",
                        "Send application/x-www-form-urlencoded (or application/json)");
            }
            charset = form ? ContactForm.formCharset(request.getHeader("Content-Type")) : StandardCharsets.UTF_8;
            String length = request.getHeader("Content-Length");
            if (length != null && length.length() < 12 && length.chars().allMatch(Character::isDigit)
                    && Long.parseLong(length) > config.maxBodyBytes()) {
                throw tooLarge();
            }
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        // One Uni at the boundary and plain callbacks inside: every Mutiny operator would wrap its callback for
        // context propagation, a cost on each message of the hot path.
        Context context = Vertx.currentContext();
        boolean isForm = form;
        return Uni.createFrom().emitter(emitter -> body(request, bytes -> {
            CompletionStage<Boolean> stored;
            try {
                stored = received(request, peer, isForm, charset, bytes);
            } catch (RuntimeException e) {
                emitter.fail(refusal(e));
                return;
            }
            stored.whenComplete((ok, failure) -> context.runOnContext(v -> {
                if (failure == null) {
                    emitter.complete(Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(STORED).build());
                } else {
                    emitter.fail(refusal(failure));
                }
            }));
        }, emitter::fail));
    }

    /** The ApiException a failure stands for; anything else is logged and becomes a bare 500. */
    private static ApiException refusal(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ApiException api) {
            return api;
        }
        LOG.error("Contact request failed", cause);
        return new ApiException(500, "internal_error", "Internal error");
    }

    @OPTIONS
    @Operation(hidden = true)
    public Response options() {
        return Response.noContent().header("Allow", ALLOW).build();
    }

    /** No body: over HTTP/2 a HEAD answer that carries one resets the stream. */
    @HEAD
    @Operation(hidden = true)
    public Response head() {
        return Response.status(405).header("Allow", ALLOW).build();
    }

    @GET
    @Operation(hidden = true)
    public Response get() {
        throw notAllowed();
    }

    @PUT
    @Operation(hidden = true)
    public Response put() {
        throw notAllowed();
    }

    @DELETE
    @Operation(hidden = true)
    public Response delete() {
        throw notAllowed();
    }

    @PATCH
    @Operation(hidden = true)
    public Response patch() {
        throw notAllowed();
    }

    /**
     * The body, read on the event loop; past {@code rdex.contact.max-body-bytes} the rest is drained and
     * dropped and the answer is 413. RESTEasy's own reader would buffer up to the server's body limit and
     * move to a worker thread past its input buffer, which this endpoint wants neither of.
     */
    private void body(HttpServerRequest request, Consumer<byte[]> received, Consumer<ApiException> failed) {
        if (request.isEnded()) {
            received.accept(new byte[0]);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] overflow = new boolean[1];
        request.pause();
        request.handler(chunk -> {
            if (!overflow[0]) {
                if (body.length() + chunk.length() > config.maxBodyBytes()) {
                    overflow[0] = true;
                } else {
                    body.appendBuffer(chunk);
                }
            }
        });
        request.exceptionHandler(e -> {
            LOG.debugf("Contact request body failed: %s", e.getClass().getSimpleName());
            failed.accept(new ApiException(400, "invalid_input", "The request body could not be read"));
        });
        request.endHandler(v -> {
            if (overflow[0]) {
                failed.accept(tooLarge());
            } else {
                received.accept(body.getBytes());
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            request.response().writeContinue();
        }
        request.resume();
    }

    private CompletionStage<Boolean> received(HttpServerRequest request, InetAddress peer, boolean form, Charset charset,
            byte[] bytes) {
        Map<String, String> fields;
        InetAddress caller;
        try {
            fields = form ? ContactForm.parseForm(bytes, charset) : ContactForm.parseJson(bytes, json);
            caller = auth.address(request, peer);
        } catch (ApiException e) {
            return CompletableFuture.failedFuture(e);
        }
        String key = fields.get("key");
        Optional<PartnerAuthentication.Outcome> cached = auth.byKeyCached(key, caller);
        if (cached.isPresent()) {
            return accept(cached.get(), fields, caller);
        }
        return vertx.executeBlocking(() -> auth.byKey(key, caller), false).toCompletionStage()
                .thenCompose(check -> accept(check, fields, caller));
    }

    private CompletionStage<Boolean> accept(PartnerAuthentication.Outcome check, Map<String, String> fields,
            InetAddress caller) {
        try {
            if (check.denial().isPresent()) {
                LOG.debugf("Contact refused (%s) from %s", check.denial().get(), caller);
            }
            Caller partner = check.orThrow(ContactResource::refused);
            long wait = limiter.acquire(partner.keyId(), System.nanoTime());
            if (wait > 0) {
                throw new ApiException(429, "too_many_post", "Too many messages with this key; retry later",
                        List.of(), Map.of("Retry-After", Long.toString(wait)));
            }
            ContactForm.Message message = ContactForm.validate(fields, config.maxMessageLength());
            if (!partner.owns(message.site())) {
                throw new ApiException(403, "origin_mismatch", "This site is not one of the partner's sites",
                        List.of(new FieldError("site", "is not a site of partner " + partner.partnerName())), Map.of());
            }
            return store.submit(partner, message, partner.addressText()).thenApply(stored -> {
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

    private static ApiException refused(PartnerAuthentication.Denial denial) {
        if (denial == PartnerAuthentication.Denial.UNAVAILABLE) {
            return ContactStore.unavailable("key store");
        }
        return denial.keyRefusal().orElseThrow().toApiException();
    }

    private static ApiException notAllowed() {
        return new ApiException(405, "unsupported_http_verb", "The contact API accepts POST only", List.of(),
                Map.of("Allow", ALLOW));
    }

    private ApiException tooLarge() {
        return new ApiException(413, "invalid_input", "The request body is larger than " + config.maxBodyBytes() + " bytes");
    }
}
