package org.rdex.server.contact;

import java.util.List;
import java.util.Map;

import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.rdex.server.common.ApiError;
import org.rdex.server.common.OpenApiDefinition;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/v1/contact} (platform token): {"journey": partner journey uuid, "pseudonym", "email",
 * "message", optional "partner"}. 202 when the partner stored it; the partner's 4xx passed through with its
 * reason; 502 when it fails or cannot be reached; 504 when it is too slow.
 */
@Path("/api/v1/contact")
public class OutboundContactResource {

    @Inject
    OutboundContactService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Platform API")
    @SecurityRequirement(name = OpenApiDefinition.PLATFORM_TOKEN)
    @Operation(summary = "Send our user's message to the author of a partner's journey",
            description = "We call the partner's contact API with the key it issued to us. Every call is recorded.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "OutboundContact")))
    @APIResponse(responseCode = "202", description = "The partner stored the message",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    properties = { @org.eclipse.microprofile.openapi.annotations.media.SchemaProperty(name = "status", type = SchemaType.STRING),
                            @org.eclipse.microprofile.openapi.annotations.media.SchemaProperty(name = "partner", type = SchemaType.STRING),
                            @org.eclipse.microprofile.openapi.annotations.media.SchemaProperty(name = "partnerStatus", type = SchemaType.INTEGER) })))
    @APIResponse(responseCode = "400", description = "invalid_input naming the bad fields; or the partner's 400 passed "
            + "through (any 4xx of the partner is passed through with its RDEX error name, partner_refused when it gave none)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "access_denied: no platform token, or a wrong one",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "resource_not_found: no partner publishes a current journey with this uuid",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "The partner's rate limit, passed through",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "501", description = "not_implemented: the partner has no HTTPS contact URL or no key for us",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "502", description = "partner_unavailable: the partner failed or could not be reached",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "504", description = "partner_timeout",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response contact(@Parameter(hidden = true) JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid(List.of(new FieldError("body", "is not a JSON object")));
        }
        OutboundContactService.Result result = service.send(new OutboundContactService.Outbound(
                text(body, "journey"), text(body, "partner"), text(body, "pseudonym"), text(body, "email"),
                text(body, "message")));
        Response.ResponseBuilder response = Response.status(result.status()).entity(result.body());
        if (result.retryAfter() != null) {
            response.header("Retry-After", result.retryAfter());
        }
        return response.build();
    }

    private static String text(JsonNode body, String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.invalid(List.of(new FieldError(name, "must be a string")));
        }
        return node.asText();
    }

}
