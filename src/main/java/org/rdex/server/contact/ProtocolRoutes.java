package org.rdex.server.contact;

import java.time.Duration;
import java.util.Optional;

/**
 * Contacts that go through a partner's live protocol (RDEX 1.2 or standard-covoiturage) instead of RDEX 1.0.
 * Declared here and implemented by the live-protocol feature, so that contact does not depend on it.
 */
public interface ProtocolRoutes {

    /** Where a contact goes: the partner, the protocol, the journey. */
    interface Route {
        long partnerId();

        String partnerName();

        /** Lower-case protocol name, for the log and the outbox ({@code rdex12}, {@code standard}). */
        String protocol();

        String uuid();
    }

    /**
     * What the partner did: {@code status} (null when it never answered), the RDEX error {@code name} its body
     * gave, its {@code Retry-After}; {@code timedOut} when it was too slow; {@code error} a short description
     * of a failure without an answer.
     */
    record Exchange(Integer status, String errorName, String retryAfter, boolean timedOut, String error) {
    }

    /**
     * The live route of a contact to journey {@code uuid} (of {@code partnerName} when given); empty for an
     * RDEX 1.0 contact (or a journey not found).
     */
    Optional<Route> route(String uuid, String partnerName);

    /**
     * Sends the message and waits for the partner's answer, {@code timeout} at most.
     *
     * @param route    a route this same service returned
     * @param site     our site, the sender's {@code origin} / {@code operator} domain
     * @param operator our operator name (RDEX 1.2 {@code operator})
     */
    Exchange send(Route route, String pseudonym, String email, String message, String site, String operator,
            Duration timeout);
}
