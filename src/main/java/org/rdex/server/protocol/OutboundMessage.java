package org.rdex.server.protocol;

/**
 * A message of one of our users to a partner's user, as relayed: the sender's pseudonym and address, the text
 * (already signed with both), our site (the sender's origin/operator domain) and our operator name.
 */
public record OutboundMessage(String pseudonym, String email, String text, String site, String operator) {
}
