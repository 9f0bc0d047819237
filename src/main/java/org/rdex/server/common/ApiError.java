package org.rdex.server.common;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The one error body of every API: the RDEX shape {@code {"error":{"name":..., "message_user":..., "field":...}}}
 * plus {@code fields}, every rejected field when there are several.
 */
public record ApiError(Body error) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Body(
            String name,
            @JsonProperty("message_user") String messageUser,
            String field,
            List<FieldError> fields) {
    }

    public static ApiError of(ApiException e) {
        String first = e.fields().isEmpty() ? null : e.fields().get(0).field();
        return new ApiError(new Body(e.name(), e.getMessage(), first, e.fields()));
    }

    public static ApiError of(String name, String message) {
        return new ApiError(new Body(name, message, null, List.of()));
    }
}
