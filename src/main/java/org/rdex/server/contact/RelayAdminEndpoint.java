package org.rdex.server.contact;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.rdex.server.admin.AdminEndpoint;
import org.rdex.server.admin.AdminResponses;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code GET /admin/messages[?state=PENDING|SENDING|DELIVERED|FAILED][&limit=100]}: delivery state of
 * inbound contact messages (no message text, no sender address); {@code GET /admin/messages/stats}: counts;
 * {@code POST /admin/relay/run}: one relay round now; {@code POST /admin/messages/{id}/retry} and
 * {@code POST /admin/messages/{id}/drop}: a message queued again (or tried at the next round) or given up.
 */
@ApplicationScoped
public class RelayAdminEndpoint implements AdminEndpoint {

    private static final Set<String> STATES = Set.of("PENDING", "SENDING", "DELIVERED", "FAILED");

    @Inject
    Outbox outbox;
    @Inject
    RelayWorker worker;
    @Inject
    RelayQueue queue;
    @Inject
    ObjectMapper mapper;

    @Override
    public void register(Router router) {
        router.get("/admin/messages").blockingHandler(this::list);
        router.get("/admin/messages/stats").blockingHandler(rc -> AdminResponses.json(rc, 200, sql(outbox::counts), mapper));
        router.post("/admin/messages/:id/retry").blockingHandler(rc -> change(rc, queue::retry, "retried"));
        router.post("/admin/messages/:id/drop").blockingHandler(rc -> change(rc, queue::drop, "dropped"));
        router.post("/admin/relay/run").blockingHandler(rc -> AdminResponses.json(rc, 200, worker.runOnce(), mapper));
    }

    private void list(RoutingContext rc) {
        String state = rc.queryParams().get("state");
        if (state != null && !STATES.contains(state.toUpperCase(Locale.ROOT))) {
            throw refused("state", "must be one of " + STATES);
        }
        int limit;
        try {
            limit = Math.max(1, Math.min(1000, Integer.parseInt(rc.queryParams().get("limit") == null ? "100"
                    : rc.queryParams().get("limit"))));
        } catch (NumberFormatException e) {
            throw refused("limit", "must be a number");
        }
        String wanted = state == null ? null : state.toUpperCase(Locale.ROOT);
        AdminResponses.json(rc, 200, Map.of("messages", sql(() -> outbox.list(wanted, limit))), mapper);
    }

    private void change(RoutingContext rc, java.util.function.LongPredicate action, String done) {
        long id;
        try {
            id = Long.parseLong(rc.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("Message");
        }
        if (!action.test(id)) {
            throw new ApiException(409, "wrong_state", "Retry takes a failed or waiting message, drop a waiting one");
        }
        AdminResponses.json(rc, 200, Map.of("id", id, "state", done), mapper);
    }

    private static ApiException refused(String field, String message) {
        return new ApiException(400, "invalid_input", field + " " + message, List.of(new FieldError(field, message)),
                Map.of());
    }

    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    /** A query of the outbox; its failure goes to the admin API's one error path (503 when the database is down). */
    private static <T> T sql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new IllegalStateException("Outbox query failed", e);
        }
    }
}
