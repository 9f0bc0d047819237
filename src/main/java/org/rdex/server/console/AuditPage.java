package org.rdex.server.console;

import java.util.List;
import java.util.Optional;

import org.rdex.server.audit.AuditEntry;
import org.rdex.server.audit.AuditLog;
import org.rdex.server.partner.PartnerService;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code /console/audit?partner=P}: who changed what (console, CLI, admin API), before and after, never a secret. */
@ApplicationScoped
public class AuditPage implements ConsolePage {

    static final int SHOWN = 200;

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance audit(Chrome chrome, List<String> partners, String partner,
                List<AuditEntry> entries, int shown);
    }

    @Inject
    ConsoleView view;
    @Inject
    AuditLog audit;
    @Inject
    PartnerService partners;

    @Override
    public void register(PageRoutes routes) {
        routes.get("/console/audit", this::show);
    }

    @Override
    public Optional<Nav> nav() {
        return Optional.of(new Nav("audit", "Audit", "/console/audit", 60));
    }

    private void show(RoutingContext rc) {
        // The select offers today's partners; a removed partner's entries stay reachable with ?partner=name.
        Optional<String> partner = Optional.ofNullable(rc.queryParams().get("partner")).map(String::strip)
                .filter(p -> !p.isEmpty());
        List<String> names = partners.list().stream().map(p -> p.name).toList();
        ConsoleView.html(rc, 200, Templates.audit(view.chrome(rc, "audit"), names, partner.orElse(null),
                audit.list(partner, SHOWN), SHOWN));
    }
}
