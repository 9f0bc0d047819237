package org.rdex.server.protocol.rdexplus;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.rdex.server.common.ApiException;
import org.rdex.server.protocol.Caller;
import org.rdex.server.search.SearchConfig;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * RDEX+ 2.0.1 under {@code /rdexplus}: {@code GET /journeys}, {@code POST /messages}, and {@code /bookings}
 * not implemented (501, every method, as the standard's). Authenticated by {@link RdexPlusCredentials};
 * errors in RDEX+'s {@code {"errorCode","errorMessage"}}.
 */
@Path("/rdexplus")
@Produces(MediaType.APPLICATION_JSON)
public class RdexPlusResource {

    @Inject
    RdexPlusCredentials credentials;
    @Inject
    RdexPlusService service;
    @Inject
    RdexPlusMessages messages;
    @Inject
    RdexPlusConfig config;
    @Inject
    SearchConfig searchConfig;
    @Inject
    ObjectMapper mapper;

    @GET
    @Path("journeys")
    public RdexPlusWire.JourneysAnswer journeys(@Context HttpServerRequest request, @Context UriInfo uri) {
        enabled();
        credentials.check(request);
        return service.journeys(RdexPlusQuery.parse(uri.getQueryParameters(), searchConfig.maxRadiusKm(),
                config.maxTimeDelta().toSeconds(), System.currentTimeMillis() / 1000, mapper));
    }

    @POST
    @Path("messages")
    @Consumes(MediaType.WILDCARD)
    public Response message(@Context HttpServerRequest request, byte[] body) {
        enabled();
        Caller caller = credentials.check(request);
        if (body == null || body.length == 0) {
            throw new ApiException(400, "no_post_data", "A JSON body is required");
        }
        if (body.length > config.maxBodyBytes()) {
            throw RdexPlusErrors.invalid("body", "is larger than " + config.maxBodyBytes() + " bytes");
        }
        messages.post(caller, body);
        return Response.status(201).build();
    }

    /**
     * Other methods on the two routes, answered here: JAX-RS's own 405 would leave through the server's
     * common error mapper, in another shape than RDEX+'s.
     */
    @POST
    @Path("journeys")
    @Consumes(MediaType.WILDCARD)
    public Response postJourneys() {
        throw unsupported();
    }

    @PUT
    @Path("journeys")
    @Consumes(MediaType.WILDCARD)
    public Response putJourneys() {
        throw unsupported();
    }

    @PATCH
    @Path("journeys")
    @Consumes(MediaType.WILDCARD)
    public Response patchJourneys() {
        throw unsupported();
    }

    @DELETE
    @Path("journeys")
    public Response deleteJourneys() {
        throw unsupported();
    }

    @GET
    @Path("messages")
    public Response getMessages() {
        throw unsupported();
    }

    @PUT
    @Path("messages")
    @Consumes(MediaType.WILDCARD)
    public Response putMessages() {
        throw unsupported();
    }

    @PATCH
    @Path("messages")
    @Consumes(MediaType.WILDCARD)
    public Response patchMessages() {
        throw unsupported();
    }

    @DELETE
    @Path("messages")
    public Response deleteMessages() {
        throw unsupported();
    }

    @POST
    @Path("bookings")
    @Consumes(MediaType.WILDCARD)
    public Response postBooking() {
        throw notImplemented();
    }

    @GET
    @Path("bookings")
    public Response listBookings() {
        throw notImplemented();
    }

    @PUT
    @Path("bookings")
    @Consumes(MediaType.WILDCARD)
    public Response putBookings() {
        throw notImplemented();
    }

    @PATCH
    @Path("bookings")
    @Consumes(MediaType.WILDCARD)
    public Response patchBookings() {
        throw notImplemented();
    }

    @DELETE
    @Path("bookings")
    public Response deleteBookings() {
        throw notImplemented();
    }

    @GET
    @Path("bookings/{id}")
    public Response getBooking() {
        throw notImplemented();
    }

    @PATCH
    @Path("bookings/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response patchBooking() {
        throw notImplemented();
    }

    @PUT
    @Path("bookings/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response putBooking() {
        throw notImplemented();
    }

    @POST
    @Path("bookings/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response postBookingId() {
        throw notImplemented();
    }

    @DELETE
    @Path("bookings/{id}")
    public Response deleteBooking() {
        throw notImplemented();
    }

    private ApiException notImplemented() {
        enabled();
        return new ApiException(501, "not_implemented", "Bookings are not supported by this server");
    }

    private ApiException unsupported() {
        enabled();
        return new ApiException(405, "unsupported_http_verb", "Method not allowed");
    }

    private void enabled() {
        if (!config.enabled()) {
            throw new ApiException(404, "resource_not_found", "Not found");
        }
    }

    @ServerExceptionMapper
    public Response error(ApiException e) {
        return RdexPlusErrors.of(e);
    }

    @ServerExceptionMapper
    public Response refused(WebApplicationException e) {
        return RdexPlusErrors.web(e);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        return RdexPlusErrors.unexpected(e);
    }
}
