package org.rdex.server.imports;

import org.rdex.server.partner.ImportReport;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.rdex.server.common.CliCommand;
import org.rdex.server.common.ApiException;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a partner's RDEX file now (from its feed URL unless --file or --url is given),"
                + " or every partner's feed with --all. Exit code 0 when imported (even with rejected journeys)"
                + " or unchanged, 1 when the file was refused or the import failed, 2 for an unknown partner.")
public class ImportCommand implements CliCommand, Callable<Integer> {

    @CommandLine.Option(names = "--partner", description = "Partner name")
    String partner;
    @CommandLine.Option(names = "--file", description = "Local .xml or .xml.gz file to import")
    Path file;
    @CommandLine.Option(names = "--url", description = "URL to download instead of the partner's feed URL")
    URI url;
    @CommandLine.Option(names = "--all", description = "Import every partner's feed, as the nightly job does")
    boolean all;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Inject
    ImportService imports;
    @Inject
    ImportJob job;
    @Inject
    org.rdex.server.audit.AuditLog audit;

    @Override
    public Integer call() {
        if (all == (partner != null) || file != null && url != null || all && (file != null || url != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Give either --partner NAME [--file FILE | --url URL] or --all");
        }
        if (all) {
            Optional<List<ImportReport>> reports;
            try (org.rdex.server.common.Progress progress = org.rdex.server.common.Progress.start("Importing every partner")) {
                reports = job.runIfFree();
            }
            if (reports.isEmpty()) {
                System.err.println("Another instance is importing right now");
                return 1;
            }
            reports.get().forEach(r -> System.out.println(r.describe()));
            return reports.get().stream().allMatch(ImportReport::succeeded) ? 0 : 1;
        }
        try {
            ImportReport report;
            try (org.rdex.server.common.Progress progress = org.rdex.server.common.Progress.start("Importing " + partner)) {
                report = imports.importPartner(partner, Optional.ofNullable(file), Optional.ofNullable(url));
            }
            audit.record("import.run", partner, null, null, java.util.Map.of("outcome", report.outcome(), "accepted", report.accepted(), "rejected", report.rejected(), "expired", report.expired()));
            System.out.print(report.describe());
            return report.succeeded() ? 0 : 1;
        } catch (ApiException e) {
            System.err.println("No partner named " + partner);
            return 2;
        }
    }
}
