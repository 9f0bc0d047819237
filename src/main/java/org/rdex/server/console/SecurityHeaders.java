package org.rdex.server.console;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * First link of the console's chain: a strict Content-Security-Policy (nothing inline, nothing from elsewhere),
 * no caching (the keys page shows a new key once), no framing, no sniffing, no referrer.
 */
@ApplicationScoped
public class SecurityHeaders implements Handler<RoutingContext> {

    static final String CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Override
    public void handle(RoutingContext rc) {
        rc.response().putHeader("Cache-Control", "no-store")
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer");
        rc.next();
    }
}
