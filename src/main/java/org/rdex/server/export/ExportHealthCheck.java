package org.rdex.server.export;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import org.rdex.server.common.DatabaseState;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Ready when the published file can be read. No file yet is still ready (the first export may be
 * running); the details say what partners get. Too little free space for the next export is a
 * {@code warning} detail, not DOWN: the published file is still served.
 */
@Readiness
@ApplicationScoped
public class ExportHealthCheck implements HealthCheck {

    @Inject
    ExportStore store;
    @Inject
    ExportSpace space;
    @Inject
    DatabaseState database;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rdex-export");
        if (database.down()) {
            return response.down().withData("error", "database unavailable").build();
        }
        try {
            return store.current()
                    .map(p -> {
                        response.up().withData("journeys", p.journeys()).withData("bytes", p.bytes())
                                .withData("publishedAt", p.publishedAt().toString());
                        space.estimate(p.bytes()).ifPresent(e -> {
                            response.withData("freeBytes", e.free()).withData("nextExportNeedsBytes", e.needed());
                            if (e.low()) {
                                response.withData("warning", e.warning());
                            }
                        });
                        return response.build();
                    })
                    .orElseGet(() -> response.up().withData("published", false).build());
        } catch (RuntimeException e) {
            return response.down().withData("error", "published file unreadable").build();
        }
    }
}
