package org.rdex.server.contact;

import java.util.List;
import java.util.Map;

import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;

import com.fasterxml.jackson.databind.JsonNode;

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
    public Response contact(JsonNode body) {
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
