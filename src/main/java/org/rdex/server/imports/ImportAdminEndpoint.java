package org.rdex.server.imports;

import java.util.Optional;

import org.rdex.server.admin.AdminEndpoint;
import org.rdex.server.admin.AdminResponses;
import org.rdex.server.common.ApiException;
import org.rdex.server.partner.ImportReport;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code POST /admin/partners/{name}/import} on the management interface: imports the partner's feed now and
 * answers with its report. Beside the partners' admin API, on the same router, since partner cannot call the
 * import.
 */
@ApplicationScoped
public class ImportAdminEndpoint implements AdminEndpoint {

    @Inject
    PartnerService partners;
    @Inject
    ImportService imports;
    @Inject
    ObjectMapper mapper;
    @Inject
    org.rdex.server.audit.AuditLog audit;

    @Override
    public void register(Router router) {
        router.post("/admin/partners/:name/import").blockingHandler(rc -> {
            Partner partner = partners.findByName(rc.pathParam("name"))
                    .orElseThrow(() -> ApiException.notFound("Partner"));
            ImportReport report = imports.importPartner(partner.name, Optional.empty(), Optional.empty());
            audit.record("import.run", partner.name, null, null, java.util.Map.of("outcome", report.outcome(), "accepted", report.accepted(), "rejected", report.rejected(), "expired", report.expired()));
            AdminResponses.json(rc, 200, report, mapper);
        }, false);
    }
}
