package org.rdex.server.export;

import java.util.Optional;

import org.rdex.server.admin.AdminEndpoint;
import org.rdex.server.admin.AdminResponses;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code POST /admin/jobs/export} on the management interface: the command line's {@code export} when a server
 * runs, so the export runs in its warm JVM beside the database instead of a JVM started for it.
 */
@ApplicationScoped
public class ExportAdminEndpoint implements AdminEndpoint {

    @Inject
    ExportService exports;
    @Inject
    ObjectMapper mapper;

    @Override
    public void register(Router router) {
        router.post("/admin/jobs/export").blockingHandler(rc -> {
            ExportResult result = exports.export(Optional.empty());
            AdminResponses.json(rc, 200, new JobAnswer(result.status() == ExportResult.Status.PUBLISHED,
                    result.summary()), mapper);
        }, false);
    }

    /** What the command line prints, and whether it exits 0. */
    public record JobAnswer(boolean succeeded, String text) {
    }
}
