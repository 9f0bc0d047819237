package org.rdex.server.protocol.rdex12;


import org.rdex.server.protocol.RdexErrorNames;
import org.jboss.logging.Logger;
import org.rdex.server.common.ApiException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * RDEX 1.2's error body, {@code {"error":{"name","message_debug","message_user","field"}}} with every member
 * present ({@code null} when unset), names and statuses from the RDEX table. Only the RDEX 1.2 resources use
 * it; the rest of the server keeps {@code common.ErrorMappers}.
 */
final class Rdex12Errors {

    private static final Logger LOG = Logger.getLogger(Rdex12Errors.class);

    private Rdex12Errors() {
    }

    static Response of(ApiException e) {
        Rdex12Wire.Error error = new Rdex12Wire.Error(e.name(), e.getMessage(), e.getMessage(),
                e.fields().isEmpty() ? null : e.fields().get(0).field());
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Rdex12Wire.ErrorBody(error));
        e.headers().forEach(response::header);
        return response.build();
    }

    /** JAX-RS's own refusals (wrong media type, unreadable body) named after the RDEX table. */
    static Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String name = RdexErrorNames.forStatus(status);
        return of(new ApiException(status, name, e.getResponse().getStatusInfo().getReasonPhrase()));
    }

    /** Anything unexpected: logged here, never described to the caller. */
    static Response unexpected(Throwable t) {
        LOG.error("RDEX 1.2 request failed", t);
        return of(new ApiException(500, "internal_error", "Internal error"));
    }
}
