package org.rdex.server.rdex;

import org.rdex.server.model.SharedJourney;
/**
 * What {@link RdexReader} says about one {@code <journey>}: accepted with its values, or
 * rejected with a human-readable reason. A rejection never stops the reading of a file.
 */
public sealed interface RdexReadResult permits RdexReadResult.Accepted, RdexReadResult.Rejected {

    /** A journey that passed every check. */
    record Accepted(SharedJourney journey) implements RdexReadResult {
    }

    /**
     * A journey that was skipped.
     *
     * @param uuid   the journey's uuid, or null if it had none
     * @param reason why it was refused, e.g. "missing url; bad coords in from"
     */
    record Rejected(String uuid, String reason) implements RdexReadResult {
    }
}
