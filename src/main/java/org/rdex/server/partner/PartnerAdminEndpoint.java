package org.rdex.server.partner;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rdex.server.admin.AdminEndpoint;
import org.rdex.server.admin.AdminResponses;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.imports.ImportReport;
import org.rdex.server.imports.ImportReports;
import org.rdex.server.imports.ImportService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Admin API of partners, on the management interface:
 * {@code GET/POST /admin/partners}, {@code DELETE /admin/partners/{name}},
 * {@code PUT/DELETE /admin/partners/{name}/key}, {@code GET /admin/partners/{name}/imports},
 * {@code POST /admin/partners/{name}/import} (runs an import now).
 */
@ApplicationScoped
public class PartnerAdminEndpoint implements AdminEndpoint {

    /** Body of {@code PUT /admin/partners/{name}/key}. */
    public record KeyRequest(String key) {
    }

    @Inject
    PartnerService partners;
    @Inject
    ImportReports reports;
    @Inject
    ImportService imports;
    @Inject
    ObjectMapper mapper;

    @Override
    public void register(Router router) {
        router.get("/admin/partners").blockingHandler(rc -> handle(rc, () -> AdminResponses.json(rc, 200,
                partners.list().stream().map(p -> PartnerView.of(p, reports.last(p.id).orElse(null))).toList(),
                mapper)), false);
        router.post("/admin/partners").blockingHandler(rc -> handle(rc, () -> {
            Partner p = partners.add(body(rc, NewPartner.class));
            AdminResponses.json(rc, 201, PartnerView.of(p, null), mapper);
        }), false);
        router.delete("/admin/partners/:name").blockingHandler(rc -> handle(rc, () -> {
            if (!partners.remove(rc.pathParam("name"))) {
                throw ApiException.notFound("Partner");
            }
            rc.response().setStatusCode(204).end();
        }), false);
        router.put("/admin/partners/:name/key").blockingHandler(rc -> handle(rc, () -> {
            KeyRequest request = body(rc, KeyRequest.class);
            if (request.key() == null || request.key().isBlank()) {
                throw ApiException.invalid(List.of(new FieldError("key", "is required")));
            }
            key(rc, request.key());
        }), false);
        router.delete("/admin/partners/:name/key").blockingHandler(rc -> handle(rc, () -> key(rc, "")), false);
        router.get("/admin/partners/:name/imports").blockingHandler(rc -> handle(rc, () -> {
            Partner p = partner(rc);
            int limit = parseLimit(rc.queryParams().get("limit"));
            AdminResponses.json(rc, 200, reports.recent(p.id, limit), mapper);
        }), false);
        router.post("/admin/partners/:name/import").blockingHandler(rc -> handle(rc, () -> {
            ImportReport report = imports.importPartner(partner(rc).name, Optional.empty(), Optional.empty());
            AdminResponses.json(rc, 200, report, mapper);
        }), false);
    }

    private void key(RoutingContext rc, String key) {
        if (!partners.setOutboundKey(rc.pathParam("name"), key)) {
            throw ApiException.notFound("Partner");
        }
        AdminResponses.json(rc, 200, Map.of("name", partner(rc).name, "hasKey", !key.isBlank()), mapper);
    }

    private Partner partner(RoutingContext rc) {
        return partners.findByName(rc.pathParam("name")).orElseThrow(() -> ApiException.notFound("Partner"));
    }

    private static int parseLimit(String value) {
        if (value == null) {
            return 20;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.invalid(List.of(new FieldError("limit", "must be a number from 1 to 1000")));
    }

    private <T> T body(RoutingContext rc, Class<T> type) {
        String text = rc.body() == null ? null : rc.body().asString();
        if (text == null || text.isBlank()) {
            throw new ApiException(400, "no_post_data", "A JSON body is required");
        }
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "invalid_input", "The body is not the expected JSON object");
        }
    }

    private void handle(RoutingContext rc, Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            AdminResponses.error(rc, e, mapper);
        }
    }

}
