package org.rdex.server.common;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Maps domain exceptions to the fixed JSON error body. A database that cannot be reached is a 503 with
 * {@code Retry-After}, whatever layer noticed it; anything else unexpected is a 500 without detail. We never
 * echo exception messages to clients.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @Inject
    DatabaseState database;

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response.ResponseBuilder response = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(e));
        e.headers().forEach(response::header);
        return response.build();
    }

    /** Malformed JSON or a value of the wrong type: name the field, not the parser's message. */
    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        String field = null;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                    .collect(Collectors.joining("."));
        }
        LOG.debugf("Rejected JSON body at %s", field);
        List<FieldError> fields = field == null ? List.of(new FieldError("body", "is not valid JSON"))
                : List.of(new FieldError(field, "has a value of the wrong type or format"));
        return apiException(ApiException.invalid(fields));
    }

    /** Replaces Quarkus's built-in mapper, which echoes the rejected value back. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return badJson(e);
    }

    /**
     * JAX-RS's own errors (unreadable body, unknown path, wrong method or media type) get the same body
     * as ours, named after the RDEX error table.
     */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json);
        }
        int status = e.getResponse().getStatus();
        String name = switch (status) {
            case 400 -> "invalid_input";
            case 401 -> "access_denied";
            case 403 -> "insufficient_permissions";
            case 404 -> "resource_not_found";
            case 405 -> "unsupported_http_verb";
            case 406, 415 -> "unsupported_media_type";
            case 501 -> "not_implemented";
            default -> status >= 500 ? "internal_error" : "invalid_input";
        };
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(name, e.getResponse().getStatusInfo().getReasonPhrase()));
        // Keep Allow on 405 and similar protocol headers.
        e.getResponse().getHeaders().forEach((header, values) -> {
            if (!header.equalsIgnoreCase("Content-Type") && !header.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> response.header(header, v));
            }
        });
        return response.build();
    }

    /**
     * Everything no other mapper claims: 503 when the database is the cause (unreachable, or out of disk, memory
     * or connections; JDBC, Hibernate or pool, however deeply wrapped), else a logged 500 with an id the
     * operator finds in the log.
     */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        var unavailable = database.failed(e);
        if (unavailable.isPresent()) {
            LOG.warnf("Answering 503: database unavailable or lacking a resource (%s)", e.getClass().getSimpleName());
            return apiException(unavailable.get());
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Internal error, id %s", id);
        return Response.status(500).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("internal_error", "Internal error; quote id " + id)).build();
    }
}
