package org.rdex.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.jboss.logging.Logger;
import org.rdex.server.common.RuntimeSettings;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * The operator console: server-rendered pages (Qute, escaped by default) under {@code /console} on the
 * management interface only (port 9000, 127.0.0.1 by default), like the admin API. Every request goes through
 * one chain: {@link SecurityHeaders}, a capped body, the static files and {@link SignIn} (the only routes before
 * a session), {@link SessionGuard}, {@link CsrfGuard}, then the {@link ConsolePage}s. With no admin token
 * configured the console refuses everything. No secret is ever rendered, except a newly issued key, once.
 */
@ApplicationScoped
public class ConsoleRouter {

    private static final Logger LOG = Logger.getLogger(ConsoleRouter.class);

    @Inject
    RuntimeSettings runtime;
    @Inject
    SecurityHeaders headers;
    @Inject
    SignIn signIn;
    @Inject
    SessionGuard sessionGuard;
    @Inject
    CsrfGuard csrfGuard;
    @Inject
    ConsoleView view;
    @Inject
    Instance<ConsolePage> pages;

    void mount(@Observes ManagementInterface management) {
        if (runtime.cli()) {
            return;
        }
        Map<String, byte[]> statics = Map.of("console.css", resource("console/console.css"),
                "console.js", resource("console/console.js"));
        Router r = management.router();
        r.route("/console*").handler(headers);
        r.route("/console*").handler(BodyHandler.create().setBodyLimit(64 * 1024).setHandleFileUploads(false));
        r.get("/console/static/:file").handler(rc -> serveStatic(rc, statics));
        r.get("/console/login").handler(signIn::page);
        r.post("/console/login").handler(signIn::signIn);
        r.route("/console*").handler(sessionGuard);
        r.route("/console*").handler(csrfGuard);
        r.post("/console/logout").handler(signIn::signOut);
        PageRoutes routes = new PageRoutes(r);
        pages.forEach(page -> page.register(routes));
        r.route("/console*").failureHandler(this::failure);
    }

    private void failure(RoutingContext rc) {
        LOG.error("Console failure", rc.failure());
        if (!rc.response().ended()) {
            view.message(rc, rc.statusCode() > 0 && rc.statusCode() != 500 ? rc.statusCode() : 500, "Error",
                    "Something went wrong; the server's log has the details.");
        }
    }

    private static void serveStatic(RoutingContext rc, Map<String, byte[]> statics) {
        String file = rc.pathParam("file");
        byte[] body = statics.get(file);
        if (body == null) {
            rc.response().setStatusCode(404).end();
            return;
        }
        rc.response().putHeader("Content-Type", file.endsWith(".css") ? "text/css; charset=utf-8"
                : "text/javascript; charset=utf-8").end(Buffer.buffer(body));
    }

    private static byte[] resource(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
