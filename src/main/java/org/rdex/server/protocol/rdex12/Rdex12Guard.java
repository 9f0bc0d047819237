package org.rdex.server.protocol.rdex12;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.common.Secrets;
import org.rdex.server.key.KeyCheck;
import org.rdex.server.protocol.Caller;
import org.rdex.server.protocol.PartnerAuthentication;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may call our RDEX 1.2 API. What Mobicoop checks (fields present) and what it does not: HTTPS, the
 * timestamp within {@code rdex.rdex12.timestamp-window}, the key (issued with {@code keys issue}, not revoked
 * nor expired) used from one of its addresses, and the HMAC-SHA256 signature compared in constant time. The
 * signature is checked over the query exactly as received, less its {@code signature} pair, after the public
 * URL of the resource: the bytes the client signed, whatever encoder it used.
 */
@ApplicationScoped
public class Rdex12Guard {

    private static final Logger LOG = Logger.getLogger(Rdex12Guard.class);

    @Inject
    PartnerAuthentication auth;
    @Inject
    Rdex12Config config;
    @Inject
    org.rdex.server.history.HistoryRecorder history;

    /** The request's facts the checks need, read once from Vert.x's request. */
    public record Call(boolean secure, InetAddress caller, String host, String path, String rawQuery) {

        static Call of(HttpServerRequest request, PartnerAuthentication auth) {
            InetAddress peer = auth.peer(request);
            boolean secure = auth.secure(request, peer);
            InetAddress caller = auth.address(request, peer);
            return new Call(secure, caller, authority(request), request.path(), request.query());
        }

        /**
         * The authority the client addressed: the {@code Host} header over HTTP/1.1, {@code :authority} over
         * HTTP/2, which sends no {@code Host}; clients negotiate h2 by ALPN, so both must sign alike.
         */
        static String authority(HttpServerRequest request) {
            HostAndPort authority = request.authority();
            if (authority == null || authority.host() == null || authority.host().isEmpty()) {
                return request.getHeader("Host");
            }
            String host = authority.host().indexOf(':') >= 0 && !authority.host().startsWith("[")
                    ? "[" + authority.host() + "]" : authority.host();
            return authority.port() < 0 ? host : host + ":" + authority.port();
        }
    }

    Call call(HttpServerRequest request) {
        Call call = Call.of(request, auth);
        if (!call.secure()) {
            throw new ApiException(403, "insufficient_permissions", "The RDEX 1.2 API is served over HTTPS only");
        }
        if (call.rawQuery() != null && call.rawQuery().length() > config.maxQueryLength()) {
            throw QueryPairs.invalid("query", "is longer than " + config.maxQueryLength() + " characters");
        }
        return call;
    }

    /**
     * Checks timestamp, key and signature, in that order, once the mandatory fields are known present.
     * {@code resource} is {@code journeys} or {@code connections}.
     */
    Caller check(Call call, QueryPairs query, String resource) {
        long timestamp;
        try {
            timestamp = Long.parseLong(query.get("timestamp").trim());
        } catch (NumberFormatException e) {
            throw QueryPairs.invalid("timestamp", "is not a Unix time in seconds");
        }
        // Compared bound by bound: |now - timestamp| overflows for a timestamp near Long.MIN_VALUE.
        long now = Instant.now().getEpochSecond();
        long window = config.timestampWindow().toSeconds();
        if (timestamp < now - window || timestamp > now + window) {
            throw new ApiException(401, "timestamp_too_skewed", "timestamp is more than "
                    + config.timestampWindow().toSeconds() + " s away from our clock",
                    List.of(new FieldError("timestamp", "is too far from our clock")), Map.of());
        }
        PartnerAuthentication.Signed signing = auth.bySigningKey(query.get("apikey"), call.caller());
        Caller caller = signing.outcome().orThrow(denial -> {
            if (denial == PartnerAuthentication.Denial.UNAVAILABLE) {
                return new ApiException(500, "internal_error", "Keys cannot be checked now; try again later");
            }
            KeyCheck.Refusal refusal = denial.keyRefusal().orElseThrow();
            LOG.debugf("RDEX 1.2 %s refused (%s) from %s", resource, refusal, call.caller());
            return new ApiException(refusal.status, refusal.rdexName, refusal.message,
                    List.of(new FieldError("apikey", refusal.message)), Map.of());
        });
        String presented = query.get("signature").trim().toLowerCase(Locale.ROOT);
        String signed = query.withoutSignature();
        boolean valid = false;
        for (String base : bases(call, resource)) {
            // Every candidate is compared, so the time taken does not tell which one matched.
            valid |= Secrets.constantTimeEquals(presented, Rdex12Signer.sign(base + "?" + signed, signing.privateHalf()));
        }
        if (!valid) {
            history.keyRefused(caller.keyId(), caller.partnerName(), "bad_signature");
            LOG.debugf("RDEX 1.2 %s: signature mismatch for key of %s", resource, caller.partnerName());
            throw new ApiException(401, "signature_mismatch", "The signature does not match the request",
                    List.of(new FieldError("signature", "does not match")), Map.of());
        }
        return caller;
    }

    /** The URLs of {@code resource} the client may have signed: the configured one, else the request's own. */
    private List<String> bases(Call call, String resource) {
        if (config.publicUrl().isPresent() && !config.publicUrl().get().isBlank()) {
            String base = config.publicUrl().get().trim();
            return List.of((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/" + resource);
        }
        if (call.host() == null || call.host().isBlank()) {
            return List.of();
        }
        return List.of("https://" + call.host().trim() + call.path());
    }
}
