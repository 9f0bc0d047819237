package org.rdex.server.journey;

import org.rdex.server.common.ApiException;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Platform API: the operator's backend pushes its own journeys. Guarded by the platform token. */
@Path("/api/v1/journeys")
@Produces(MediaType.APPLICATION_JSON)
public class JourneyResource {

    @Inject
    JourneyService journeys;

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("id") String id, JourneyPayload payload) {
        JourneyService.Saved saved = journeys.put(id, payload);
        return Response.status(saved.created() ? 201 : 200).entity(saved.journey()).build();
    }

    @GET
    @Path("{id}")
    public JourneyPayload get(@PathParam("id") String id) {
        return journeys.get(id).orElseThrow(() -> ApiException.notFound("Journey"));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        if (!journeys.delete(id)) {
            throw ApiException.notFound("Journey");
        }
        return Response.noContent().build();
    }
}
