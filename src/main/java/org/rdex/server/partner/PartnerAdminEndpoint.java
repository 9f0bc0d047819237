package org.rdex.server.partner;

import java.util.List;
import java.util.Map;

import org.rdex.server.admin.AdminEndpoint;
import org.rdex.server.admin.AdminResponses;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.common.FieldErrors;
import org.rdex.server.common.Texts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Admin API of partners, on the management interface:
 * {@code GET/POST /admin/partners}, {@code PATCH/DELETE /admin/partners/{name}} (a PATCH changes only the
 * fields it names and keeps journeys, reports and keys; see {@link PartnerUpdate}),
 * {@code PUT/DELETE /admin/partners/{name}/key}, {@code GET /admin/partners/{name}/imports}. Running an
 * import now is the import feature's route ({@code ImportAdminEndpoint}).
 */
@ApplicationScoped
public class PartnerAdminEndpoint implements AdminEndpoint {

    /** Body of {@code PUT /admin/partners/{name}/key}. */
    public record KeyRequest(String key) {
    }

    @Inject
    PartnerService partners;
    @Inject
    ImportReportRepository reports;
    @Inject
    ObjectMapper mapper;
    @Inject
    FeedCertificateCheck certificates;

    @Override
    public void register(Router router) {
        router.get("/admin/partners").blockingHandler(rc -> AdminResponses.json(rc, 200,
                partners.list().stream().map(p -> PartnerView.of(p, reports.last(p.id).orElse(null))).toList(),
                mapper), false);
        router.post("/admin/partners").blockingHandler(rc -> {
            Partner p = partners.add(body(rc, NewPartner.class));
            ObjectNode view = mapper.valueToTree(PartnerView.of(p, null));
            view.set("warnings", mapper.valueToTree(certificates.warning(p).stream().toList()));
            AdminResponses.json(rc, 201, view, mapper);
        }, false);
        router.get("/admin/partners/:name").blockingHandler(rc -> {
            Partner p = partner(rc);
            AdminResponses.json(rc, 200, PartnerView.of(p, reports.last(p.id).orElse(null)), mapper);
        }, false);
        router.patch("/admin/partners/:name").blockingHandler(rc -> {
            Partner p = partners.update(rc.pathParam("name"), update(body(rc, JsonNode.class)))
                    .orElseThrow(() -> ApiException.notFound("Partner"));
            AdminResponses.json(rc, 200, PartnerView.of(p, reports.last(p.id).orElse(null)), mapper);
        }, false);
        router.delete("/admin/partners/:name").blockingHandler(rc -> {
            if (!partners.remove(rc.pathParam("name"))) {
                throw ApiException.notFound("Partner");
            }
            rc.response().setStatusCode(204).end();
        }, false);
        router.put("/admin/partners/:name/key").blockingHandler(rc -> {
            KeyRequest request = body(rc, KeyRequest.class);
            if (request.key() == null || request.key().isBlank()) {
                throw ApiException.invalid(List.of(new FieldError("key", "is required")));
            }
            key(rc, request.key());
        }, false);
        router.delete("/admin/partners/:name/key").blockingHandler(rc -> key(rc, ""), false);
        router.get("/admin/partners/:name/imports").blockingHandler(rc -> {
            Partner p = partner(rc);
            int limit = parseLimit(rc.queryParams().get("limit"));
            AdminResponses.json(rc, 200, reports.recent(p.id, limit), mapper);
        }, false);
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

    private static final java.util.Set<String> UPDATABLE = java.util.Set.of("operator", "feedUrl", "sites",
            "contactUrl", "tlsFingerprint", "tlsFingerprints", "addFingerprint", "removeFingerprint");

    /** The body of a PATCH; a misspelt field is refused rather than silently ignored. */
    static PartnerUpdate update(JsonNode body) {
        FieldErrors errors = new FieldErrors();
        if (!body.isObject()) {
            throw new ApiException(400, "invalid_input", "The body is not the expected JSON object");
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!UPDATABLE.contains(f)) {
                errors.add(Texts.abbreviate(f), "is not a field of a partner that can be changed");
            }
        });
        List<String> pins = list(body, "tlsFingerprints", errors);
        if (body.has("tlsFingerprint")) {
            String one = text(body, "tlsFingerprint", errors);
            pins = one == null || one.isBlank() ? List.of() : List.of(one);
        }
        PartnerUpdate update = new PartnerUpdate(text(body, "operator", errors), text(body, "feedUrl", errors),
                list(body, "sites", errors), text(body, "contactUrl", errors), pins,
                text(body, "addFingerprint", errors), text(body, "removeFingerprint", errors));
        errors.throwIfAny();
        return update;
    }

    private static String text(JsonNode body, String field, FieldErrors errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return node == null ? null : "";
        }
        if (!node.isTextual()) {
            errors.add(field, "must be a string");
            return null;
        }
        return node.asText();
    }

    private static List<String> list(JsonNode body, String field, FieldErrors errors) {
        JsonNode node = body.get(field);
        if (node == null) {
            return null;
        }
        List<String> values = new java.util.ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> {
                if (n.isTextual()) {
                    values.add(n.asText());
                } else {
                    errors.add(field, "must be an array of strings");
                }
            });
        } else if (!node.isNull()) {
            errors.add(field, "must be an array of strings");
        }
        return values;
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
        return AdminResponses.body(rc, type, mapper);
    }
}
