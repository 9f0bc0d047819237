package org.rdex.server.protocol.standard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.rdex.server.protocol.Caller;
import org.rdex.server.common.ApiException;
import org.rdex.server.search.SearchConfig;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * standard-covoiturage (v1.0.0-alpha with {@code X-API-Key}) under {@code /standard/v1}. Errors are the
 * standard's {@code {"error":"..."}}; bookings are not implemented (501).
 */
@Path("/standard/v1")
@Produces(MediaType.APPLICATION_JSON)
public class StandardResource {

    private static final Logger LOG = Logger.getLogger(StandardResource.class);

    @Inject
    StandardGuard guard;
    @Inject
    StandardService service;
    @Inject
    StandardMessages messages;
    @Inject
    StandardConfig config;
    @Inject
    SearchConfig searchConfig;

    @GET
    @Path("driver_journeys")
    public List<StandardWire.Journey> driverJourneys(@Context HttpServerRequest request, @Context UriInfo uri) {
        return journeys(request, uri, true);
    }

    @GET
    @Path("passenger_journeys")
    public List<StandardWire.Journey> passengerJourneys(@Context HttpServerRequest request, @Context UriInfo uri) {
        return journeys(request, uri, false);
    }

    @GET
    @Path("driver_regular_trips")
    public List<StandardWire.RegularTrip> driverRegularTrips(@Context HttpServerRequest request, @Context UriInfo uri) {
        return regularTrips(request, uri, true);
    }

    @GET
    @Path("passenger_regular_trips")
    public List<StandardWire.RegularTrip> passengerRegularTrips(@Context HttpServerRequest request, @Context UriInfo uri) {
        return regularTrips(request, uri, false);
    }

    private List<StandardWire.Journey> journeys(HttpServerRequest request, UriInfo uri, boolean driver) {
        guard.check(request);
        return service.journeys(StandardQuery.journeys(params(uri), searchConfig.maxRadiusKm(),
                config.maxTimeDelta().toSeconds()), driver);
    }

    private List<StandardWire.RegularTrip> regularTrips(HttpServerRequest request, UriInfo uri, boolean driver) {
        guard.check(request);
        return service.regularTrips(StandardQuery.regularTrips(params(uri), searchConfig.maxRadiusKm(),
                config.maxTimeDelta().toSeconds()), driver);
    }

    @POST
    @Path("messages")
    @Consumes(MediaType.WILDCARD)
    public Response message(@Context HttpServerRequest request, byte[] body) {
        Caller caller = guard.check(request);
        if (body == null || body.length > config.maxBodyBytes()) {
            throw StandardQuery.invalid("body", body == null ? "is required"
                    : "is larger than " + config.maxBodyBytes() + " bytes");
        }
        messages.post(caller, body);
        return Response.status(201).build();
    }

    /** Always up while it answers: the standard asks nothing more, and it is never authenticated. */
    @GET
    @Path("status")
    public Response status() {
        return Response.ok().build();
    }

    @POST
    @Path("bookings")
    @Consumes(MediaType.WILDCARD)
    public Response postBooking() {
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

    @POST
    @Path("booking_events")
    @Consumes(MediaType.WILDCARD)
    public Response bookingEvent() {
        throw notImplemented();
    }

    private static ApiException notImplemented() {
        return new ApiException(501, "not_implemented", "not_implemented: bookings are not supported by this server");
    }

    private static Map<String, String> params(UriInfo uri) {
        Map<String, String> params = new HashMap<>();
        uri.getQueryParameters().forEach((k, v) -> {
            if (!v.isEmpty()) {
                params.put(k, v.get(0));
            }
        });
        return params;
    }

    @ServerExceptionMapper
    public Response error(ApiException e) {
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new StandardWire.Error(e.getMessage()));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response refused(WebApplicationException e) {
        return Response.status(e.getResponse().getStatus()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new StandardWire.Error(e.getResponse().getStatusInfo().getReasonPhrase())).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("standard-covoiturage request failed", e);
        return Response.status(500).type(MediaType.APPLICATION_JSON_TYPE).entity(new StandardWire.Error("internal error")).build();
    }
}
