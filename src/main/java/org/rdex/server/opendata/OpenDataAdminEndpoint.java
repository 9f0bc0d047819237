package org.rdex.server.opendata;

import java.util.LinkedHashMap;
import java.util.Map;

import org.rdex.server.admin.AdminEndpoint;
import org.rdex.server.admin.AdminResponses;
import org.rdex.server.common.ApiException;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code GET /admin/opendata}: the public file and the last push to data.gouv.fr.
 * {@code POST /admin/opendata/push}: pushes the current public file now (202), e.g. the first push.
 */
@ApplicationScoped
public class OpenDataAdminEndpoint implements AdminEndpoint {

    @Inject
    OpenDataFeeds feeds;
    @Inject
    OpenDataStore store;
    @Inject
    DataGouvPush push;
    @Inject
    ObjectMapper mapper;

    @Override
    public void register(Router router) {
        router.get("/admin/opendata").blockingHandler(this::status);
        router.post("/admin/opendata/push").blockingHandler(this::push);
    }

    private void status(RoutingContext rc) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", feeds.enabled());
        body.put("rotateIds", feeds.partnersOnly());
        body.put("publicFile", feeds.enabled() ? feeds.publicFeed().orElse(null) : null);
        body.put("pushConfigured", push.configured());
        body.put("lastPush", store.lastPush().orElse(null));
        AdminResponses.json(rc, 200, body, mapper);
    }

    private void push(RoutingContext rc) {
        if (!push.configured()) {
            throw new ApiException(409, "not_configured", "The push to data.gouv.fr is not configured:"
                    + " set rdex.opendata.enabled, rdex.opendata.datagouv.dataset, resource and the API key");
        }
        if (feeds.publicFeed().isEmpty()) {
            throw new ApiException(409, "not_published", "No public file yet: run an export first");
        }
        push.schedule();
        AdminResponses.json(rc, 202, Map.of("scheduled", true), mapper);
    }
}
