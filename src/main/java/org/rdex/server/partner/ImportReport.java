package org.rdex.server.partner;

import java.time.Instant;
import java.util.List;

/**
 * What one import attempt did.
 *
 * @param outcome    IMPORTED (the partner's set was replaced), UNCHANGED (the feed answered 304), REFUSED
 *                   (the file as a whole is unusable: not XML, truncated, over a cap), FAILED (download or
 *                   store error); only IMPORTED changes the stored journeys
 * @param source     URL or path read (never the key)
 * @param bytes      bytes read as sent (compressed when gzip)
 * @param rejections first rejected journeys as "uuid: reason", capped; {@code rejected} is the full count
 * @param expired    journeys skipped because their activeto is past
 * @param message    why the file was refused or failed, null otherwise
 */
public record ImportReport(String partner, Instant startedAt, Instant finishedAt, String source, Outcome outcome,
        long bytes, long accepted, long rejected, long expired, List<String> rejections, List<String> warnings,
        long durationMs, String message) {

    public enum Outcome {
        IMPORTED, UNCHANGED, REFUSED, FAILED
    }

    public ImportReport {
        rejections = List.copyOf(rejections);
        warnings = List.copyOf(warnings);
    }

    /** True when the run left the partner's journeys as intended (imported, or nothing to import). */
    public boolean succeeded() {
        return outcome == Outcome.IMPORTED || outcome == Outcome.UNCHANGED;
    }

    /** Several lines for humans (CLI). */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("partner:   ").append(partner).append('\n');
        sb.append("outcome:   ").append(outcome).append(message == null ? "" : " (" + message + ")").append('\n');
        sb.append("source:    ").append(source).append('\n');
        sb.append("started:   ").append(startedAt).append('\n');
        sb.append("duration:  ").append(durationMs).append(" ms\n");
        sb.append("bytes:     ").append(bytes).append('\n');
        sb.append("accepted:  ").append(accepted).append('\n');
        sb.append("rejected:  ").append(rejected).append('\n');
        sb.append("expired:   ").append(expired).append('\n');
        rejections.forEach(r -> sb.append("  rejected ").append(r).append('\n'));
        warnings.forEach(w -> sb.append("  warning  ").append(w).append('\n'));
        return sb.toString();
    }

    /** One line for a table or a log. */
    public String summary() {
        return outcome + " " + startedAt + " accepted=" + accepted + " rejected=" + rejected + " expired=" + expired
                + " bytes=" + bytes + " " + durationMs + "ms" + (message == null ? "" : " " + message);
    }
}
