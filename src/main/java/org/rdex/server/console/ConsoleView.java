package org.rdex.server.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rdex.server.common.OperatorConfig;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** What the pages share: the layout's {@link Chrome}, the error page, answers, and reading a form. */
@ApplicationScoped
public class ConsoleView {

    /** The notice shown after an action, by the {@code done} parameter of the page it redirects to. */
    private static final Map<String, String> NOTICES = Map.ofEntries(
            Map.entry("export", "Export started; refresh to see its run."),
            Map.entry("import", "Import started; refresh to see its report."),
            Map.entry("check", "Check started; refresh to see its report."),
            Map.entry("saved", "Partner saved."),
            Map.entry("removed", "Partner removed."),
            Map.entry("revoked", "Key revoked."),
            Map.entry("retried", "The message is queued again for delivery."),
            Map.entry("dropped", "The message is dropped: it will not be delivered (Retry queues it again)."),
            Map.entry("key-stored", "The partner's key is stored (encrypted)."),
            Map.entry("key-removed", "The partner's key is removed."),
            Map.entry("protocols", "Live protocols saved."),
            Map.entry("signed-out", "Signed out."));

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance message(String title, String text);
    }

    @Inject
    OperatorConfig operator;
    @Inject
    Instance<ConsolePage> pages;

    @Inject
    ConsoleConfig config;

    private volatile Readable readable;
    private volatile List<Nav> nav;

    /** The layout's data for {@code page} (the id of its {@link Nav} entry) in this request's session. */
    public Chrome chrome(RoutingContext rc, String page) {
        String done = rc.queryParams().get("done");
        return new Chrome(session(rc).csrf(), page, operator.name(), done == null ? null : NOTICES.get(done), null,
                nav(), readable());
    }

    /** How values print, in the operator's zone ({@code rdex.console.time-zone}). */
    public Readable readable() {
        if (readable == null) {
            readable = new Readable(config.zone(), Clock.systemUTC());
        }
        return readable;
    }

    private List<Nav> nav() {
        if (nav == null) {
            nav = pages.stream().map(ConsolePage::nav).flatMap(Optional::stream)
                    .sorted(Comparator.comparingInt(Nav::order)).toList();
        }
        return nav;
    }

    /** The page that says why an action was refused or what was not found. */
    public void message(RoutingContext rc, int status, String title, String text) {
        html(rc, status, Templates.message(title, text));
    }

    public void notFound(RoutingContext rc, String what) {
        message(rc, 404, "Not found", "No such " + what + ".");
    }

    public static ConsoleSessions.Session session(RoutingContext rc) {
        return rc.get(SessionGuard.SESSION);
    }

    public static void html(RoutingContext rc, int status, TemplateInstance page) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(page.render());
    }

    /** After a POST that changed something: the browser GETs {@code location}, so a reload does not repeat it. */
    public static void redirect(RoutingContext rc, String location) {
        rc.response().setStatusCode(303).putHeader("Location", location).end();
    }

    public static String form(RoutingContext rc, String name) {
        return rc.request().getFormAttribute(name);
    }

    /** Lines (or commas) of a text area, trimmed, blank ones dropped. */
    public static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The lines of a text area, or null when the form has no such field (left unchanged). */
    public static List<String> linesIfGiven(String text) {
        return text == null ? null : lines(text);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
