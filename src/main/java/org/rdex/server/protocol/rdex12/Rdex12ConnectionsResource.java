package org.rdex.server.protocol.rdex12;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.rdex.server.common.ApiException;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * RDEX 1.2 {@code POST /rdex/connections}: {@code ?timestamp&apikey&signature} signed, the message in a form
 * body. 201 with an empty body once the message is stored in the outbox; errors in RDEX 1.2's body (an
 * unknown journey is a 404, not Mobicoop's 201).
 */
@Path("/rdex/connections")
public class Rdex12ConnectionsResource {

    @Inject
    Rdex12Service service;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response connect(@Context HttpServerRequest request, byte[] body) {
        return Response.status(service.connect(request, body) ? 201 : 200).build();
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
