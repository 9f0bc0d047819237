package org.rdex.server.contact;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;
import org.rdex.server.support.ServerTestBase;

import io.quarkus.test.junit.QuarkusTest;

/** {@code POST /admin/messages/{id}/drop|retry}: what the console's relay page does, for scripts. */
@QuarkusTest
class RelayAdminRetryDropTest extends ServerTestBase {

    @Test
    void drops_a_waiting_message_then_queues_it_again_and_refuses_what_does_not_apply() throws Exception {
        long id = waiting("admin-drop-journey");

        admin().when().post("/admin/messages/" + id + "/drop").then().statusCode(200).body("state", is("dropped"));
        assertEquals("FAILED dropped by the operator", state(id));
        admin().when().post("/admin/messages/" + id + "/drop").then().statusCode(409);

        admin().when().post("/admin/messages/" + id + "/retry").then().statusCode(200).body("state", is("retried"));
        assertEquals("PENDING dropped by the operator", state(id));
        admin().when().post("/admin/messages/not-a-number/retry").then().statusCode(404);
        admin().when().post("/admin/messages/" + Long.MAX_VALUE + "/drop").then().statusCode(409);
    }

    /** A message waiting out a back-off: no call makes one, and the relay does not run in tests. */
    private long waiting(String journey) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into contact_message (journey_uuid, key_id, sender_pseudonym, sender_email, site, message,
                    caller_ip, state, attempts, last_error, next_attempt_at)
                values (?, 'k', 'eve', 'eve@example.org', 'relay.example', 'Words of Eve', '127.0.0.1', 'PENDING', 2,
                    'SMTP 451 try later', now() + interval '2 hours') returning id""")) {
            ps.setString(1, journey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String state(long id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select state, last_error from contact_message where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) + " " + rs.getString(2);
            }
        }
    }
}
