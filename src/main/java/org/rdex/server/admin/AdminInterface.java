package org.rdex.server.admin;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.rdex.server.common.ApiError;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.Secrets;
import org.rdex.server.common.DatabaseConfig;
import org.rdex.server.common.DatabaseOutage;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
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
    private static final String PREFIX = "Bearer ";

    @Inject
    AdminConfig config;
    @Inject
    Instance<AdminEndpoint> endpoints;
    @Inject
    ObjectMapper mapper;
    @Inject
    DatabaseConfig database;
    @ConfigProperty(name = "rdex.cli", defaultValue = "false")
    boolean cli;

    void mount(@Observes ManagementInterface management) {
        if (!cli && config.token().filter(t -> !t.isBlank()).isEmpty()) {
            LOG.warn("rdex.admin.token (RDEX_ADMIN_TOKEN) is not set: the admin API refuses every call");
        }
        management.router().route("/admin/*").handler(this::authenticate);
        management.router().route("/admin/*").handler(BodyHandler.create().setBodyLimit(1024 * 1024));
        management.router().route("/admin/*").failureHandler(this::failure);
        endpoints.forEach(endpoint -> endpoint.register(management.router()));
    }

    private void authenticate(RoutingContext rc) {
        String header = rc.request().getHeader("Authorization");
        String presented = header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                ? header.substring(PREFIX.length()).trim() : null;
        boolean ok = config.token().filter(t -> !t.isBlank())
                .map(expected -> Secrets.constantTimeEquals(presented, expected)).orElse(false);
        if (ok) {
            rc.next();
        } else {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            AdminResponses.json(rc, 401, ApiError.of("access_denied", "An admin token is required"), mapper);
        }
    }

    private void failure(RoutingContext rc) {
        if (rc.failure() instanceof ApiException e) {
            AdminResponses.error(rc, e, mapper);
        } else if (rc.failure() != null && DatabaseOutage.isCause(rc.failure())) {
            AdminResponses.error(rc, DatabaseOutage.unavailable(database.retryAfter()), mapper);
        } else {
            LOG.error("Admin API failure", rc.failure());
            int status = rc.statusCode() > 0 ? rc.statusCode() : 500;
            AdminResponses.json(rc, status, ApiError.of(status == 500 ? "internal_error" : "invalid_input",
                    status == 500 ? "Internal error" : "Request refused"), mapper);
        }
    }
}
