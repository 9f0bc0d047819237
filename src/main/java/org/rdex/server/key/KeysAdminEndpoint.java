package org.rdex.server.key;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.rdex.server.admin.AdminEndpoint;
import org.rdex.server.admin.AdminResponses;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code POST /admin/keys} {"partner":..,"ips":[..],"expires":..} answers 201 with the key (shown once) and
 * its RDEX 1.2 halves ({@code rdex12.apikey}, {@code rdex12.privateKey});
 * {@code GET /admin/keys} lists without secrets; {@code DELETE /admin/keys/{id}} revokes.
 */
@ApplicationScoped
public class KeysAdminEndpoint implements AdminEndpoint {

    @Inject
    KeyService keys;
    @Inject
    ObjectMapper mapper;

    @Override
    public void register(Router router) {
        router.post("/admin/keys").blockingHandler(this::issue);
        router.get("/admin/keys").blockingHandler(rc -> AdminResponses.json(rc, 200, Map.of("keys", keys.list()), mapper));
        router.delete("/admin/keys/:id").blockingHandler(this::revoke);
    }

    private void issue(RoutingContext rc) {
        JsonNode body;
        try {
            body = rc.body().buffer() == null ? null : mapper.readTree(rc.body().asString());
        } catch (Exception e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw ApiException.invalid(List.of(new FieldError("body", "is not a JSON object")));
        }
        List<String> ips = new ArrayList<>();
        JsonNode ipNode = body.path("ips");
        if (ipNode.isArray()) {
            ipNode.forEach(n -> ips.add(n.asText()));
        } else if (ipNode.isTextual()) {
            ips.add(ipNode.asText());
        }
        KeyService.Issued issued = keys.issue(body.path("partner").asText(null), ips, body.path("expires").asText(null));
        rc.response().putHeader("Cache-Control", "no-store");
        AdminResponses.json(rc, 201, Map.of("key", issued.key(), "id", issued.view().id(), "details", issued.view(),
                "rdex12", Map.of("apikey", issued.rdex12ApiKey(), "privateKey", issued.rdex12PrivateKey())), mapper);
    }

    private void revoke(RoutingContext rc) {
        AdminResponses.json(rc, 200, keys.revoke(rc.pathParam("id")).orElseThrow(() -> ApiException.notFound("Key")),
                mapper);
    }
}
