package org.rdex.server.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.rdex.server.db.Instances;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A message claimed by an instance that stopped beating is due again at once, not after its lease; one claimed
 * by a live instance keeps its lease. Redelivery keeps the message's id, hence its idempotency key.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class StaleClaimTest {

    @Inject
    Outbox outbox;
    @Inject
    Instances instances;
    @Inject
    DataSource dataSource;

    @Test
    void releases_the_claims_of_an_instance_whose_heartbeat_is_stale_and_only_those() throws SQLException {
        String dead = ContactFixtures.unique("dead");
        String live = ContactFixtures.unique("live");
        try (Connection c = dataSource.getConnection()) {
            execute(c, "insert into instance_heartbeat (instance_id, host, pid, beat_at) values (?, 'h', 1, now() - interval '1 hour')", dead);
            execute(c, "insert into instance_heartbeat (instance_id, host, pid, beat_at) values (?, 'h', 2, now())", live);
            long ofDead = sending(c, dead);
            long ofLive = sending(c, live);
            long ofGone = sending(c, ContactFixtures.unique("never-beat"));
            // This instance's own claim, no longer being delivered (its outcome was not recorded).
            long ofMine = sending(c, instances.id());

            assertTrue(outbox.releaseStale(c) >= 3);

            assertTrue(due(c, ofDead), "claim of a stale instance released");
            assertTrue(due(c, ofGone), "claim of an instance without heartbeat released");
            assertTrue(due(c, ofMine), "own claim no delivery holds released");
            assertEquals(false, due(c, ofLive), "claim of a live instance kept");
            execute(c, "update contact_message set state = 'DELIVERED' where id in (?, ?, ?, ?)", ofDead, ofLive, ofGone, ofMine);
        }
        try (Connection c = dataSource.getConnection()) {
            instances.beat(c);
            assertTrue(ContactFixtures.count("select count(*) from instance_heartbeat where instance_id = ? and beat_at > now() - interval '5 seconds'",
                    instances.id()) == 1, "this instance beats");
        }
    }

    private static long sending(Connection c, String claimedBy) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into contact_message (journey_uuid, key_id, sender_pseudonym, sender_email, site, message, caller_ip,
                    state, attempts, next_attempt_at, lease_until, claimed_by)
                values ('stale-claim', 'k', 'p', 'p@example.org', 'example.org', 'm', '127.0.0.1', 'SENDING', 1,
                    now() + interval '2 minutes', now() + interval '2 minutes', ?) returning id""")) {
            ps.setString(1, claimedBy);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static boolean due(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select next_attempt_at <= now() from contact_message where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
