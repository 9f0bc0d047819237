package org.rdex.server.common;

import java.util.List;
import java.util.Map;

/**
 * A domain error with its HTTP status and its RDEX error name (see the table in ANCHORS.md:
 * {@code invalid_input}, {@code access_denied}, {@code resource_not_found}, ...).
 *
 * <p>The message is written for the API's caller and is sent as is: never put an exception's message,
 * a stack trace or a secret in it.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String name;
    private final List<FieldError> fields;
    private final Map<String, String> headers;

    public ApiException(int status, String name, String message) {
        this(status, name, message, List.of(), Map.of());
    }

    public ApiException(int status, String name, String message, List<FieldError> fields, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.name = name;
        this.fields = List.copyOf(fields);
        this.headers = Map.copyOf(headers);
    }

    public static ApiException invalid(List<FieldError> fields) {
        return new ApiException(400, fields.isEmpty() ? "invalid_input" : nameFor(fields),
                "Invalid input: " + fields.size() + " field(s) rejected", fields, Map.of());
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "resource_not_found", what + " not found");
    }

    private static String nameFor(List<FieldError> fields) {
        return fields.stream().allMatch(f -> f.message().startsWith("is required"))
                ? "missing_mandatory_field" : "invalid_input";
    }

    public int status() {
        return status;
    }

    public String name() {
        return name;
    }

    public List<FieldError> fields() {
        return fields;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
