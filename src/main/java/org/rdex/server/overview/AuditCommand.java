package org.rdex.server.overview;

import java.util.Optional;
import java.util.concurrent.Callable;

import org.rdex.server.audit.AuditEntry;
import org.rdex.server.audit.AuditLog;
import org.rdex.server.common.CliCommand;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "audit", mixinStandardHelpOptions = true,
        description = "List the audit trail, newest first: who changed what (console, CLI or admin API), before and"
                + " after (never a secret).")
public class AuditCommand implements CliCommand, Callable<Integer> {

    @CommandLine.Option(names = "--partner", description = "Only the changes of this partner.")
    String partner;
    @CommandLine.Option(names = "--limit", defaultValue = "50", description = "At most this many entries (default 50).")
    int limit;

    @Inject
    AuditLog audit;

    @Override
    public Integer call() {
        for (AuditEntry e : audit.list(Optional.ofNullable(partner).filter(p -> !p.isBlank()), limit)) {
            System.out.println(e.at() + "  " + e.actor() + "  " + e.action()
                    + (e.partner() == null ? "" : "  partner=" + e.partner())
                    + (e.subject() == null ? "" : "  " + e.subject())
                    + (e.before() == null ? "" : "\n    before " + e.before())
                    + (e.after() == null ? "" : "\n    after  " + e.after()));
        }
        return 0;
    }
}
