package org.rdex.server.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class FailuresUnitTest {

    @Test
    void names_the_root_cause_of_a_full_disk_in_words() {
        IOException disk = new FileSystemException("/data/export/run-1.xml.gz: No space left on device");
        String words = Failures.describe(new UncheckedIOException("write failed", disk));
        assertEquals("/data/export/run-1.xml.gz: No space left on device (FileSystemException)", words);
    }

    @Test
    void leads_with_what_postgresql_lacked_and_keeps_one_line() {
        SQLException full = new SQLException("ERROR: could not extend file \"base/5/16390\": No space left on device\n"
                + "  Hint: Check free disk space.", "53100");
        String words = Failures.describe(new IllegalStateException(full));
        assertEquals("disk full (SQLState 53100): could not extend file \"base/5/16390\": No space left on device"
                + " (SQLException 53100)", words);
        assertTrue(!words.contains("\n"));
    }

    @Test
    void finds_a_full_disk_hidden_in_a_suppressed_exception_of_a_failed_commit() {
        // As seen under a full disk: PostgreSQL PANICs writing its WAL, and the commit's XAException keeps the
        // database's error as a suppressed exception of an undeclared-throwable wrapper.
        Exception commit = new IllegalStateException("Error invoking subclass method");
        Exception xa = new Exception("Error trying to transactionCommit local transaction",
                new SQLException("PANIC: could not write to file \"pg_wal/xlogtemp.1\": No space left on device", "53100"));
        commit.addSuppressed(xa);
        assertEquals("disk full (SQLState 53100)", DatabaseOutage.shortage(commit).orElseThrow().describe());
    }

    @Test
    void tells_resource_shortages_from_outages_and_from_bugs() {
        assertEquals("out of memory (SQLState 53200)",
                DatabaseOutage.shortage(new SQLException("out of memory", "53200")).orElseThrow().describe());
        assertEquals("too many connections (SQLState 53300)",
                DatabaseOutage.shortage(new RuntimeException(new SQLException("sorry", "53300"))).orElseThrow().describe());
        assertTrue(DatabaseOutage.shortage(new SQLException("duplicate key", "23505")).isEmpty());
        assertTrue(DatabaseOutage.isCause(new SQLException("refused", "08001")));
    }
}
