package org.rdex.server.contact;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

import org.rdex.server.admin.AdminEndpoint;
import org.rdex.server.admin.AdminResponses;
import org.rdex.server.common.ApiError;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code GET /admin/messages[?state=PENDING|SENDING|DELIVERED|FAILED][&limit=100]}: delivery state of
 * inbound contact messages (no message text, no sender address); {@code GET /admin/messages/stats}: counts;
 * {@code POST /admin/relay/run}: one relay round now.
 */
@ApplicationScoped
public class RelayAdminEndpoint implements AdminEndpoint {

    private static final Set<String> STATES = Set.of("PENDING", "SENDING", "DELIVERED", "FAILED");

    @Inject
    Outbox outbox;
    @Inject
    RelayWorker worker;
    @Inject
    ObjectMapper mapper;

    @Override
    public void register(Router router) {
        router.get("/admin/messages").blockingHandler(this::list);
        router.get("/admin/messages/stats").blockingHandler(rc -> {
            try {
                AdminResponses.json(rc, 200, outbox.counts(), mapper);
            } catch (SQLException e) {
                AdminResponses.json(rc, 503, ApiError.of("service_unavailable", "Database unavailable"), mapper);
            }
        });
        router.post("/admin/relay/run").blockingHandler(rc -> AdminResponses.json(rc, 200, worker.runOnce(), mapper));
    }

    private void list(RoutingContext rc) {
        String state = rc.queryParams().get("state");
        if (state != null && !STATES.contains(state.toUpperCase(java.util.Locale.ROOT))) {
            AdminResponses.json(rc, 400, ApiError.of("invalid_input", "state must be one of " + STATES), mapper);
            return;
        }
        int limit;
        try {
            limit = Math.max(1, Math.min(1000, Integer.parseInt(rc.queryParams().get("limit") == null ? "100"
                    : rc.queryParams().get("limit"))));
        } catch (NumberFormatException e) {
            AdminResponses.json(rc, 400, ApiError.of("invalid_input", "limit must be a number"), mapper);
            return;
        }
        try {
            AdminResponses.json(rc, 200, Map.of("messages",
                    outbox.list(state == null ? null : state.toUpperCase(java.util.Locale.ROOT), limit)), mapper);
        } catch (SQLException e) {
            AdminResponses.json(rc, 503, ApiError.of("service_unavailable", "Database unavailable"), mapper);
        }
    }
}
