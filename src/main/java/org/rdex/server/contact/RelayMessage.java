package org.rdex.server.contact;

import java.time.Instant;
import java.time.LocalDate;

/** A claimed message with what its delivery needs: the sender, the message and our journey's summary. */
public record RelayMessage(long id, int attempts, Instant receivedAt, String senderPseudonym, String senderEmail,
        String site, String message, String partnerName, String journeyUuid, String journeyExternalId,
        String ownerRef, String ownerEmail, String fromLocation, String toLocation, LocalDate date,
        boolean punctual, String journeyUrl) {

    /** Idempotency key of every delivery attempt of this message: the platform de-duplicates on it. */
    public String idempotencyKey() {
        return "rdex-contact-" + id;
    }

    public boolean journeyKnown() {
        return journeyExternalId != null;
    }

    /** One line: where from, where to, when. */
    public String journeySummary() {
        if (!journeyKnown()) {
            return "journey " + journeyUuid + " (since deleted)";
        }
        return fromLocation + " → " + toLocation + (punctual && date != null ? ", " + date : ", regular");
    }
}
