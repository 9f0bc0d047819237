package org.rdex.server.protocol.rdex12;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.rdex.server.common.ApiException;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * RDEX 1.2 {@code GET /rdex/journeys}, as Mobicoop serves it: {@code [{"journeys":{...}},...]}, {@code []}
 * when nothing matches. Signed requests only (see {@link Rdex12Guard}); errors in RDEX 1.2's body.
 */
@Path("/rdex/journeys")
public class Rdex12JourneysResource {

    @Inject
    Rdex12Service service;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The matching journeys, [] when none ({} without RDEX parameters)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Rdex12Wire.Item.class)))
    public Response journeys(@Context HttpServerRequest request) {
        List<Rdex12Wire.Item> journeys = service.journeys(request);
        return Response.ok(journeys == null ? Map.of() : journeys, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @ServerExceptionMapper
    public Response rdexError(ApiException e) {
        return Rdex12Errors.of(e);
    }

    @ServerExceptionMapper
    public Response refused(WebApplicationException e) {
        return Rdex12Errors.web(e);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        return Rdex12Errors.unexpected(e);
    }
}
