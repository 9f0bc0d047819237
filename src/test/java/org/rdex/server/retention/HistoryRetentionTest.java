package org.rdex.server.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class HistoryRetentionTest {

    @Inject
    DataSource dataSource;
    @Inject
    RetentionService retention;

    private void execute(String sql, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private long count(String sql, Object arg) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Inserted directly: the purge acts on ages (100 days) that no call can give a row. */
    @Test
    void the_purge_deletes_history_and_audit_older_than_rdex_history_keep_and_keeps_the_rest() throws Exception {
        String partner = "hret-" + UUID.randomUUID().toString().substring(0, 8);
        for (String age : new String[] {"100 days", "10 days"}) {
            execute("insert into history_live_call (hour, partner, protocol, outcome, calls) values"
                    + " (date_trunc('hour', now() - cast(? as interval)), ?, 'rdex12', 'ok', 1)", age, partner);
            execute("insert into history_key_refusal (hour, key_id, partner, reason, calls) values"
                    + " (date_trunc('hour', now() - cast(? as interval)), 'k', ?, 'wrong_ip', 1)", age, partner);
            execute("insert into audit_entry (at, actor, action, partner) values (now() - cast(? as interval),"
                    + " 'cli', 'partner.add', ?)", age, partner);
        }
        RetentionService.Purge purge = retention.runIfFree().orElseThrow();
        assertTrue(purge.historyRowsDeleted() >= 2 && purge.auditEntriesDeleted() >= 1, purge.describe());
        assertEquals(1, count("select count(*) from history_live_call where partner = ?", partner));
        assertEquals(1, count("select count(*) from history_key_refusal where partner = ?", partner));
        assertEquals(1, count("select count(*) from audit_entry where partner = ?", partner));
        assertEquals(1, count("select count(*) from audit_entry where partner = ? and at > now() - interval '11 days'",
                partner));
    }
}
