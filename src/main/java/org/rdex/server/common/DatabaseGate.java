package org.rdex.server.common;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * While the database is known to be down, answers 503 at once on every resource that needs it, rather than
 * letting each request wait for the pool's acquisition timeout. Runs after authentication (not pre-matching),
 * so a caller without a valid token still gets its 401.
 */
public class DatabaseGate {

    @Inject
    DatabaseState state;

    @ServerRequestFilter
    public Response refuseDuringOutage(ResourceInfo resource) {
        if (!state.down() || servedWithout(resource)) {
            return null;
        }
        ApiException unavailable = state.unavailable();
        Response.ResponseBuilder response = Response.status(unavailable.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(unavailable));
        unavailable.headers().forEach(response::header);
        return response.build();
    }

    private static boolean servedWithout(ResourceInfo resource) {
        return resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(ServedWithoutDatabase.class)
                        || resource.getResourceClass().isAnnotationPresent(ServedWithoutDatabase.class));
    }
}
