package org.rdex.server.console;

import java.time.Instant;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.rdex.server.admin.AdminConfig;
import org.rdex.server.common.Secrets;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sign-in and sign-out, the links of the chain before and after {@link SessionGuard}. The sign-in form carries
 * a CSRF token bound to a short-lived pre-session cookie; failures are throttled per client address
 * ({@link SignInThrottle}) before the token is compared.
 */
@ApplicationScoped
public class SignIn {

    private static final Logger LOG = Logger.getLogger(SignIn.class);
    private static final String PRE = "rdex_console_pre";

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance login(boolean disabled, String csrf, String error);
    }

    @Inject
    AdminConfig admin;
    @Inject
    ConsoleSessions sessions;
    @Inject
    SignInThrottle throttle;
    @Inject
    ConsoleView view;

    Optional<String> token() {
        return admin.token().filter(t -> !t.isBlank());
    }

    void page(RoutingContext rc) {
        render(rc, 200, null);
    }

    private void render(RoutingContext rc, int status, String error) {
        String pre = ConsoleSessions.randomToken();
        rc.response().addCookie(cookie(rc, PRE, pre, 600));
        ConsoleView.html(rc, token().isEmpty() ? 503 : status,
                Templates.login(token().isEmpty(), sessions.loginCsrf(pre), error));
    }

    void signIn(RoutingContext rc) {
        Optional<String> expected = token();
        if (expected.isEmpty()) {
            render(rc, 503, null);
            return;
        }
        Cookie pre = rc.request().getCookie(PRE);
        if (pre == null || !ConsoleSessions.equal(sessions.loginCsrf(pre.getValue()), ConsoleView.form(rc, "_csrf"))) {
            view.message(rc, 403, "Refused", "The form's CSRF token is missing or wrong: reload the sign-in page.");
            return;
        }
        String address = rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().hostAddress();
        // Refused before the token is compared, right or wrong: the answer must not tell a guesser when it hit.
        long wait = throttle.retryAfter(address, System.nanoTime());
        if (wait > 0) {
            LOG.warnf("Console sign-in from %s refused: too many failures, retry in %d s", address, wait);
            rc.response().putHeader("Retry-After", Long.toString(wait));
            view.message(rc, 429, "Too many attempts", "Too many wrong admin tokens from this address: try again in "
                    + wait + " s.");
            return;
        }
        if (!Secrets.constantTimeEquals(ConsoleView.form(rc, "token"), expected.get())) {
            int failures = throttle.failed(address, System.nanoTime());
            LOG.warnf("Console sign-in refused from %s: wrong admin token (%d failure(s) in the window)", address,
                    failures);
            render(rc, 401, "Wrong admin token.");
            return;
        }
        throttle.succeeded(address);
        ConsoleSessions.Session session = sessions.open();
        rc.response().addCookie(cookie(rc, PRE, "", 0));
        rc.response().addCookie(cookie(rc, ConsoleSessions.COOKIE, sessions.cookieValue(session),
                session.expires().getEpochSecond() - Instant.now().getEpochSecond()));
        LOG.infof("Console sign-in from %s", rc.request().remoteAddress());
        ConsoleView.redirect(rc, "/console");
    }

    void signOut(RoutingContext rc) {
        sessions.close(ConsoleView.session(rc));
        rc.response().addCookie(cookie(rc, ConsoleSessions.COOKIE, "", 0));
        ConsoleView.redirect(rc, "/console/login");
    }

    private static Cookie cookie(RoutingContext rc, String name, String value, long maxAge) {
        return Cookie.cookie(name, value).setPath("/console").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(rc.request().isSSL()).setMaxAge(maxAge);
    }
}
