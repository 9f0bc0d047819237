package org.rdex.server.imports;

import java.net.URI;
import java.nio.file.Path;
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
        // The command line's "import" when a server runs: the job runs warm, beside the database.
        router.post("/admin/jobs/import").blockingHandler(rc -> {
            JobRequest request = AdminResponses.body(rc, JobRequest.class, mapper);
            if (request.partner() == null || request.file() != null && request.url() != null) {
                throw new ApiException(400, "invalid_input", "Give partner, and at most one of file and url");
            }
            Optional<Path> file = Optional.ofNullable(request.file()).map(Path::of);
            if (file.isPresent() && !file.get().isAbsolute()) {
                throw new ApiException(400, "invalid_input", "file must be an absolute path");
            }
            Optional<URI> url;
            try {
                url = Optional.ofNullable(request.url()).map(URI::create);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "invalid_input", "url is not a URL");
            }
            ImportReport report = imports.importPartner(request.partner(), file, url);
            AdminResponses.json(rc, 200, new JobAnswer(report.succeeded(), report.describe()), mapper);
        }, false);
    }

    /** An import asked for by the command line: a local file is named by its absolute path on this machine. */
    public record JobRequest(String partner, String file, String url) {
    }

    /** What the command line prints, and whether it exits 0. */
    public record JobAnswer(boolean succeeded, String text) {
    }
}
