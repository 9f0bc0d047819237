package org.rdex.server.live;

import org.rdex.server.admin.AdminEndpoint;
import org.rdex.server.admin.AdminResponses;

import com.fasterxml.jackson.databind.ObjectMapper;

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

    private ProtocolUpdate body(RoutingContext rc) {
        return AdminResponses.body(rc, ProtocolUpdate.class, mapper);
    }
}
