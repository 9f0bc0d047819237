package org.rdex.server.common;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The one error body of every API: the RDEX shape {@code {"error":{"name":..., "message_user":..., "field":...}}}
 * plus {@code fields}, every rejected field when there are several.
 */
@Schema(name = "ApiError", description = "The one error body of every API")
public record ApiError(@Schema(required = true) Body error) {

    @Schema(name = "ApiErrorBody")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Body(
            @Schema(required = true, description = "The RDEX error name, e.g. invalid_input, access_denied") String name,
            @Schema(description = "A message for the user, in English") @JsonProperty("message_user") String messageUser,
            @Schema(description = "The first rejected field, when there is one") String field,
            @Schema(description = "Every rejected field") List<FieldError> fields) {
    }

    public static ApiError of(ApiException e) {
        String first = e.fields().isEmpty() ? null : e.fields().get(0).field();
        return new ApiError(new Body(e.name(), e.getMessage(), first, e.fields()));
    }

    public static ApiError of(String name, String message) {
        return new ApiError(new Body(name, message, null, List.of()));
    }
}
