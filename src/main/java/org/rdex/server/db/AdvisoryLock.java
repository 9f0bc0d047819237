package org.rdex.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

/**
 * A job that runs on one instance at a time among all those sharing the database: a session-level
 * PostgreSQL advisory lock, held on its own connection for the duration of the work. Another instance
 * (or another run here) that finds it taken skips rather than waits.
 */
public final class AdvisoryLock {

    /** Keys of the server's jobs; one per job, in a range of their own ("RDEX" in the high bytes). */
    public static final long EXPORT = 0x5244_4558_0000_0001L;
    public static final long IMPORT = 0x5244_4558_0000_0002L;

    private AdvisoryLock() {
    }

    /** Runs {@code work} if the lock is free; empty when another holder has it. */
    public static <T> Optional<T> ifFree(DataSource dataSource, long key, Supplier<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!call(c, "select pg_try_advisory_lock(?)", key)) {
                return Optional.empty();
            }
            try {
                return Optional.of(work.get());
            } finally {
                call(c, "select pg_advisory_unlock(?)", key);
            }
        }
    }

    private static boolean call(Connection c, String sql, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
