package org.rdex.server.tls;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Adds {@code Strict-Transport-Security} to every answer on the HTTPS port ({@code rdex.tls.hsts-max-age}).
 * Plain HTTP answers go without it: browsers ignore it there (RFC 6797, 8.1).
 */
@ApplicationScoped
public class StrictTransportSecurity {

    /** Before the application's own routes and filters, so that errors answered early carry it too. */
    private static final int PRIORITY = 1000;

    @Inject
    TlsConfig config;

    void register(@Observes Filters filters) {
        String value = "max-age=" + Math.max(0, config.hstsMaxAge().toSeconds());
        filters.register(rc -> {
            if (rc.request().isSSL()) {
                rc.response().putHeader("Strict-Transport-Security", value);
            }
            rc.next();
        }, PRIORITY);
    }
}
