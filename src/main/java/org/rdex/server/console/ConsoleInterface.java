package org.rdex.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.rdex.server.admin.AdminConfig;
import org.rdex.server.check.CheckReport;
import org.rdex.server.check.CheckReportRepository;
import org.rdex.server.check.CheckResult;
import org.rdex.server.check.PartnerCheckService;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.common.RuntimeSettings;
import org.rdex.server.common.Secrets;
import org.rdex.server.contact.Outbox;
import org.rdex.server.contact.RelayChannel;
import org.rdex.server.export.ExportService;
import org.rdex.server.export.ExportSpace;
import org.rdex.server.export.ExportStore;
import org.rdex.server.partner.ImportReportRepository;
import org.rdex.server.imports.ImportService;
import org.rdex.server.common.OperatorConfig;
import org.rdex.server.live.PartnerProtocols;
import org.rdex.server.key.KeyService;
import org.rdex.server.partner.FeedCertificateCheck;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.partner.PartnerUpdate;

import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateData;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The operator console: server-rendered pages (Qute, escaped by default) under {@code /console} on the
 * management interface only (port 9000, 127.0.0.1 by default), like the admin API. Sign-in with the admin
 * token gives a session cookie ({@link ConsoleSessions}); every form carries the session's CSRF token and a
 * POST without it is refused. With no admin token configured the console refuses everything. No secret is
 * ever rendered, except a newly issued key, once.
 */
@ApplicationScoped
public class ConsoleInterface {

    private static final Logger LOG = Logger.getLogger(ConsoleInterface.class);
    private static final String PRE = "rdex_console_pre";
    private static final String SESSION = "console.session";
    private static final Map<String, String> NOTICES = Map.of(
            "export", "Export started; refresh to see its run.",
            "import", "Import started; refresh to see its report.",
            "check", "Check started; refresh to see its report.",
            "saved", "Partner saved.",
            "removed", "Partner removed.",
            "revoked", "Key revoked.",
            "retried", "The message is queued again for delivery.",
            "signed-out", "Signed out.");

    /** A field error of a form. */
    @TemplateData(target = FieldError.class)
    @TemplateData(target = ExportStore.Published.class)
    @TemplateData(target = KeyService.Issued.class)
    @TemplateData(target = CheckReport.class)
    @TemplateData(target = CheckResult.class)
    static final class Types {
    }

    @Inject
    AdminConfig admin;
    @Inject
    ConsoleSessions sessions;
    @Inject
    SignInThrottle throttle;
    @Inject
    ConsoleData data;
    @Inject
    Engine engine;
    @Inject
    PartnerService partners;
    @Inject
    FeedCertificateCheck certificates;
    @Inject
    ImportReportRepository reports;
    @Inject
    ImportService imports;
    @Inject
    KeyService keys;
    @Inject
    PartnerProtocols protocols;
    @Inject
    PartnerCheckService checks;
    @Inject
    CheckReportRepository checkReports;
    @Inject
    Outbox outbox;
    @Inject
    RelayChannel relayChannel;
    @Inject
    ExportService exports;
    @Inject
    ExportStore exportStore;
    @Inject
    ExportSpace exportSpace;
    @Inject
    OperatorConfig operator;
    @Inject
    RuntimeSettings runtime;

    private final Map<String, byte[]> statics = new HashMap<>();

    void mount(@Observes ManagementInterface management) {
        if (runtime.cli()) {
            return;
        }
        statics.put("console.css", resource("console/console.css"));
        statics.put("console.js", resource("console/console.js"));
        Router r = management.router();
        r.route("/console*").handler(this::headers);
        r.route("/console*").handler(BodyHandler.create().setBodyLimit(64 * 1024).setHandleFileUploads(false));
        r.get("/console/static/:file").handler(this::serveStatic);
        r.get("/console/login").handler(this::loginPage);
        r.post("/console/login").handler(this::login);
        r.route("/console*").handler(this::requireSession);
        r.post("/console/logout").handler(this::logout);
        r.get("/console").blockingHandler(this::overview, false);
        r.post("/console/export/run").handler(this::runExport);
        r.get("/console/partners").blockingHandler(rc -> partnersPage(rc, 200, Map.of(), List.of(), null), false);
        r.post("/console/partners").blockingHandler(this::addPartner, false);
        r.get("/console/partners/:name").blockingHandler(rc -> partnerPage(rc, 200, List.of(), List.of()), false);
        r.post("/console/partners/:name").blockingHandler(this::updatePartner, false);
        r.post("/console/partners/:name/import").blockingHandler(this::importNow, false);
        r.post("/console/partners/:name/check").blockingHandler(this::checkNow, false);
        r.post("/console/partners/:name/remove").blockingHandler(this::removePartner, false);
        r.get("/console/keys").blockingHandler(rc -> keysPage(rc, 200, null, List.of()), false);
        r.post("/console/keys").blockingHandler(this::issueKey, false);
        r.post("/console/keys/:id/revoke").blockingHandler(this::revokeKey, false);
        r.get("/console/relay").blockingHandler(this::relayPage, false);
        r.post("/console/relay/:id/retry").blockingHandler(this::retry, false);
        r.route("/console*").failureHandler(this::failure);
    }

