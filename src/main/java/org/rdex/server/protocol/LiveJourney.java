package org.rdex.server.protocol;

import org.rdex.server.search.SearchResult;

/**
 * A journey read from a partner's live answer: the item our platform sees, and what a later contact needs
 * that the item does not show (the partner's id of its user, and that user's role).
 *
 * @param recipientId    the partner's id of the journey's author (RDEX 1.2 {@code driver.uuid}, standard
 *                       {@code driver.id}), or null when the answer had none
 * @param recipientRole  {@code DRIVER} or {@code PASSENGER}: the author's role on this journey
 * @param recipientAlias the author's alias in the answer (standard-covoiturage's {@code to.alias})
 * @param operator       the operator the answer named (standard: its domain; {@code to.operator})
 */
public record LiveJourney(SearchResult.Item item, String recipientId, String recipientRole, String recipientAlias,
        String operator) {
}
