package org.rdex.server.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.contact.RelayQueue;
import org.rdex.server.key.KeyService;
import org.rdex.server.partner.PartnerService;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code /console/keys}: the keys partners use on our contact API; issue one (shown once), revoke one. */
@ApplicationScoped
public class KeysPage implements ConsolePage {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance keys(Chrome chrome, List<KeyService.KeyView> keys, Map<String, Instant> lastUse,
                KeyService.Issued issued, List<String> partners, List<FieldError> fields, FormErrors errors,
                KeyForm form);
    }

    /** The issue form as typed, shown again when the key is refused. */
    @io.quarkus.qute.TemplateData
    public record KeyForm(String partner, String ips, String expires) {
        static final KeyForm EMPTY = new KeyForm("", "", "");
    }

    @Inject
    ConsoleView view;
    @Inject
    KeyService keys;
    @Inject
    PartnerService partners;
    @Inject
    RelayQueue relay;

    @Override
    public void register(PageRoutes routes) {
        routes.get("/console/keys", rc -> show(rc, 200, null, List.of(), KeyForm.EMPTY)).post("/console/keys", this::issue)
                .post("/console/keys/:id/revoke", this::revoke);
    }

    @Override
    public Optional<Nav> nav() {
        return Optional.of(new Nav("keys", "Keys", "/console/keys", 30));
    }

    private void show(RoutingContext rc, int status, KeyService.Issued issued, List<FieldError> fields, KeyForm form) {
        Chrome chrome = view.chrome(rc, "keys").withError(fields.isEmpty() ? null : "No key issued: correct the fields below.");
        ConsoleView.html(rc, status, Templates.keys(chrome, keys.list(), relay.lastUseByKey(), issued,
                partners.list().stream().map(p -> p.name).toList(), fields, new FormErrors(fields), form));
    }

    private void issue(RoutingContext rc) {
        KeyForm form = new KeyForm(PartnerEditForm.text(rc, "partner"), PartnerEditForm.text(rc, "ips"),
                PartnerEditForm.text(rc, "expires"));
        try {
            KeyService.Issued issued = keys.issue(ConsoleView.form(rc, "partner"),
                    ConsoleView.lines(ConsoleView.form(rc, "ips")), ConsoleView.form(rc, "expires"));
            // The one page that shows a secret: the new key, once; nothing caches it (Cache-Control: no-store).
            show(rc, 201, issued, List.of(), KeyForm.EMPTY);
        } catch (ApiException e) {
            show(rc, e.status(), null, e.fields().isEmpty() ? List.of(new FieldError("partner", e.getMessage())) : e.fields(),
                    form);
        }
    }

    private void revoke(RoutingContext rc) {
        if (keys.revoke(rc.pathParam("id")).isEmpty()) {
            view.notFound(rc, "key");
            return;
        }
        ConsoleView.redirect(rc, "/console/keys?done=revoked");
    }
}
