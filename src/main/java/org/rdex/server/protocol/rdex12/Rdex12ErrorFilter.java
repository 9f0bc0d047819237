package org.rdex.server.protocol.rdex12;

import java.util.Set;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.rdex.server.common.ApiError;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

/**
 * Every error answered on an RDEX 1.2 route ({@code /rdex/journeys}, {@code /rdex/connections} and below) in
 * RDEX 1.2's full body with a name of RDEX's table, also those decided before our resources run (a wrong
 * method, media type or path), which the server-wide mapper writes in the common body. RDEX 1.2 clients parse
 * one body; the rest of the server keeps {@code common.ErrorMappers}'s.
 */
public class Rdex12ErrorFilter {

    /** RDEX's error names (the table of ANCHORS.md plus Mobicoop's four). */
    static final Set<String> RDEX_NAMES = Set.of("invalid_input", "invalid_uri", "invalid_uuid",
            "missing_mandatory_field", "missing_required_query_parameter", "no_post_data", "too_late", "undefined_error",
            "unknown_user", "access_denied", "signature_mismatch", "timestamp_too_skewed", "insufficient_permissions",
            "origin_mismatch", "resource_not_found", "unsupported_http_verb", "already_exists", "too_many_post",
            "too_many_queries", "internal_error", "not_implemented", "no_put_data", "error_no_min_max_time",
            "config_file_missing", "operator_file_missing");

    static boolean isRdex12Route(String path) {
        if (path == null) {
            return false;
        }
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return p.equals("/rdex/journeys") || p.equals("/rdex/connections") || p.startsWith("/rdex/journeys/")
                || p.startsWith("/rdex/connections/");
    }

    /** An RDEX name for {@code name} answered with {@code status}: kept when in the table, else by status. */
    static String rdexName(String name, int status, String method) {
        if (name != null && RDEX_NAMES.contains(name)) {
            return name;
        }
        return switch (status) {
            case 401 -> "access_denied";
            case 403 -> "insufficient_permissions";
            case 404 -> "resource_not_found";
            case 405 -> "unsupported_http_verb";
            case 409 -> "already_exists";
            case 429 -> "POST".equals(method) ? "too_many_post" : "too_many_queries";
            case 501 -> "not_implemented";
            default -> status >= 500 ? "internal_error" : "invalid_input";
        };
    }

    @ServerResponseFilter
    public void rdex12Body(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400 || !isRdex12Route(request.getUriInfo().getPath())) {
            return;
        }
        Object entity = response.getEntity();
        if (entity instanceof Rdex12Wire.ErrorBody) {
            return; // already RDEX 1.2's body (Rdex12Errors)
        }
        String message = null;
        String name = null;
        String field = null;
        if (entity instanceof ApiError apiError && apiError.error() != null) {
            name = apiError.error().name();
            message = apiError.error().messageUser();
            field = apiError.error().field();
        }
        if (message == null) {
            message = response.getStatusInfo().getReasonPhrase();
        }
        response.setEntity(new Rdex12Wire.ErrorBody(
                new Rdex12Wire.Error(rdexName(name, response.getStatus(), request.getMethod()), message, message, field)),
                null, MediaType.APPLICATION_JSON_TYPE);
    }
}
