package org.rdex.server.common;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells a failure caused by the database being unreachable (stopped, restarting, refusing connections, pool
 * exhausted waiting for it) from a bug. The first is answered 503 with {@code Retry-After}: the client may
 * try again shortly; the second stays a 500. PostgreSQL out of a resource (SQLState class 53: disk full, out of
 * memory, too many connections) is answered 503 too: it is the server's state, not the request's fault, and
 * the same request may succeed once the operator has made room.
 */
public final class DatabaseOutage {

    /** PostgreSQL's "shutting down", "crashed", "starting up" states; class 08 is every connection exception. */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

    private DatabaseOutage() {
    }

    /** PostgreSQL lacked a resource: its SQLState, in class 53 ("insufficient resources"). */
    public record Shortage(String sqlState) {

        /** What ran out, in an operator's words, with the SQLState to search for. */
        public String describe() {
            String words = switch (sqlState) {
                case "53100" -> "disk full";
                case "53200" -> "out of memory";
                case "53300" -> "too many connections";
                case "53400" -> "configuration limit exceeded";
                default -> "insufficient resources";
            };
            return words + " (SQLState " + sqlState + ")";
        }
    }

    /** The resource PostgreSQL lacked, if {@code failure} or any of its causes says so. */
    public static Optional<Shortage> shortage(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof SQLException sql) {
                // Batches chain their failures; a few links are enough and a cycle must not loop.
                SQLException e = sql;
                for (int i = 0; e != null && i < 8; i++, e = e.getNextException()) {
                    if (e.getSQLState() != null && e.getSQLState().startsWith("53")) {
                        return Optional.of(new Shortage(e.getSQLState()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The failure, its causes, and what was suppressed along the way: a failed commit carries the database's
     * own error (a full disk's 53100 when the WAL cannot grow) as a suppressed exception of the XA layer.
     */
    static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Deque<Throwable> next = new ArrayDeque<>();
        if (failure != null) {
            next.add(failure);
        }
        while (!next.isEmpty() && chain.size() < 32) {
            Throwable t = next.poll();
            if (seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            chain.add(t);
            if (t.getCause() != null) {
                next.add(t.getCause());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                next.add(suppressed);
            }
        }
        return chain;
    }

    /** Whether {@code failure}, or any of its causes, says the database cannot be reached. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (is(t)) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getNextException() != null && is(sql.getNextException())) {
                return true;
            }
        }
        return false;
    }

    private static boolean is(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof JDBCConnectionException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && (state.startsWith("08") || SHUTDOWN_STATES.contains(state))) {
                return true;
            }
            // Agroal's pool timeout has no SQLState: every connection is gone or being re-established.
            String message = sql.getMessage();
            return message != null && message.contains("acquisition timeout");
        }
        return false;
    }

    /** The 503 answered for an outage. */
    public static ApiException unavailable(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ApiException(503, "service_unavailable", "The service is temporarily unavailable; try again later",
                List.of(), Map.of("Retry-After", Long.toString(seconds)));
    }
}
