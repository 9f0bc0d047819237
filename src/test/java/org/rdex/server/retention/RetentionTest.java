package org.rdex.server.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.rdex.server.contact.Outbox;
import org.rdex.server.support.Cli;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class RetentionTest {

    @Inject
    DataSource dataSource;
    @Inject
    Outbox outbox;

    /** Inserted directly: retention acts on ages (received 60 days ago) that no API call can give a message. */
    private long message(String state, String deliveredAgo, String nextAttemptAgo) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into contact_message (journey_uuid, key_id, sender_pseudonym, sender_email, site, message,
                    caller_ip, received_at, state, attempts, next_attempt_at, delivered_at)
                values ('retention-j', 'k1', 'alice', 'alice@example.org', 'site.example', 'Hello, I am Alice',
                    '127.0.0.1', now() - interval '60 days', ?, 3, now() - cast(? as interval),
                    now() - cast(? as interval)) returning id""")) {
            ps.setString(1, state);
            ps.setString(2, nextAttemptAgo);
            ps.setString(3, deliveredAgo);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<String> row(long id) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select state, message, sender_email, sender_pseudonym, purged_at is not null from contact_message where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                List<String> out = new ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    out.add(rs.getString(i));
                }
                return out;
            }
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }

    @Test
    void a_purge_removes_old_texts_and_senders_and_keeps_the_counts() throws Exception {
        long oldDelivered = message("DELIVERED", "31 days", "31 days");
        long recentDelivered = message("DELIVERED", "1 day", "1 day");
        long oldFailed = message("FAILED", "0 days", "40 days");
        long recentFailed = message("FAILED", "0 days", "2 days");
        long oldPending = message("PENDING", "0 days", "45 days");
        execute("update contact_message set delivered_at = null where state <> 'DELIVERED'");
        execute("""
                insert into contact_outbound (journey_uuid, sender_email, outcome, duration_ms, created_at) values
                ('retention-o', 'bob@example.org', 'sent', 5, now() - interval '40 days'),
                ('retention-o', 'bob@example.org', 'sent', 5, now() - interval '1 day')""");
        Map<String, Long> before = outbox.counts();

        Cli.Run run = Cli.run(PurgeCommand.class);
        assertEquals(0, run.exit(), run.err());

        assertEquals(before, outbox.counts(), "counts per state stay");
        assertEquals(List.of("DELIVERED", "", "", "", "t"), row(oldDelivered));
        assertEquals(List.of("FAILED", "", "", "", "t"), row(oldFailed));
        assertEquals(List.of("DELIVERED", "Hello, I am Alice", "alice@example.org", "alice", "f"), row(recentDelivered));
        assertEquals(List.of("FAILED", "Hello, I am Alice", "alice@example.org", "alice", "f"), row(recentFailed));
        assertEquals(List.of("PENDING", "Hello, I am Alice", "alice@example.org", "alice", "f"), row(oldPending),
                "a message still to deliver is never purged");
        assertEquals(1, count("select count(*) from contact_outbound where journey_uuid = 'retention-o'"),
                "outbound-call records older than their limit are deleted");
        assertEquals(0, count("select count(*) from contact_message where purged_at is null and message = ''"));
    }

    private static final String PRIVATE_STATISTICS = """
            select count(*) from pg_stats where schemaname = current_schema()
              and (tablename = 'contact_message' and attname in ('message', 'sender_email', 'sender_pseudonym', 'caller_ip')
                or tablename = 'contact_outbound' and attname = 'sender_email')""";

    @Test
    void a_purge_leaves_no_purged_text_in_the_statistics_or_the_table_files() throws Exception {
        for (int i = 0; i < 3; i++) {
            message("DELIVERED", "31 days", "31 days");
        }
        execute("""
                insert into contact_outbound (journey_uuid, sender_email, outcome, duration_ms, created_at) values
                ('retention-s', 'bob@example.org', 'sent', 5, now() - interval '40 days'),
                ('retention-s', 'bob@example.org', 'sent', 5, now() - interval '40 days')""");
        // What autovacuum does on its own when the table has changed enough.
        execute("analyze contact_message");
        execute("analyze contact_outbound");
        assertEquals(0, count(PRIVATE_STATISTICS), "no statistics on the private columns");
        assertEquals(1, count("select count(*) from pg_stats where tablename = 'contact_message' and attname = 'state'"),
                "ANALYZE did run");
        long messages = count("select pg_relation_filenode('contact_message')");
        long outbound = count("select pg_relation_filenode('contact_outbound')");

        Cli.Run run = Cli.run(PurgeCommand.class);
        assertEquals(0, run.exit(), run.err());

        assertEquals(0, count("select count(*) from contact_message where purged_at is not null and message <> ''"));
        // The rewrite gives a table a new file: the one holding the old row versions is gone.
        assertNotEquals(messages, count("select pg_relation_filenode('contact_message')"));
        assertNotEquals(outbound, count("select pg_relation_filenode('contact_outbound')"));
        execute("analyze contact_message");
        assertEquals(0, count(PRIVATE_STATISTICS));
    }
}
