package org.rdex.server.console;

import org.jboss.logging.Logger;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The link after {@link SessionGuard}: anything but a GET must carry the session's CSRF token. */
@ApplicationScoped
public class CsrfGuard implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(CsrfGuard.class);

    @Inject
    ConsoleView view;

    @Override
    public void handle(RoutingContext rc) {
        if (!rc.request().method().name().equals("GET")
                && !ConsoleSessions.equal(ConsoleView.session(rc).csrf(), ConsoleView.form(rc, "_csrf"))) {
            LOG.warnf("Console form without a valid CSRF token refused: %s", rc.request().path());
            view.message(rc, 403, "Refused", "The form's CSRF token is missing or wrong: reload the page and try again.");
            return;
        }
        rc.next();
    }
}
