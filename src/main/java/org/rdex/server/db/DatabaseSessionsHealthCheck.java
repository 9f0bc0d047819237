package org.rdex.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.rdex.server.common.DatabaseConfig;
import org.rdex.server.common.DatabaseState;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Readiness sees what stops the server from serving while PostgreSQL itself runs: a pool that cannot hand out a
 * connection (within the pool's acquisition timeout), or a backend of ours holding a lock for longer than
 * {@code rdex.database.readiness.max-lock-held}, which blocks every import behind it. The import's and the
 * export's own transactions ({@link SessionLimits#longJob}) are not counted: their timeouts bound them.
 */
@Readiness
@ApplicationScoped
public class DatabaseSessionsHealthCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseSessionsHealthCheck.class);

    /**
     * Backends of this database and user, other than this one and the long jobs, holding a granted lock on a
     * relation, by how long their transaction (or statement, outside one) has lasted.
     */
    static final String LOCK_HOLDERS = "select count(*), coalesce(extract(epoch from max(now() - coalesce(a.xact_start,"
            + " a.query_start))), 0) from pg_stat_activity a where a.datname = current_database()"
            + " and a.usename = current_user and a.pid <> pg_backend_pid()"
            + " and a.application_name not like '" + SessionLimits.LONG_JOB_PREFIX + "%'"
            + " and coalesce(a.xact_start, a.query_start) < now() - make_interval(secs => ?)"
            + " and exists (select 1 from pg_locks l where l.pid = a.pid and l.granted and l.locktype = 'relation')";

    @Inject
    DataSource dataSource;
    @Inject
    DatabaseConfig config;
    @Inject
    DatabaseState state;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rdex-database-sessions");
        long limit = config.readiness().maxLockHeld().toSeconds();
        if (state.down()) {
            // rdex-database already says why; asking the pool now would wait its whole acquisition timeout.
            return response.withData("pool", "database down").down().build();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(LOCK_HOLDERS)) {
            ps.setLong(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long holders = rs.getLong(1);
                long longest = (long) rs.getDouble(2);
                response.withData("pool", "ok").withData("lockHoldersOverLimit", holders);
                if (holders > 0) {
                    LOG.warnf("%d database session(s) hold a lock for more than %ds (longest %ds)", holders, limit,
                            longest);
                    return response.withData("longestLockHeldSeconds", longest).down().build();
                }
                return response.up().build();
            }
        } catch (SQLException | RuntimeException e) {
            // The pool is exhausted or the database unreachable: not ready either way. The message stays in the log.
            LOG.warnf("Readiness: no database connection: %s", e.getMessage());
            return response.withData("pool", "no connection").down().build();
        }
    }
}
