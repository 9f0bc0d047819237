package org.rdex.server.check;

import java.util.LinkedHashMap;
import java.util.Map;

import org.rdex.server.admin.AdminEndpoint;
import org.rdex.server.admin.AdminResponses;
import org.rdex.server.common.ApiException;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.protocol.CheckResult;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code POST /admin/partners/{name}/check} runs the partner's conformance check now and answers with its
 * report; {@code GET /admin/partners/{name}/checks?limit=20} lists the stored ones, newest first.
 */
@ApplicationScoped
public class CheckAdminEndpoint implements AdminEndpoint {

    @Inject
    PartnerService partners;
    @Inject
    PartnerCheckService checks;
    @Inject
    CheckReportRepository reports;
    @Inject
    ObjectMapper mapper;

    @Override
    public void register(Router router) {
        router.post("/admin/partners/:name/check").blockingHandler(rc -> {
            CheckReport report = checks.check(rc.pathParam("name"));
            AdminResponses.json(rc, 200, view(report), mapper);
        }, false);
        router.get("/admin/partners/:name/checks").blockingHandler(rc -> {
            Partner partner = partners.findByName(rc.pathParam("name"))
                    .orElseThrow(() -> ApiException.notFound("Partner"));
            int limit;
            try {
                limit = Integer.parseInt(rc.queryParams().get("limit") == null ? "20" : rc.queryParams().get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 100) {
                throw new ApiException(400, "invalid_input", "limit must be from 1 to 100");
            }
            AdminResponses.json(rc, 200, reports.recent(partner.id, limit).stream().map(CheckAdminEndpoint::view).toList(),
                    mapper);
        }, false);
    }

    /** The report with its counts, as the API and the thin CLI read it. */
    static Map<String, Object> view(CheckReport report) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("partner", report.partner());
        view.put("checkedAt", report.checkedAt());
        view.put("pass", report.count(CheckResult.Status.PASS));
        view.put("warn", report.count(CheckResult.Status.WARN));
        view.put("fail", report.count(CheckResult.Status.FAIL));
        view.put("results", report.results());
        return view;
    }
}
