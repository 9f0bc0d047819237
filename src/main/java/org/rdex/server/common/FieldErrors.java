package org.rdex.server.common;

import java.util.ArrayList;
import java.util.List;

/**
 * The field checks of one request, shared by every feature: each check records the fields it rejects, so the
 * caller learns every fault in one round trip, and {@link #throwIfAny} refuses the request with the one error
 * body (400, {@code missing_mandatory_field} when only required fields are missing, else {@code invalid_input}).
 * The rules themselves (what a text, a URL or an e-mail address is) are {@link FieldRules}.
 */
public final class FieldErrors {

    /** The message of a missing field; {@link ApiException#invalid} recognises it. */
    public static final String REQUIRED = "is required";

    private final List<FieldError> errors = new ArrayList<>();

    public void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Whether {@code field} is already rejected. */
    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The rejected fields, in the order they were checked. */
    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    /** @throws ApiException 400 naming every rejected field, when there is one */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    /**
     * A one-line text of at most {@code max} characters without control characters.
     *
     * @return the value stripped; null when it is blank (rejected as {@value #REQUIRED} when {@code required})
     *         or rejected
     */
    public String text(String field, String value, boolean required, int max) {
        if (Texts.isBlank(value)) {
            if (required) {
                add(field, REQUIRED);
            }
            return null;
        }
        if (!FieldRules.isPrintable(value, max, false)) {
            add(field, "must be at most " + max + " characters without control characters");
            return null;
        }
        return value.strip();
    }
}
