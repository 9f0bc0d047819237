package org.rdex.server.protocol.rdexplus;

import java.net.InetAddress;
import java.util.List;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.IpRange;
import org.rdex.server.contact.ClientAddresses;
import org.rdex.server.key.KeyCheck;
import org.rdex.server.key.KeyVerifier;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who calls RDEX+: the document's two schemes carry one of the partner keys we issue ({@code keys issue}),
 * either in the {@code api_key} header ({@code apiKeyAuth}) or as an opaque bearer token
 * ({@code Authorization: Bearer <key>}, {@code bearerAuth}; the document lets the token's format free), used
 * from one of the key's addresses, over HTTPS. Both given must agree. Refusals: 401 {@code access_denied}
 * (no, unknown or ambiguous key, plain HTTP), 403 {@code insufficient_permissions} (wrong address, revoked,
 * expired), as the key check says. The only class of the package that knows how a caller is recognised.
 */
@ApplicationScoped
public class RdexPlusCredentials {

    private static final Logger LOG = Logger.getLogger(RdexPlusCredentials.class);
    static final String API_KEY_HEADER = "api_key";
    private static final String BEARER = "bearer ";

    @Inject
    KeyVerifier keys;
    @Inject
    ClientAddresses addresses;

    /** The partner behind the request and the address it called from. */
    public record Caller(KeyCheck.Caller partner, InetAddress address) {
    }

    /** The caller of {@code request}, or an {@link ApiException} (401/403/500) to answer. */
    public Caller check(HttpServerRequest request) {
        InetAddress peer = request.remoteAddress() == null || request.remoteAddress().hostAddress() == null
                ? null : IpRange.literal(request.remoteAddress().hostAddress()).orElse(null);
        if (!addresses.secure(request.isSSL(), peer, request.headers().getAll("X-Forwarded-Proto"))) {
            throw new ApiException(401, "access_denied", "This API is served over HTTPS only");
        }
        InetAddress caller = addresses.resolve(peer, request.headers().getAll("X-Forwarded-For"));
        String presented = presented(request.headers().getAll(API_KEY_HEADER), request.headers().getAll("Authorization"));
        KeyCheck check;
        try {
            check = keys.verify(presented, caller);
        } catch (KeyVerifier.KeyStoreUnavailableException e) {
            throw new ApiException(500, "internal_error", "Keys cannot be checked now; try again later");
        }
        if (check.refusal().isPresent()) {
            KeyCheck.Refusal refusal = check.refusal().get();
            LOG.debugf("RDEX+ refused (%s) from %s", refusal, caller);
            throw new ApiException(refusal.status, refusal.rdexName, refusal.message);
        }
        return new Caller(check.caller().orElseThrow(), caller);
    }

    /**
     * The one key of the request: every {@code api_key} line and every bearer token must be the same value
     * (two values are ambiguous, a proxy added one or a client tries several, and are refused as a whole).
     * Another {@code Authorization} scheme is not ours to read and is ignored. Null when none is given.
     */
    static String presented(List<String> apiKeys, List<String> authorizations) {
        String key = null;
        for (String line : apiKeys == null ? List.<String>of() : apiKeys) {
            key = same(key, line == null ? "" : line.strip());
        }
        for (String line : authorizations == null ? List.<String>of() : authorizations) {
            String v = line == null ? "" : line.strip();
            if (v.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                key = same(key, v.substring(BEARER.length()).strip());
            }
        }
        return key;
    }

    private static String same(String known, String value) {
        if (known != null && !known.equals(value)) {
            throw new ApiException(401, "access_denied", "Send one key, in api_key or as a bearer token");
        }
        return value;
    }
}
