package org.rdex.server.console;

import java.util.Optional;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The console's chain after sign-in: no admin token configured, nothing is served; no valid session, a GET goes
 * to the sign-in page and anything else is refused. The session is then in the routing context for
 * {@link CsrfGuard} and the pages ({@link ConsoleView#session}).
 */
@ApplicationScoped
public class SessionGuard implements Handler<RoutingContext> {

    static final String SESSION = "console.session";

    @Inject
    ConsoleSessions sessions;
    @Inject
    SignIn signIn;
    @Inject
    ConsoleView view;

    @Override
    public void handle(RoutingContext rc) {
        if (signIn.token().isEmpty()) {
            view.message(rc, 503, "Console disabled", "No admin token is configured: set RDEX_ADMIN_TOKEN and restart.");
            return;
        }
        Cookie cookie = rc.request().getCookie(ConsoleSessions.COOKIE);
        Optional<ConsoleSessions.Session> session = sessions.find(cookie == null ? null : cookie.getValue());
        if (session.isEmpty()) {
            if (isGet(rc)) {
                ConsoleView.redirect(rc, "/console/login");
            } else {
                view.message(rc, 403, "Refused", "Sign in first.");
            }
            return;
        }
        rc.put(SESSION, session.get());
        rc.next();
    }

    private static boolean isGet(RoutingContext rc) {
        return rc.request().method().name().equals("GET");
    }
}
