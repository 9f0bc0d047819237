package org.rdex.server.protocol.standard;

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
 * {@code X-API-Key}: a partner key issued with {@code keys issue}, used from one of its addresses, over HTTPS.
 * Every refusal is a 401, the one status the standard declares for it (the message says which check failed).
 */
@ApplicationScoped
public class StandardGuard {

    private static final Logger LOG = Logger.getLogger(StandardGuard.class);

    @Inject
    PartnerAuthentication auth;

    /** The caller behind the request, with its address, or a 401. */
    public Caller check(HttpServerRequest request) {
        return auth.authenticate(request, () -> oneValue(request.headers().getAll("X-API-Key")), denial -> {
            switch (denial) {
                case INSECURE:
                    return new ApiException(401, "access_denied", "This API is served over HTTPS only");
                case UNAVAILABLE:
                    return new ApiException(500, "internal_error", "Keys cannot be checked now; try again later");
                default:
                    LOG.debugf("standard-covoiturage refused (%s)", denial);
                    KeyCheck.Refusal refusal = denial.keyRefusal().orElseThrow();
                    return new ApiException(401, refusal.rdexName, refusal.message);
            }
        });
    }

    /**
     * The one {@code X-API-Key} of the request, from every line of the header: two different values are
     * ambiguous (a proxy added one, or a client tries several keys) and refused as a whole, as an ambiguous
     * {@code Authorization} is, never resolved by picking one. The same value repeated is harmless.
     */
    private static String oneValue(List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            return null;
        }
        String first = lines.get(0) == null ? "" : lines.get(0).strip();
        for (String line : lines) {
            if (!first.equals(line == null ? "" : line.strip())) {
                throw new ApiException(401, "access_denied", "Send one X-API-Key header");
            }
        }
        return first;
    }
}