    // --- security ---------------------------------------------------------------------------------

    private void headers(RoutingContext rc) {
        rc.response().putHeader("Cache-Control", "no-store")
                .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self';"
                        + " img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer");
        rc.next();
    }

    private Optional<String> token() {
        return admin.token().filter(t -> !t.isBlank());
    }

    private void loginPage(RoutingContext rc) {
        renderLogin(rc, 200, null);
    }

    private void renderLogin(RoutingContext rc, int status, String error) {
        String pre = ConsoleSessions.randomToken();
        rc.response().addCookie(cookie(rc, PRE, pre, 600));
        html(rc, token().isEmpty() ? 503 : status, engine.getTemplate("console/login").data("disabled", token().isEmpty())
                .data("csrf", sessions.loginCsrf(pre)).data("error", error).render());
    }

    private void login(RoutingContext rc) {
        Optional<String> expected = token();
        if (expected.isEmpty()) {
            renderLogin(rc, 503, null);
            return;
        }
        Cookie pre = rc.request().getCookie(PRE);
        if (pre == null || !ConsoleSessions.equal(sessions.loginCsrf(pre.getValue()), form(rc, "_csrf"))) {
            message(rc, 403, "Refused", "The form's CSRF token is missing or wrong: reload the sign-in page.");
            return;
        }
        String address = rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().hostAddress();
        // Refused before the token is compared, right or wrong: the answer must not tell a guesser when it hit.
        long wait = throttle.retryAfter(address, System.nanoTime());
        if (wait > 0) {
            LOG.warnf("Console sign-in from %s refused: too many failures, retry in %d s", address, wait);
            rc.response().putHeader("Retry-After", Long.toString(wait));
            message(rc, 429, "Too many attempts", "Too many wrong admin tokens from this address: try again in "
                    + wait + " s.");
            return;
        }
        if (!Secrets.constantTimeEquals(form(rc, "token"), expected.get())) {
            int failures = throttle.failed(address, System.nanoTime());
            LOG.warnf("Console sign-in refused from %s: wrong admin token (%d failure(s) in the window)", address,
                    failures);
            renderLogin(rc, 401, "Wrong admin token.");
            return;
        }
        throttle.succeeded(address);
        ConsoleSessions.Session session = sessions.open();
        rc.response().addCookie(cookie(rc, PRE, "", 0));
        rc.response().addCookie(cookie(rc, ConsoleSessions.COOKIE, sessions.cookieValue(session),
                session.expires().getEpochSecond() - java.time.Instant.now().getEpochSecond()));
        LOG.infof("Console sign-in from %s", rc.request().remoteAddress());
        redirect(rc, "/console");
    }

    private void requireSession(RoutingContext rc) {
        if (token().isEmpty()) {
            message(rc, 503, "Console disabled", "No admin token is configured: set RDEX_ADMIN_TOKEN and restart.");
            return;
        }
        Cookie cookie = rc.request().getCookie(ConsoleSessions.COOKIE);
        Optional<ConsoleSessions.Session> session = sessions.find(cookie == null ? null : cookie.getValue());
        if (session.isEmpty()) {
            if (rc.request().method().name().equals("GET")) {
                redirect(rc, "/console/login");
            } else {
                message(rc, 403, "Refused", "Sign in first.");
            }
            return;
        }
        if (!rc.request().method().name().equals("GET")
                && !ConsoleSessions.equal(session.get().csrf(), form(rc, "_csrf"))) {
            LOG.warnf("Console form without a valid CSRF token refused: %s", rc.request().path());
            message(rc, 403, "Refused", "The form's CSRF token is missing or wrong: reload the page and try again.");
            return;
        }
        rc.put(SESSION, session.get());
        org.rdex.server.audit.Actor.set(org.rdex.server.audit.Actor.CONSOLE);
        rc.next();
    }

    private void logout(RoutingContext rc) {
        sessions.close(rc.get(SESSION));
        rc.response().addCookie(cookie(rc, ConsoleSessions.COOKIE, "", 0));
        redirect(rc, "/console/login");
    }

    private static Cookie cookie(RoutingContext rc, String name, String value, long maxAge) {
        return Cookie.cookie(name, value).setPath("/console").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(rc.request().isSSL()).setMaxAge(maxAge);
    }

    // --- pages ------------------------------------------------------------------------------------

    private io.quarkus.qute.TemplateInstance page(RoutingContext rc, String template, String page) {
        ConsoleSessions.Session session = rc.get(SESSION);
        String done = rc.queryParams().get("done");
        return engine.getTemplate("console/" + template).instance().data("csrf", session.csrf()).data("page", page)
                .data("operator", operator.name()).data("notice", done == null ? null : NOTICES.get(done))
                .data("error", null);
    }

    private void overview(RoutingContext rc) {
        List<ConsoleData.ExportRun> runs = data.exportRuns(10);
        html(rc, 200, page(rc, "overview", "overview").data("health", data.healthStatus()).data("checks", data.checks())
                .data("published", exportStore.current().orElse(null)).data("runs", runs)
                .data("failures", runs.stream().filter(r -> r.status().equals("FAILED")).count())
                .data("nextExport", data.nextExport()).data("relay", relayCounts())
                .data("relayProblem", relayChannel.problem().orElse(null))
                .data("metrics", data.metrics())
                .data("spaceWarning", exportStore.current().flatMap(p -> exportSpace.estimate(p.bytes()))
                        .filter(ExportSpace.Estimate::low).map(ExportSpace.Estimate::warning).orElse(null))
                .render());
    }

    private void runExport(RoutingContext rc) {
        // Off the request: an export of a large network takes minutes; the page shows its run when done.
        Thread thread = new Thread(() -> {
            try {
                LOG.info("Export started from the console: " + exports.export(Optional.empty()).summary());
            } catch (RuntimeException e) {
                LOG.error("Export started from the console failed", e);
            }
        }, "rdex-console-export");
        thread.setDaemon(true);
        thread.start();
        redirect(rc, "/console?done=export");
    }

    private void partnersPage(RoutingContext rc, int status, Map<String, String> form, List<FieldError> fields,
            String error) {
        List<PartnerRow> rows = partners.list().stream().map(p -> PartnerRow.of(p, reports.last(p.id).orElse(null), protocols.byId(p.id))).toList();
        html(rc, status, page(rc, "partners", "partners").data("partners", rows).data("form", form)
                .data("fields", fields).data("error", error).render());
    }

    private void addPartner(RoutingContext rc) {
        Map<String, String> form = new HashMap<>();
        for (String f : List.of("name", "operator", "feedUrl", "sites", "contactUrl", "fingerprint")) {
            form.put(f, form(rc, f));
        }
        try {
            Partner p = partners.add(new NewPartner(form.get("name"), form.get("operator"), form.get("feedUrl"),
                    lines(form.get("sites")), form.get("contactUrl"), form.get("fingerprint")));
            List<String> warnings = certificates.warning(p).stream().toList();
            rc.pathParams().put("name", p.name);
            partnerPage(rc, 201, warnings, List.of());
        } catch (ApiException e) {
            partnersPage(rc, e.status(), form, e.fields(), e.getMessage());
        }
    }

    private void partnerPage(RoutingContext rc, int status, List<String> warnings, List<FieldError> fields) {
        Optional<Partner> found = partners.findByName(rc.pathParam("name"));
        if (found.isEmpty()) {
            message(rc, 404, "Not found", "No such partner.");
            return;
        }
        Partner p = found.get();
        html(rc, status, page(rc, "partner", "partners").data("p", PartnerRow.of(p, reports.last(p.id).orElse(null), protocols.byId(p.id)))
                .data("history", reports.recent(p.id, 20)).data("check", checkReports.last(p.id).orElse(null))
                .data("warnings", warnings).data("fields", fields)
                .data("error", fields.isEmpty() ? null : "Not saved: correct the fields below.").render());
    }

    private void updatePartner(RoutingContext rc) {
        String name = rc.pathParam("name");
        try {
            Optional<Partner> updated = partners.update(name, new PartnerUpdate(form(rc, "operator"),
                    nullToEmpty(form(rc, "feedUrl")), linesIfGiven(form(rc, "sites")),
                    nullToEmpty(form(rc, "contactUrl")), linesIfGiven(form(rc, "pins")), null, null));
            if (updated.isEmpty()) {
                message(rc, 404, "Not found", "No such partner.");
                return;
            }
            redirect(rc, "/console/partners/" + encode(updated.get().name) + "?done=saved");
        } catch (ApiException e) {
            partnerPage(rc, e.status(), List.of(), e.fields());
        }
    }

    private void importNow(RoutingContext rc) {
        inBackground(rc, "import", name -> imports.importPartner(name, Optional.empty(), Optional.empty()));
    }

    private void checkNow(RoutingContext rc) {
        inBackground(rc, "check", checks::check);
    }

    /**
     * Runs {@code job} on the partner named in the path on a thread of its own (it waits on the partner, longer
     * than a page may), then back to the partner's page, which shows its report.
     */
    private void inBackground(RoutingContext rc, String what, java.util.function.Consumer<String> job) {
        Optional<Partner> p = partners.findByName(rc.pathParam("name"));
        if (p.isEmpty()) {
            message(rc, 404, "Not found", "No such partner.");
            return;
        }
        String name = p.get().name;
        Thread thread = new Thread(() -> {
            try {
                job.accept(name);
            } catch (RuntimeException e) {
                LOG.error("The " + what + " started from the console failed", e);
            }
        }, "rdex-console-" + what);
        thread.setDaemon(true);
        thread.start();
        redirect(rc, "/console/partners/" + encode(name) + "?done=" + what);
    }

    private void removePartner(RoutingContext rc) {
        if (!"yes".equals(form(rc, "confirm"))) {
            message(rc, 400, "Not removed", "Tick the box to confirm the removal.");
            return;
        }
        if (!partners.remove(rc.pathParam("name"))) {
            message(rc, 404, "Not found", "No such partner.");
            return;
        }
        redirect(rc, "/console/partners?done=removed");
    }

    private void keysPage(RoutingContext rc, int status, KeyService.Issued issued, List<FieldError> fields) {
        html(rc, status, page(rc, "keys", "keys").data("keys", keys.list()).data("issued", issued)
                .data("partners", partners.list().stream().map(p -> p.name).toList()).data("lastUse", data.lastKeyUse())
                .data("fields", fields).data("error", fields.isEmpty() ? null : "No key issued: correct the fields below.")
                .render());
    }

    private void issueKey(RoutingContext rc) {
        try {
            KeyService.Issued issued = keys.issue(form(rc, "partner"), lines(form(rc, "ips")), form(rc, "expires"));
            // The one page that shows a secret: the new key, once; nothing caches it (Cache-Control: no-store).
            keysPage(rc, 201, issued, List.of());
        } catch (ApiException e) {
            keysPage(rc, e.status(), null, e.fields().isEmpty() ? List.of(new FieldError("partner", e.getMessage())) : e.fields());
        }
    }

    private void revokeKey(RoutingContext rc) {
        if (keys.revoke(rc.pathParam("id")).isEmpty()) {
            message(rc, 404, "Not found", "No such key.");
            return;
        }
        redirect(rc, "/console/keys?done=revoked");
    }

    private void relayPage(RoutingContext rc) {
        html(rc, 200, page(rc, "relay", "relay").data("counts", relayCounts()).data("failed", data.failedMessages(100))
                .data("pending", data.pendingMessages(100)).data("delivered", data.recentDeliveries(20))
                .data("relayProblem", relayChannel.problem().orElse(null)).render());
    }

    private void retry(RoutingContext rc) {
        long id;
        try {
            id = Long.parseLong(rc.pathParam("id"));
        } catch (NumberFormatException e) {
            message(rc, 404, "Not found", "No such message.");
            return;
        }
        if (!data.retry(id)) {
            message(rc, 409, "Not retried", "Only a failed message whose text has not been purged can be retried.");
            return;
        }
        redirect(rc, "/console/relay?done=retried");
    }

    private List<ConsoleData.Metric> relayCounts() {
        try {
            List<ConsoleData.Metric> counts = new ArrayList<>();
            outbox.counts().forEach((k, v) -> counts.add(new ConsoleData.Metric(k, String.valueOf(v))));
            return counts;
        } catch (java.sql.SQLException e) {
            return List.of(new ConsoleData.Metric("database", "unavailable"));
        }
    }

    // --- plumbing ---------------------------------------------------------------------------------

    private void serveStatic(RoutingContext rc) {
        String file = rc.pathParam("file");
        byte[] body = statics.get(file);
        if (body == null) {
            rc.response().setStatusCode(404).end();
            return;
        }
        rc.response().putHeader("Content-Type", file.endsWith(".css") ? "text/css; charset=utf-8"
                : "text/javascript; charset=utf-8").end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    private void failure(RoutingContext rc) {
        LOG.error("Console failure", rc.failure());
        if (!rc.response().ended()) {
            message(rc, rc.statusCode() > 0 && rc.statusCode() != 500 ? rc.statusCode() : 500, "Error",
                    "Something went wrong; the server's log has the details.");
        }
    }

    private void message(RoutingContext rc, int status, String title, String text) {
        html(rc, status, engine.getTemplate("console/message").data("title", title).data("text", text).render());
    }

    private static void html(RoutingContext rc, int status, String body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(body);
    }

    private static void redirect(RoutingContext rc, String location) {
        rc.response().setStatusCode(303).putHeader("Location", location).end();
    }

    private static String form(RoutingContext rc, String name) {
        return rc.request().getFormAttribute(name);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Lines (or commas) of a text area, trimmed, blank ones dropped. */
    static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> linesIfGiven(String text) {
        return text == null ? null : lines(text);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
