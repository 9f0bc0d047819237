package org.rdex.server.console;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.rdex.server.check.CheckReport;
import org.rdex.server.check.CheckReportRepository;
import org.rdex.server.check.PartnerCheckService;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.imports.ImportService;
import org.rdex.server.partner.ImportReport;
import org.rdex.server.partner.ImportReportRepository;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.partner.PartnerUpdate;
import org.rdex.server.protocol.CheckResult;

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
                CheckReport check, List<String> warnings, List<FieldError> fields, FormErrors errors,
                PartnerEditForm edit, LiveProtocolsForm.Values live);
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
    @Inject
    LiveProtocolsForm liveForm;

    @Override
    public void register(PageRoutes routes) {
        routes.get("/console/partners/:name", rc -> show(rc, 200, List.of(), List.of(), null, null))
                .post("/console/partners/:name", this::update)
                .post("/console/partners/:name/key", this::setKey)
                .post("/console/partners/:name/key/remove", this::removeKey)
                .post("/console/partners/:name/protocols", this::saveProtocols)
                .post("/console/partners/:name/import", rc -> inBackground(rc, "import",
                        name -> imports.importPartner(name, Optional.empty(), Optional.empty())))
                .post("/console/partners/:name/check", rc -> inBackground(rc, "check", checks::check))
                .post("/console/partners/:name/remove", this::remove);
    }

    /** The partner's page; {@code edit} and {@code live} carry what was typed in a refused form, else null. */
    private void show(RoutingContext rc, int status, List<String> warnings, List<FieldError> fields,
            PartnerEditForm edit, LiveProtocolsForm.Values live) {
        Optional<Partner> found = partners.findByName(rc.pathParam("name"));
        if (found.isEmpty()) {
            view.notFound(rc, "partner");
            return;
        }
        show(rc, status, found.get(), warnings, fields, edit, live);
    }

    void show(RoutingContext rc, int status, Partner p, List<String> warnings, List<FieldError> fields,
            PartnerEditForm edit, LiveProtocolsForm.Values live) {
        Chrome chrome = view.chrome(rc, "partners").withError(fields.isEmpty() ? null : "Not saved: correct the fields below.");
        PartnerRow row = rows.row(p);
        ConsoleView.html(rc, status, Templates.partner(chrome, row, reports.recent(p.id, 20),
                checkReports.last(p.id).orElse(null), warnings, fields, new FormErrors(fields),
                edit == null ? PartnerEditForm.of(row) : edit, live == null ? liveForm.stored(p.name) : live));
    }

    /** Stores the key the partner issued to us, as {@code partners set-key} does; a blank one changes nothing. */
    private void setKey(RoutingContext rc) {
        String key = ConsoleView.form(rc, "key");
        if (key == null || key.isBlank()) {
            show(rc, 400, List.of(), List.of(new FieldError("key",
                    "Type the key the partner gave you; to remove the stored one, use Remove the key.")), null, null);
            return;
        }
        keyChange(rc, key, "key-stored");
    }

    private void removeKey(RoutingContext rc) {
        keyChange(rc, "", "key-removed");
    }

    private void keyChange(RoutingContext rc, String key, String done) {
        try {
            if (!partners.setOutboundKey(rc.pathParam("name"), key)) {
                view.notFound(rc, "partner");
                return;
            }
            ConsoleView.redirect(rc, "/console/partners/" + ConsoleView.encode(rc.pathParam("name")) + "?done=" + done);
        } catch (ApiException e) {
            show(rc, e.status(), List.of(), e.fields(), null, null);
        }
    }

    private void saveProtocols(RoutingContext rc) {
        Optional<Partner> p = partners.findByName(rc.pathParam("name"));
        if (p.isEmpty()) {
            view.notFound(rc, "partner");
            return;
        }
        try {
            liveForm.save(p.get().name, rc);
            ConsoleView.redirect(rc, "/console/partners/" + ConsoleView.encode(p.get().name) + "?done=protocols");
        } catch (ApiException e) {
            show(rc, e.status(), p.get(), List.of(), e.fields(), null, liveForm.typed(p.get().name, rc));
        }
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
            show(rc, e.status(), List.of(), e.fields(), PartnerEditForm.typed(rc), null);
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
