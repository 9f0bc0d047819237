package org.rdex.server.contact;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiException;
import org.rdex.server.key.KeyCheck;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Stores an inbound message: one statement that both finds the journey (ours, still valid) and inserts
 * the outbox row, committed before we answer. Plain JDBC: this is the hot path of the contact API.
 */
@ApplicationScoped
public class ContactStore {

    private static final Logger LOG = Logger.getLogger(ContactStore.class);
    static final String INSERT = """
            insert into contact_message (journey_id, journey_uuid, partner_id, key_id, sender_pseudonym,
                                         sender_email, site, message, caller_ip)
            select j.id, j.uuid, ?, ?, ?, ?, ?, ?, ? from journey j
            where coalesce(j.partner_id, 0) = 0 and j.uuid = ? and j.active_to >= current_date
            returning id""";

    @Inject
    DataSource dataSource;

    /** The new message's id, or empty when no own, still valid journey has that uuid. 503 when the database fails. */
    public Optional<Long> store(KeyCheck.Caller caller, ContactForm.Message message, String callerIp) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                statement.setLong(1, caller.partnerId());
                statement.setString(2, caller.keyId());
                statement.setString(3, message.pseudonym());
                statement.setString(4, message.email());
                statement.setString(5, message.site());
                statement.setString(6, message.text());
                statement.setString(7, callerIp);
                statement.setString(8, message.journeyId());
                Optional<Long> id;
                try (ResultSet rs = statement.executeQuery()) {
                    id = rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
                if (!autoCommit) {
                    connection.commit();
                }
                return id;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    static ApiException unavailable(SQLException e) {
        LOG.errorf("Contact message not stored, database unavailable: %s (SQLState %s)", e.getClass().getSimpleName(),
                e.getSQLState());
        return new ApiException(503, "service_unavailable", "The message could not be stored; try again later",
                java.util.List.of(), Map.of("Retry-After", "5"));
    }
}
