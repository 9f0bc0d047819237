package org.rdex.server.admin;

import org.rdex.server.common.ApiError;
import org.rdex.server.common.ApiException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.RoutingContext;

/** JSON answers of admin routes, with the same error body as the public APIs. */
public final class AdminResponses {

    private AdminResponses() {
    }

    public static void json(RoutingContext rc, int status, Object body, ObjectMapper mapper) {
        try {
            rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void error(RoutingContext rc, ApiException e, ObjectMapper mapper) {
        e.headers().forEach((k, v) -> rc.response().putHeader(k, v));
        json(rc, e.status(), ApiError.of(e), mapper);
    }
}
