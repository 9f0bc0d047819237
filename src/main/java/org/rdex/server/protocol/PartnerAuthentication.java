package org.rdex.server.protocol;

import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.rdex.server.common.IpRange;
import org.rdex.server.key.KeyCheck;
import org.rdex.server.key.KeyVerifier;
import org.rdex.server.key.SigningKeys;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Which partner is calling, for every protocol we serve: a key issued with {@code keys issue}, not revoked nor
 * expired, used from one of its addresses, over HTTPS. Each protocol extracts its own credentials (a form field,
 * a query pair, a header) and writes its own error body from the {@link Denial}; this class owns the checks.
 */
@ApplicationScoped
public class PartnerAuthentication {

    @Inject
    KeyVerifier keys;
    @Inject
    SigningKeys signingKeys;
    @Inject
    CallerAddresses addresses;

    /** Why a request is not let in, for the protocol to turn into its own error. */
    public enum Denial {
        /** Plain HTTP. */
        INSECURE(null),
        /** The key store cannot be read now. */
        UNAVAILABLE(null),
        MISSING(KeyCheck.Refusal.MISSING),
        UNKNOWN(KeyCheck.Refusal.UNKNOWN),
        WRONG_IP(KeyCheck.Refusal.WRONG_IP),
        REVOKED(KeyCheck.Refusal.REVOKED),
        EXPIRED(KeyCheck.Refusal.EXPIRED);

        private final KeyCheck.Refusal refusal;

        Denial(KeyCheck.Refusal refusal) {
            this.refusal = refusal;
        }

        /** The key's refusal (status, RDEX name, message), empty for {@link #INSECURE} and {@link #UNAVAILABLE}. */
        public Optional<KeyCheck.Refusal> keyRefusal() {
            return Optional.ofNullable(refusal);
        }

        static Denial of(KeyCheck.Refusal refusal) {
            return valueOf(refusal.name());
        }
    }

    /** A key's check: the caller, or why it is refused. */
    public record Outcome(Optional<Caller> caller, Optional<Denial> denial) {

        static Outcome of(KeyCheck check, InetAddress address) {
            return new Outcome(check.caller().map(c -> toCaller(c, address)), check.refusal().map(Denial::of));
        }

        /** The caller, or the exception {@code refuse} makes of the denial. */
        public Caller orThrow(Function<Denial, ? extends RuntimeException> refuse) {
            if (caller.isPresent()) {
                return caller.get();
            }
            throw refuse.apply(denial.orElseThrow());
        }
    }

    /** A signing key's check (RDEX 1.2): the outcome and, when accepted, the private half to check signatures with. */
    public record Signed(Outcome outcome, String privateHalf) {

        @Override
        public String toString() {
            return "Signed[" + outcome + "]";
        }
    }

    /**
     * The one call for a protocol that takes a key: HTTPS, then the caller's address, then {@code key} (read only
     * once the request is known secure, so that its own refusal comes after HTTPS's), then the key's check.
     */
    public Caller authenticate(HttpServerRequest request, Supplier<String> key,
            Function<Denial, ? extends RuntimeException> refuse) {
        InetAddress peer = peer(request);
        if (!secure(request, peer)) {
            throw refuse.apply(Denial.INSECURE);
        }
        InetAddress address = address(request, peer);
        return byKey(key.get(), address).orThrow(refuse);
    }

    /** The socket's peer, null when unknown. */
    public InetAddress peer(HttpServerRequest request) {
        return request.remoteAddress() == null || request.remoteAddress().hostAddress() == null
                ? null : IpRange.literal(request.remoteAddress().hostAddress()).orElse(null);
    }

    public boolean secure(HttpServerRequest request, InetAddress peer) {
        return addresses.secure(request.isSSL(), peer, request.headers().getAll("X-Forwarded-Proto"));
    }

    /** The caller's address as keys are checked against it. */
    public InetAddress address(HttpServerRequest request, InetAddress peer) {
        return addresses.resolve(peer, request.headers().getAll("X-Forwarded-For"));
    }

    /** Checks a key (its full form) against the store; a store that cannot be read is {@link Denial#UNAVAILABLE}. */
    public Outcome byKey(String key, InetAddress address) {
        try {
            return Outcome.of(keys.verify(key, address), address);
        } catch (KeyVerifier.KeyStoreUnavailableException e) {
            return new Outcome(Optional.empty(), Optional.of(Denial.UNAVAILABLE));
        }
    }

    /** The check of a key from memory alone, empty when the store must be read (off the event loop). */
    public Optional<Outcome> byKeyCached(String key, InetAddress address) {
        return keys.verifyCached(key, address).map(check -> Outcome.of(check, address));
    }

    /** Checks a signing key presented by its public half (RDEX 1.2's {@code apikey}). */
    public Signed bySigningKey(String publicHalf, InetAddress address) {
        SigningKeys.Signing signing;
        try {
            signing = signingKeys.verify(publicHalf, address);
        } catch (KeyVerifier.KeyStoreUnavailableException | IllegalStateException e) {
            return new Signed(new Outcome(Optional.empty(), Optional.of(Denial.UNAVAILABLE)), null);
        }
        return new Signed(Outcome.of(signing.check(), address), signing.privateHalf());
    }

    private static Caller toCaller(KeyCheck.Caller c, InetAddress address) {
        return new Caller(c.keyId(), c.partnerId(), c.partnerName(), c.sites(), address);
    }
}
