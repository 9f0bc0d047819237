package org.rdex.server.console;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.rdex.server.check.CheckReport;
import org.rdex.server.check.CheckReportRepository;
import org.rdex.server.check.CheckResult;
import org.rdex.server.check.PartnerCheckService;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.imports.ImportService;
import org.rdex.server.partner.ImportReport;
import org.rdex.server.partner.ImportReportRepository;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.partner.PartnerUpdate;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code /console/partners/{name}}: one partner, its import history and last check; edit it, import or check it
 * now, remove it.
 */
@ApplicationScoped
public class PartnerPage implements ConsolePage {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance partner(Chrome chrome, PartnerRow p, List<ImportReport> history,
                CheckReport check, List<String> warnings, List<FieldError> fields);
    }

    @Inject
    ConsoleView view;
    @Inject
    org.rdex.server.audit.AuditLog audit;
    @Inject
    PartnerService partners;
    @Inject
    PartnerRows rows;
    @Inject
    ImportReportRepository reports;
    @Inject
    CheckReportRepository checkReports;
    @Inject
    ImportService imports;
    @Inject
    PartnerCheckService checks;

    @Override
    public void register(PageRoutes routes) {
        routes.get("/console/partners/:name", rc -> show(rc, 200, List.of(), List.of()))
                .post("/console/partners/:name", this::update)
                .post("/console/partners/:name/import", rc -> inBackground(rc, "import",
                        name -> imports.importPartner(name, Optional.empty(), Optional.empty())))
                .post("/console/partners/:name/check", rc -> inBackground(rc, "check", checks::check))
                .post("/console/partners/:name/remove", this::remove);
    }

    private void show(RoutingContext rc, int status, List<String> warnings, List<FieldError> fields) {
        Optional<Partner> found = partners.findByName(rc.pathParam("name"));
        if (found.isEmpty()) {
            view.notFound(rc, "partner");
            return;
        }
        show(rc, status, found.get(), warnings, fields);
    }

    void show(RoutingContext rc, int status, Partner p, List<String> warnings, List<FieldError> fields) {
        Chrome chrome = view.chrome(rc, "partners").withError(fields.isEmpty() ? null : "Not saved: correct the fields below.");
        ConsoleView.html(rc, status, Templates.partner(chrome, rows.row(p), reports.recent(p.id, 20),
                checkReports.last(p.id).orElse(null), warnings, fields));
    }

    private void update(RoutingContext rc) {
        String name = rc.pathParam("name");
        try {
            Optional<Partner> updated = partners.update(name, new PartnerUpdate(ConsoleView.form(rc, "operator"),
                    nullToEmpty(ConsoleView.form(rc, "feedUrl")), ConsoleView.linesIfGiven(ConsoleView.form(rc, "sites")),
                    nullToEmpty(ConsoleView.form(rc, "contactUrl")), ConsoleView.linesIfGiven(ConsoleView.form(rc, "pins")),
                    null, null));
            if (updated.isEmpty()) {
                view.notFound(rc, "partner");
                return;
            }
            ConsoleView.redirect(rc, "/console/partners/" + ConsoleView.encode(updated.get().name) + "?done=saved");
        } catch (ApiException e) {
            show(rc, e.status(), List.of(), e.fields());
        }
    }

    /**
     * Runs {@code job} on the partner named in the path in the background (it waits on the partner, longer than a
     * page may), then back to the partner's page, which shows its report.
     */
    private void inBackground(RoutingContext rc, String what, Consumer<String> job) {
        Optional<Partner> p = partners.findByName(rc.pathParam("name"));
        if (p.isEmpty()) {
            view.notFound(rc, "partner");
            return;
        }
        String name = p.get().name;
        audit.record(what + ".run", name, null, null, java.util.Map.of("started", "in the background"));
        Background.run(what, () -> job.accept(name));
        ConsoleView.redirect(rc, "/console/partners/" + ConsoleView.encode(name) + "?done=" + what);
    }

    private void remove(RoutingContext rc) {
        if (!"yes".equals(ConsoleView.form(rc, "confirm"))) {
            view.message(rc, 400, "Not removed", "Tick the box to confirm the removal.");
            return;
        }
        if (!partners.remove(rc.pathParam("name"))) {
            view.notFound(rc, "partner");
            return;
        }
        ConsoleView.redirect(rc, "/console/partners?done=removed");
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
