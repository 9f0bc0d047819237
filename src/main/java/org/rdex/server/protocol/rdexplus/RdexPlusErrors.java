package org.rdex.server.protocol.rdexplus;

import org.rdex.server.protocol.RdexErrorNames;
import java.util.Set;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * RDEX+'s error body, {@code {"errorCode","errorMessage"}}, with a code from the document's closed list: a
 * name of ours the list lacks ({@code service_unavailable}) becomes {@code internal_error} for a 5xx and
 * {@code undefined_error} otherwise, so every answer validates.
 */
final class RdexPlusErrors {

    private static final Logger LOG = Logger.getLogger(RdexPlusErrors.class);
    static final Set<String> CODES = Set.of("access_denied", "already_exists", "insufficient_permissions",
            "internal_error", "invalid_input", "invalid_uri", "invalid_uuid", "missing_mandatory_field",
            "missing_required_query_parameter", "no_post_data", "no_put_data", "not_implemented", "origin_mismatch",
            "resource_not_found", "signature_mismatch", "timestamp_too_skewed", "too_late", "too_many_post",
            "too_many_queries", "undefined_error", "unknown_user", "unsupported_http_verb");

    private RdexPlusErrors() {
    }

    static Response of(ApiException e) {
        String code = CODES.contains(e.name()) ? e.name() : e.status() >= 500 ? "internal_error" : "undefined_error";
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new RdexPlusWire.Error(code, e.getMessage()));
        e.headers().forEach(response::header);
        return response.build();
    }

    /** JAX-RS's own refusals (wrong method or media type, unreadable body) named from the list. */
    static Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = RdexErrorNames.forStatus(status);
        return of(new ApiException(status, code, e.getResponse().getStatusInfo().getReasonPhrase()));
    }

    /** Anything unexpected: logged here, never described to the caller. */
    static Response unexpected(Throwable t) {
        LOG.error("RDEX+ request failed", t);
        return of(new ApiException(500, "internal_error", "Internal error"));
    }

    static ApiException invalid(String field, String message) {
        return new ApiException(400, "invalid_input", field + " " + message);
    }

    static ApiException missing(String field) {
        return new ApiException(400, "missing_mandatory_field", field + " is required");
    }
}
