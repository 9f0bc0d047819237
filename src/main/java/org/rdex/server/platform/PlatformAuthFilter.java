package org.rdex.server.platform;

import java.util.Optional;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.rdex.server.common.ApiError;
import org.rdex.server.common.BearerToken;
import org.rdex.server.common.RuntimeSettings;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Guards {@code /api/v1}: only the platform backend holding the configured bearer token gets in. */
public class PlatformAuthFilter {

    private static final Logger LOG = Logger.getLogger(PlatformAuthFilter.class);

    @Inject
    PlatformConfig config;
    @Inject
    RuntimeSettings runtime;

    void warnWhenClosed(@Observes StartupEvent event) {
        if (!runtime.cli() && config.token().filter(t -> !t.isBlank()).isEmpty()) {
            LOG.warn("rdex.platform.token (RDEX_PLATFORM_TOKEN) is not set: the platform API refuses every call");
        }
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> authenticate(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return Optional.empty();
        }
        BearerToken presented = BearerToken.from(http.headers().getAll(HttpHeaders.AUTHORIZATION));
        if (presented.matches(config.token())) {
            return Optional.empty();
        }
        return Optional.of(Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("access_denied", !presented.presented()
                        ? "A platform token is required (Authorization: Bearer ...)"
                        : presented.ambiguous() ? "Send one Authorization header" : "Unknown platform token"))
                .build());
    }
}
