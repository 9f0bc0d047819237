package org.rdex.server.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiError;
import org.rdex.server.audit.Actor;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.BearerToken;
import org.rdex.server.common.DatabaseState;
import org.rdex.server.common.RuntimeSettings;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Mounts the admin API on the management interface: never on the public port, and only for callers
 * presenting the admin token (fails closed when none is configured).
 */
@ApplicationScoped
public class AdminInterface {

    private static final Logger LOG = Logger.getLogger(AdminInterface.class);

    @Inject
    AdminConfig config;
    @Inject
    Instance<AdminEndpoint> endpoints;
    @Inject
    ObjectMapper mapper;
    @Inject
    DatabaseState database;
    @Inject
    RuntimeSettings runtime;

    void mount(@Observes ManagementInterface management) {
        if (!runtime.cli() && config.token().filter(t -> !t.isBlank()).isEmpty()) {
            LOG.warn("rdex.admin.token (RDEX_ADMIN_TOKEN) is not set: the admin API refuses every call");
        }
        management.router().route("/admin/*").handler(this::authenticate);
        // Every admin route reads or writes the database: during a known outage, 503 without waiting for it.
        management.router().route("/admin/*").handler(rc -> {
            if (database.down()) {
                rc.fail(database.unavailable());
            } else {
                rc.next();
            }
        });
        management.router().route("/admin/*").handler(BodyHandler.create().setBodyLimit(1024 * 1024));
        management.router().route("/admin/*").failureHandler(this::failure);
        endpoints.forEach(endpoint -> endpoint.register(management.router()));
    }

    private void authenticate(RoutingContext rc) {
        if (BearerToken.from(rc.request().headers().getAll("Authorization")).matches(config.token())) {
            Actor.set(Actor.ADMIN_TOKEN);
            rc.next();
        } else {
            rc.fail(new ApiException(401, "access_denied", "An admin token is required", List.of(),
                    Map.of("WWW-Authenticate", "Bearer")));
        }
    }

    /**
     * The one error path of the admin API: routes throw an {@link ApiException} (or fail with anything else)
     * and this answers with the one error body. An outage of the database is a 503; any other exception a
     * logged 500 whose message stays in the log.
     */
    private void failure(RoutingContext rc) {
        if (rc.response().ended()) {
            LOG.error("Admin API failure after the answer was sent", rc.failure());
            return;
        }
        Optional<ApiException> unavailable = rc.failure() == null || rc.failure() instanceof ApiException
                ? Optional.empty() : database.failed(rc.failure());
        if (rc.failure() instanceof ApiException e) {
            AdminResponses.error(rc, e, mapper);
        } else if (unavailable.isPresent()) {
            LOG.warnf("Admin API answering 503: database unavailable or lacking a resource (%s)",
                    rc.failure().getClass().getSimpleName());
            AdminResponses.error(rc, unavailable.get(), mapper);
        } else if (refusedByVertx(rc) > 0) {
            // A body over the limit and the like: the request's fault, nothing to log.
            AdminResponses.json(rc, refusedByVertx(rc), ApiError.of("invalid_input", "Request refused"), mapper);
        } else {
            String id = UUID.randomUUID().toString();
            LOG.errorf(rc.failure(), "Admin API failure, id %s", id);
            AdminResponses.json(rc, 500, ApiError.of("internal_error", "Internal error; quote id " + id), mapper);
        }
    }

    /** The 4xx status Vert.x refused the request with, or 0. */
    private static int refusedByVertx(RoutingContext rc) {
        int status = rc.failure() instanceof HttpException http ? http.getStatusCode()
                : rc.failure() == null ? rc.statusCode() : -1;
        return status >= 400 && status < 500 ? status : 0;
    }
}
