package org.rdex.server.standard;

import java.net.InetAddress;
import java.util.List;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiException;
import org.rdex.server.contact.ClientAddresses;
import org.rdex.server.common.IpRange;
import org.rdex.server.key.KeyCheck;
import org.rdex.server.key.KeyVerifier;

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
    KeyVerifier keys;
    @Inject
    ClientAddresses addresses;

    /** The caller behind the request, and its address, or a 401. */
    public record Authenticated(KeyCheck.Caller partner, InetAddress address) {
    }

    public Authenticated check(HttpServerRequest request) {
        InetAddress peer = request.remoteAddress() == null || request.remoteAddress().hostAddress() == null
                ? null : IpRange.literal(request.remoteAddress().hostAddress()).orElse(null);
        if (!addresses.secure(request.isSSL(), peer, request.headers().getAll("X-Forwarded-Proto"))) {
            throw new ApiException(401, "access_denied", "This API is served over HTTPS only");
        }
        InetAddress caller = addresses.resolve(peer, request.headers().getAll("X-Forwarded-For"));
        String presented = oneValue(request.headers().getAll("X-API-Key"));
        KeyCheck check;
        try {
            check = keys.verify(presented, caller);
        } catch (KeyVerifier.KeyStoreUnavailableException e) {
            throw new ApiException(500, "internal_error", "Keys cannot be checked now; try again later");
        }
        if (check.refusal().isPresent()) {
            LOG.debugf("standard-covoiturage refused (%s) from %s", check.refusal().get(), caller);
            throw new ApiException(401, check.refusal().get().rdexName, check.refusal().get().message);
        }
        return new Authenticated(check.caller().orElseThrow(), caller);
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
