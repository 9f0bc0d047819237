package org.rdex.server.admin;

import org.rdex.server.common.ApiError;
import org.rdex.server.common.ApiException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.RoutingContext;

/**
 * JSON answers of admin routes, and their JSON bodies. A route answers success with {@link #json} and refuses
 * by throwing an {@link ApiException}: {@link AdminInterface} turns every failure into the one error body.
 */
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

    /**
     * The request's JSON body as {@code type}.
     *
     * @throws ApiException 400 {@code no_post_data} without a body, {@code invalid_input} when it does not
     *         read as {@code type} (the parser's message is not sent)
     */
    public static <T> T body(RoutingContext rc, Class<T> type, ObjectMapper mapper) {
        String text = rc.body() == null ? null : rc.body().asString();
        if (text == null || text.isBlank()) {
            throw new ApiException(400, "no_post_data", "A JSON body is required");
        }
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "invalid_input", "The body is not the expected JSON object");
        }
    }

    static void error(RoutingContext rc, ApiException e, ObjectMapper mapper) {
        e.headers().forEach((k, v) -> rc.response().putHeader(k, v));
        json(rc, e.status(), ApiError.of(e), mapper);
    }
}
