package org.rdex.server.check;

import java.time.Instant;
import java.util.List;

import org.rdex.server.protocol.CheckResult;

/** A partner's conformance check: every rule that applied, in the order they ran. */
public record CheckReport(String partner, Instant checkedAt, List<CheckResult> results) {

    public CheckReport {
        results = List.copyOf(results);
    }

    public long count(CheckResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** Whether some rule failed: the CLI then exits non-zero. */
    public boolean failed() {
        return count(CheckResult.Status.FAIL) > 0;
    }

    /** The report as the CLI prints it. */
    public String describe() {
        StringBuilder out = new StringBuilder("Check of partner ").append(partner).append(" at ").append(checkedAt)
                .append(": ").append(count(CheckResult.Status.PASS)).append(" pass, ")
                .append(count(CheckResult.Status.WARN)).append(" warn, ").append(count(CheckResult.Status.FAIL))
                .append(" fail\n");
        results.forEach(r -> out.append("  ").append(r).append('\n'));
        return out.toString();
    }
}
