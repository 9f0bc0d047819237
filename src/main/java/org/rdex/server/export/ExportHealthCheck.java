package org.rdex.server.export;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Ready when the published file can be read. No file yet is still ready (the first export may be
 * running); the details say what partners get.
 */
@Readiness
@ApplicationScoped
public class ExportHealthCheck implements HealthCheck {

    @Inject
    ExportStore store;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rdex-export");
        try {
            return store.current()
                    .map(p -> response.up().withData("journeys", p.journeys()).withData("bytes", p.bytes())
                            .withData("publishedAt", p.publishedAt().toString()).build())
                    .orElseGet(() -> response.up().withData("published", false).build());
        } catch (RuntimeException e) {
            return response.down().withData("error", "published file unreadable").build();
        }
    }
}
