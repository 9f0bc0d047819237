package org.rdex.server.live;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.rdex.server.admin.AdminEndpoint;
import org.rdex.server.admin.AdminResponses;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Admin API of partners' live protocols, a sub-resource of the partner:
 * {@code GET /admin/partners/{name}/protocol} (no secret, only whether each is stored),
 * {@code PUT} (replaces the whole configuration), {@code PATCH} (changes the members given; "" clears one),
 * {@code DELETE} (removes them all). Body: {@link ProtocolUpdate}.
 */
@ApplicationScoped
public class ProtocolAdminEndpoint implements AdminEndpoint {

    @Inject
    PartnerProtocols protocols;
    @Inject
    ObjectMapper mapper;

    @Override
    public void register(Router router) {
        String path = "/admin/partners/:name/protocol";
        router.get(path).blockingHandler(
                rc -> AdminResponses.json(rc, 200, protocols.view(rc.pathParam("name")), mapper), false);
        router.put(path).blockingHandler(rc -> AdminResponses.json(rc, 200,
                protocols.update(rc.pathParam("name"), body(rc), true), mapper), false);
        router.patch(path).blockingHandler(rc -> AdminResponses.json(rc, 200,
                protocols.update(rc.pathParam("name"), body(rc), false), mapper), false);
        router.delete(path).blockingHandler(rc -> {
            protocols.clear(rc.pathParam("name"));
            rc.response().setStatusCode(204).end();
        }, false);
    }

    /**
     * The body as a {@link ProtocolUpdate}: its named members, and every other protocol's fields (by the names
     * the protocols declare) as text; members no protocol declares are ignored, as they always were.
     */
    private ProtocolUpdate body(RoutingContext rc) {
        ObjectNode tree = AdminResponses.body(rc, ObjectNode.class, mapper);
        ProtocolUpdate update;
        try {
            update = mapper.treeToValue(tree, ProtocolUpdate.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ApiException(400, "invalid_input", "The body is not the expected JSON object");
        }
        Map<String, String> others = new HashMap<>();
        for (String field : protocols.fieldNames()) {
            JsonNode value = tree.get(field);
            if (ProtocolUpdate.MEMBERS.contains(field) || value == null || value.isNull()) {
                continue;
            }
            if (!value.isValueNode()) {
                throw ApiException.invalid(List.of(new FieldError(field, "must be a string")));
            }
            others.put(field, value.asText());
        }
        return update.with(others);
    }
}
