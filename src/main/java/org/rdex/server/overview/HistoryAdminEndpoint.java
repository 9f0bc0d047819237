package org.rdex.server.overview;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.rdex.server.admin.AdminEndpoint;
import org.rdex.server.admin.AdminResponses;
import org.rdex.server.audit.AuditLog;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.history.HistoryStore;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The history and the audit trail on the admin API: {@code GET /admin/history/export}, {@code .../imports},
 * {@code .../relay}, {@code .../live}, {@code .../keys} ({@code ?days=} 1 to {@code rdex.history.keep}, 8 by
 * default; {@code &bucket=hour|day}, day by default) and {@code GET /admin/audit?partner=&limit=}.
 */
@ApplicationScoped
public class HistoryAdminEndpoint implements AdminEndpoint {

    static final int DEFAULT_AUDIT_LIMIT = 100;

    @Inject
    OverviewService overview;
    @Inject
    AuditLog audit;
    @Inject
    ObjectMapper mapper;

    @Override
    public void register(Router router) {
        router.get("/admin/history/export").blockingHandler(
                rc -> AdminResponses.json(rc, 200, overview.exports(days(rc)), mapper), false);
        router.get("/admin/history/imports").blockingHandler(
                rc -> AdminResponses.json(rc, 200, overview.imports(days(rc)), mapper), false);
        router.get("/admin/history/relay").blockingHandler(
                rc -> AdminResponses.json(rc, 200, overview.relay(days(rc), bucket(rc)), mapper), false);
        router.get("/admin/history/live").blockingHandler(
                rc -> AdminResponses.json(rc, 200, overview.live(days(rc), bucket(rc)), mapper), false);
        router.get("/admin/history/keys").blockingHandler(
                rc -> AdminResponses.json(rc, 200, overview.keys(days(rc), bucket(rc)), mapper), false);
        router.get("/admin/audit").blockingHandler(rc -> {
            Optional<String> partner = Optional.ofNullable(single(rc, "partner")).filter(p -> !p.isBlank());
            int limit = number(rc, "limit", DEFAULT_AUDIT_LIMIT, 1, AuditLog.MAX_LIMIT);
            AdminResponses.json(rc, 200, audit.list(partner, limit), mapper);
        }, false);
    }

    private static int days(RoutingContext rc) {
        // The upper bound is the history's: OverviewService refuses more.
        return number(rc, "days", OverviewService.DEFAULT_DAYS, 1, Integer.MAX_VALUE);
    }

    private static HistoryStore.Bucket bucket(RoutingContext rc) {
        String value = single(rc, "bucket");
        if (value == null || value.isBlank()) {
            return HistoryStore.Bucket.DAY;
        }
        try {
            return HistoryStore.Bucket.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(List.of(new FieldError("bucket", "must be hour or day")));
        }
    }

    private static int number(RoutingContext rc, String name, int fallback, int min, int max) {
        String value = single(rc, name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.invalid(List.of(new FieldError(name, "must be a whole number from " + min
                + (max == Integer.MAX_VALUE ? "" : " to " + max))));
    }

    /** A query parameter given at most once; given twice, refused rather than guessed. */
    private static String single(RoutingContext rc, String name) {
        List<String> values = rc.queryParam(name);
        if (values.size() > 1) {
            throw ApiException.invalid(List.of(new FieldError(name, "is given more than once")));
        }
        return values.isEmpty() ? null : values.get(0);
    }
}
