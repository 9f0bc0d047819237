package org.rdex.server.contact;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Readiness {@code rdex-relay}: DOWN, with the reason, when no relay channel can deliver ({@link RelayChannel}). */
@Readiness
@ApplicationScoped
public class RelayChannelCheck implements HealthCheck {

    @Inject
    RelayConfig config;
    @Inject
    RelayChannel channel;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("rdex-relay");
        if (!config.enabled()) {
            return response.up().withData("relay", "off on this instance").build();
        }
        return channel.problem().map(p -> response.down().withData("reason", p).build())
                .orElseGet(() -> response.up().withData("channel", channel.describe()).build());
    }
}
