package org.rdex.server.protocol.rdexplus;

import java.util.List;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiException;
import org.rdex.server.key.KeyCheck;
import org.rdex.server.protocol.Caller;
import org.rdex.server.protocol.PartnerAuthentication;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who calls RDEX+: the document's two schemes carry one of the partner keys we issue ({@code keys issue}),
 * either in the {@code api_key} header ({@code apiKeyAuth}) or as an opaque bearer token
 * ({@code Authorization: Bearer <key>}, {@code bearerAuth}; the document lets the token's format free), used
 * from one of the key's addresses, over HTTPS. Both given must agree. The checks are
 * {@link PartnerAuthentication}'s, as for every protocol; this class reads RDEX+'s credentials and words the
 * refusals: 401 {@code access_denied} (no, unknown or ambiguous key, plain HTTP), 403
 * {@code insufficient_permissions} (wrong address, revoked, expired), as the key check says.
 */
@ApplicationScoped
public class RdexPlusCredentials {

    private static final Logger LOG = Logger.getLogger(RdexPlusCredentials.class);
    static final String API_KEY_HEADER = "api_key";
    private static final String BEARER = "bearer ";

    @Inject
    PartnerAuthentication auth;

    /** The caller of {@code request}, or an {@link ApiException} (401/403/500) to answer. */
    public Caller check(HttpServerRequest request) {
        return auth.authenticate(request,
                () -> presented(request.headers().getAll(API_KEY_HEADER), request.headers().getAll("Authorization")),
                denial -> {
                    switch (denial) {
                        case INSECURE:
                            return new ApiException(401, "access_denied", "This API is served over HTTPS only");
                        case UNAVAILABLE:
                            return new ApiException(500, "internal_error", "Keys cannot be checked now; try again later");
                        default:
                            LOG.debugf("RDEX+ refused (%s)", denial);
                            KeyCheck.Refusal refusal = denial.keyRefusal().orElseThrow();
                            return new ApiException(refusal.status, refusal.rdexName, refusal.message);
                    }
                });
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
