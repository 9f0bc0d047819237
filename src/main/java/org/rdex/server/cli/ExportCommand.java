package org.rdex.server.cli;

import org.rdex.server.common.Progress;
import org.rdex.server.common.CliCommand;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.rdex.server.export.ExportResult;
import org.rdex.server.export.ExportService;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "export",
        description = "Run the export now (same code as the nightly job) and publish the file if it validates.")
public class ExportCommand implements CliCommand, Callable<Integer> {

    @CommandLine.Option(names = "--out", description = "Also write the published file here.")
    Path out;
    @Inject
    ExportService exports;
    @Inject
    org.rdex.server.audit.AuditLog audit;

    @Override
    public Integer call() {
        ExportResult result;
        try (Progress progress = Progress.start("Exporting")) {
            result = exports.export(Optional.ofNullable(out));
        }
        audit.record("export.run", null, String.valueOf(result.runId()), null, java.util.Map.of("status", result.status(),
                "journeys", result.journeys(), "bytes", result.bytes()));
        System.out.println(result.summary());
        return result.status() == ExportResult.Status.PUBLISHED ? 0 : 1;
    }
}
