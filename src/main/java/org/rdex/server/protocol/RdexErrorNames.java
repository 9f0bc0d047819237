package org.rdex.server.protocol;

/** The RDEX error table's names (RDEX 1.2 and RDEX+ share it) for the HTTP refusals JAX-RS makes itself. */
public final class RdexErrorNames {

    private RdexErrorNames() {
    }

    /** The name for a wrong method, media type or unreadable body answered with {@code status}. */
    public static String forStatus(int status) {
        return switch (status) {
            case 401 -> "access_denied";
            case 403 -> "insufficient_permissions";
            case 404 -> "resource_not_found";
            case 405 -> "unsupported_http_verb";
            case 501 -> "not_implemented";
            default -> status >= 500 ? "internal_error" : "invalid_input";
        };
    }
}
