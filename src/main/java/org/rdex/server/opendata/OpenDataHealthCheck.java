package org.rdex.server.opendata;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import org.rdex.server.common.DatabaseState;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The open data's state in the health details: the public file and the last push to data.gouv.fr. Always up:
 * a failed push does not stop the server from serving partners; it shows here, in metrics and the admin API.
 */
@Readiness
@ApplicationScoped
public class OpenDataHealthCheck implements HealthCheck {

    @Inject
    OpenDataFeeds feeds;
    @Inject
    OpenDataStore store;
    @Inject
    DataGouvPush push;
    @Inject
    DatabaseState database;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rdex-opendata").up()
                .withData("enabled", feeds.enabled());
        if (!feeds.enabled()) {
            return response.build();
        }
        if (database.down()) {
            // Answered at once during an outage rather than after the pool's timeout.
            return response.withData("error", "database unavailable").build();
        }
        try {
            feeds.publicFeed().ifPresentOrElse(f -> response.withData("publicFile.journeys", f.journeys())
                    .withData("publicFile.rotatedIds", f.rotated())
                    .withData("publicFile.generatedAt", f.generatedAt().toString()),
                    () -> response.withData("publicFile", "none yet"));
            response.withData("push.configured", push.configured());
            store.lastPush().ifPresent(p -> {
                response.withData("push.state", p.state()).withData("push.attempts", p.attempts())
                        .withData("push.updatedAt", p.updatedAt().toString());
                if (p.httpStatus() != null) {
                    response.withData("push.httpStatus", p.httpStatus());
                }
                if (p.message() != null) {
                    response.withData("push.message", p.message());
                }
            });
        } catch (RuntimeException e) {
            response.withData("error", "open data state unreadable");
        }
        return response.build();
    }
}
