package org.rdex.server.console;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The routes a page may add. Every handler runs off the event loop: the pages query the database and the
 * services they call may wait.
 */
public final class PageRoutes {

    private final Router router;

    PageRoutes(Router router) {
        this.router = router;
    }

    public PageRoutes get(String path, Handler<RoutingContext> handler) {
        router.get(checked(path)).blockingHandler(handler, false);
        return this;
    }

    public PageRoutes post(String path, Handler<RoutingContext> handler) {
        router.post(checked(path)).blockingHandler(handler, false);
        return this;
    }

    /** A route outside {@code /console} would miss the security chain. */
    private static String checked(String path) {
        if (!path.equals("/console") && !path.startsWith("/console/")) {
            throw new IllegalArgumentException("A console page's route must be under /console: " + path);
        }
        return path;
    }
}
