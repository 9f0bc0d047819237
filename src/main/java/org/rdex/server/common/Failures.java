package org.rdex.server.common;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A failure in an operator's words, for what a job records and shows (export runs, the console, the CLI):
 * the root cause's own message, such as "No space left on device", rather than the class of the exception
 * that carried it. Never for API clients, who get the fixed error body.
 */
public final class Failures {

    private static final int MAX = 300;

    private Failures() {
    }

    /**
     * The deepest cause that has a message, its first line without PostgreSQL's "ERROR: " prefix, then its class
     * (and SQLState); led by what PostgreSQL lacked when it says so ("disk full (SQLState 53100): ...").
     */
    public static String describe(Throwable failure) {
        Throwable described = failure;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                described = t;
            }
        }
        String message = described.getMessage() == null ? "" : firstLine(described.getMessage());
        StringBuilder words = new StringBuilder();
        DatabaseOutage.shortage(failure).ifPresent(s -> words.append(s.describe()).append(": "));
        words.append(message.isEmpty() ? described.getClass().getSimpleName() : message);
        if (!message.isEmpty()) {
            words.append(" (").append(described.getClass().getSimpleName());
            if (described instanceof SQLException sql && sql.getSQLState() != null) {
                words.append(' ').append(sql.getSQLState());
            }
            words.append(')');
        }
        return words.length() <= MAX ? words.toString() : words.substring(0, MAX - 3) + "...";
    }

    private static String firstLine(String message) {
        String line = message.strip();
        int end = line.indexOf('\n');
        line = end < 0 ? line : line.substring(0, end).strip();
        return line.startsWith("ERROR: ") ? line.substring("ERROR: ".length()) : line;
    }
}
