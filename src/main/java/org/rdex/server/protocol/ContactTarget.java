package org.rdex.server.protocol;

/**
 * Whom a relayed contact is for: the partner's journey {@code uuid} and, when a live answer showed it, the
 * recipient's id, role ({@code DRIVER}/{@code PASSENGER}), alias and operator as the partner gave them.
 */
public record ContactTarget(String uuid, String recipientId, String recipientRole, String recipientAlias,
        String recipientOperator) {

    /** True unless the recipient is known to be the passenger: a journey offered is a driver's by default. */
    public boolean toDriver() {
        return !"PASSENGER".equals(recipientRole);
    }
}
