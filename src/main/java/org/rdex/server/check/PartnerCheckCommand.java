package org.rdex.server.check;

import java.util.concurrent.Callable;

import org.rdex.server.common.ApiException;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * {@code partners check NAME}: the partner's conformance check, printed and stored. Exit 0 when no rule failed
 * (warnings allowed), 1 when one did, 2 for an unknown partner.
 */
@Dependent
@Unremovable
@CommandLine.Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a partner's file, live APIs and contact endpoint against the protocols, without"
                + " sending a message or writing anything on its side. Exit 0 when nothing failed, 1 when a rule"
                + " failed, 2 for an unknown partner.")
public class PartnerCheckCommand implements Callable<Integer> {

    @CommandLine.Parameters(index = "0", description = "The partner's name")
    String name;
    @Inject
    PartnerCheckService checks;

    @Override
    public Integer call() {
        CheckReport report;
        try (org.rdex.server.common.Progress progress = org.rdex.server.common.Progress.start("Checking " + name)) {
            report = checks.check(name);
        } catch (ApiException e) {
            System.err.println("No partner named " + name);
            return 2;
        }
        System.out.print(report.describe());
        return report.failed() ? 1 : 0;
    }
}
