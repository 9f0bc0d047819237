package org.rdex.server.common;

import java.sql.Connection;

import javax.sql.DataSource;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code rdex-database}: DOWN at once while the database is known to be down (with since when and why), else
 * one pool connection checked. A resource PostgreSQL lacked lately (disk full, out of memory, too many
 * connections) is a detail, not DOWN: reads still work, and with a shared database every instance would
 * leave the load balancer at once.
 */
@Readiness
@ApplicationScoped
public class DatabaseStateHealthCheck implements HealthCheck {

    @Inject
    DatabaseState state;
    @Inject
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rdex-database");
        state.recentShortage().ifPresent(s -> response.withData("resourceShortage", s.describe())
                .withData("resourceShortageAt", state.shortageAt().map(Object::toString).orElse("")));
        if (!state.down()) {
            try (Connection c = dataSource.getConnection()) {
                if (c.isValid(2)) {
                    return response.up().build();
                }
                state.outage("connection not valid");
            } catch (Exception e) {
                if (state.failed(e).isEmpty()) {
                    return response.down().withData("error", e.getClass().getSimpleName()).build();
                }
            }
        }
        state.downSince().ifPresent(since -> response.withData("downSince", since.toString()));
        state.downCause().ifPresent(cause -> response.withData("cause", cause));
        return response.down().build();
    }
}
