package org.rdex.server.common;

/** One invalid input field, named by its path in the request (for example {@code from.lat}). */
public record FieldError(String field, String message) {
}
