package org.rdex.server.console;

import java.util.List;
import java.util.Optional;

import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.partner.FeedCertificateCheck;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code /console/partners}: every partner at a glance, and the form that adds one. */
@ApplicationScoped
public class PartnersPage implements ConsolePage {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance partners(Chrome chrome, List<PartnerRow> partners, PartnerForm form,
                List<FieldError> fields, FormErrors errors);
    }

    @Inject
    ConsoleView view;
    @Inject
    PartnerService partners;
    @Inject
    PartnerRows rows;
    @Inject
    FeedCertificateCheck certificates;
    @Inject
    PartnerPage partnerPage;

    @Override
    public void register(PageRoutes routes) {
        routes.get("/console/partners", rc -> show(rc, 200, PartnerForm.EMPTY, List.of(), null))
                .post("/console/partners", this::add);
    }

    @Override
    public Optional<Nav> nav() {
        return Optional.of(new Nav("partners", "Partners", "/console/partners", 20));
    }

    private void show(RoutingContext rc, int status, PartnerForm form, List<FieldError> fields, String error) {
        ConsoleView.html(rc, status, Templates.partners(view.chrome(rc, "partners").withError(error),
                partners.list().stream().map(rows::row).toList(), form, fields, new FormErrors(fields)));
    }

    private void add(RoutingContext rc) {
        PartnerForm form = PartnerForm.of(rc);
        try {
            Partner p = partners.add(new NewPartner(form.name(), form.operator(), form.feedUrl(),
                    ConsoleView.lines(form.sites()), form.contactUrl(), form.fingerprint()));
            partnerPage.show(rc, 201, p, certificates.warning(p).stream().toList(), List.of(), null, null);
        } catch (ApiException e) {
            show(rc, e.status(), form, e.fields(), e.getMessage());
        }
    }
}
