package org.rdex.server.db;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/** The embedded PostgreSQL as the supervisor sees it: running, or down since when, and how often restarted. */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        EmbeddedDatabase.Status status = EmbeddedDatabase.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rdex-embedded-postgresql")
                .withData("role", status.role().name());
        if (status.role() == EmbeddedDatabase.Role.NONE) {
            return response.up().build();
        }
        response.withData("port", status.port()).withData("restarts", status.restarts());
        if (status.lastRestart() != null) {
            response.withData("lastRestart", status.lastRestart().toString());
        }
        if (status.downSince() != null) {
            response.withData("downSince", status.downSince().toString());
        }
        return response.status(status.running()).build();
    }
}
