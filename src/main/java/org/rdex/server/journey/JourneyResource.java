package org.rdex.server.journey;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rdex.server.common.ApiError;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.common.OpenApiDefinition;

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
@Tag(name = "Platform API", description = "Our platform's backend: its journeys, searches and messages to partners' users")
@SecurityRequirement(name = OpenApiDefinition.PLATFORM_TOKEN)
@APIResponse(responseCode = "401", description = "access_denied: no platform token, or a wrong one",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
public class JourneyResource {

    @Inject
    JourneyService journeys;

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace one of our journeys",
            description = "The id is the platform's own (1 to 200 printable characters); the journey is published "
                    + "in the next RDEX file under a uuid derived from it. Nothing is written when a field is invalid.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JourneyPayload.class)))
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JourneyPayload.class)))
    @APIResponse(responseCode = "400", description = "invalid_input or missing_mandatory_field, naming every bad field",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response put(@Parameter(description = "The platform's id of the journey") @PathParam("id") String id,
            JourneyPayload payload) {
        JourneyService.Saved saved = journeys.put(id, payload);
        return Response.status(saved.created() ? 201 : 200).entity(saved.journey()).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one of our journeys back, with its published uuid")
    @APIResponse(responseCode = "200", description = "The journey",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JourneyPayload.class)))
    @APIResponse(responseCode = "400", description = "invalid_input: not an id any journey can have",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "resource_not_found",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public JourneyPayload get(@Parameter(description = "The platform's id of the journey") @PathParam("id") String id) {
        checkId(id);
        return journeys.get(id).orElseThrow(() -> ApiException.notFound("Journey"));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove one of our journeys; it leaves the next RDEX file")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", description = "invalid_input: not an id any journey can have",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "resource_not_found",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response delete(@Parameter(description = "The platform's id of the journey") @PathParam("id") String id) {
        checkId(id);
        if (!journeys.delete(id)) {
            throw ApiException.notFound("Journey");
        }
        return Response.noContent().build();
    }

    /** An id that PUT refuses cannot be stored, and the database refuses some of them (NUL) outright. */
    private static void checkId(String id) {
        FieldError error = JourneyValidator.idError(id);
        if (error != null) {
            throw ApiException.invalid(List.of(error));
        }
    }
}
