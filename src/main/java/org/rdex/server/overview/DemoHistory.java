package org.rdex.server.overview;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import org.rdex.server.history.HistoryRecorder;
import org.rdex.server.partner.ImportReport;
import org.rdex.server.partner.ImportReportRepository;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A plausible history for demonstrations and the console's screenshots ({@code demo history}): three demo
 * partners, a nightly export, their imports (one failing last, one whose rejections jump), relayed messages,
 * live calls and refused keys, hour by hour over the last days. Rows are written into the tables (and through
 * the recorder) because no call can date them in the past. Never run it on a production server.
 */
@ApplicationScoped
public class DemoHistory {

    static final List<String> PARTNERS = List.of("demo-covoit-nord", "demo-ride-sud", "demo-trajets-ouest");
    private static final int KEEP_ALL = 100_000;

    @Inject
    PartnerService partners;
    @Inject
    ImportReportRepository reports;
    @Inject
    HistoryRecorder recorder;
    @Inject
    DataSource dataSource;

    /** What was written. */
    public record Seeded(int partnersAdded, int exportRuns, int imports, int messages, long liveCalls) {
        public String describe() {
            return "partners added=" + partnersAdded + " export runs=" + exportRuns + " imports=" + imports
                    + " contact messages=" + messages + " live calls=" + liveCalls;
        }
    }

    public Seeded seed(int days) throws SQLException {
        Random random = new Random(42);
        int added = 0;
        for (String name : PARTNERS) {
            if (partners.findByName(name).isEmpty()) {
                partners.add(new NewPartner(name, name.replace("demo-", "").replace('-', ' '),
                        "https://" + name + ".example/rdex/export.xml.gz", List.of(name + ".example"), null, null));
                added++;
            }
        }
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        int runs = 0;
        int imports = 0;
        int messages = 0;
        long calls = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            for (int d = days; d >= 1; d--) {
                Instant day = today.minus(Duration.ofDays(d));
                exportRun(c, day, d, days, random);
                runs++;
                for (int p = 0; p < PARTNERS.size(); p++) {
                    importRun(PARTNERS.get(p), p, day, d, random);
                    imports++;
                }
                messages += messages(c, day, random);
            }
        }
        for (int h = days * 24; h >= 1; h--) {
            Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(h));
            int hourOfDay = (int) ((hour.getEpochSecond() / 3600) % 24);
            double load = hourOfDay >= 7 && hourOfDay <= 20 ? 1 : 0.2;
            for (int p = 0; p < 2; p++) {
                String partner = PARTNERS.get(p);
                String protocol = p == 0 ? "rdex12" : "standard";
                long ok = Math.round((10 + random.nextInt(30)) * load);
                long latency = (p == 0 ? 180 : 320) + random.nextInt(120);
                recorder.addLive(hour, partner, protocol, HistoryRecorder.OK, ok, ok * latency, latency * 3);
                calls += ok;
                if (random.nextInt(6) == 0) {
                    String kind = List.of("timeout", "http_error", "malformed", "too_large").get(random.nextInt(4));
                    long n = 1 + random.nextInt(3);
                    recorder.addLive(hour, partner, protocol, kind, n, n * 2500, 3000);
                    calls += n;
                }
            }
            if (random.nextInt(10) == 0) {
                recorder.addRefusals(hour, "0123456789abcdef", PARTNERS.get(random.nextInt(3)),
                        List.of("wrong_ip", "expired", "bad_signature", "revoked").get(random.nextInt(4)),
                        1 + random.nextInt(4));
            }
        }
        recorder.flush();
        return new Seeded(added, runs, imports, messages, calls);
    }

    private void exportRun(Connection c, Instant day, int d, int days, Random random) throws SQLException {
        boolean failed = d == days / 2;
        long journeys = 48_000 + (days - d) * 350L + random.nextInt(400);
        Instant start = day.plus(Duration.ofMinutes(150 + random.nextInt(10)));
        Instant end = start.plusMillis(failed ? 4_000 : 38_000 + random.nextInt(9_000));
        try (PreparedStatement ps = c.prepareStatement("insert into export_run (started_at, finished_at, status, journeys,"
                + " bytes, error) values (?, ?, ?, ?, ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(start));
            ps.setTimestamp(2, Timestamp.from(end));
            ps.setString(3, failed ? "FAILED" : "SUPERSEDED");
            ps.setObject(4, failed ? null : journeys);
            ps.setObject(5, failed ? null : journeys * 262);
            ps.setString(6, failed ? "not enough space left on the data directory" : null);
            ps.executeUpdate();
        }
    }

    private void importRun(String name, int p, Instant day, int d, Random random) throws SQLException {
        Partner partner = partners.findByName(name).orElseThrow();
        boolean failLast = p == 1 && d == 1;
        boolean jump = p == 2 && d == 1;
        long accepted = 9_000 + p * 4_000 + random.nextInt(500);
        long rejected = jump ? 640 : 3 + random.nextInt(12);
        Instant start = day.plus(Duration.ofMinutes(60 + p * 7));
        long duration = 6_000 + random.nextInt(4_000);
        ImportReport.Outcome outcome = failLast ? ImportReport.Outcome.FAILED : ImportReport.Outcome.IMPORTED;
        reports.record(partner.id, new ImportReport(name, start, start.plusMillis(duration),
                "https://" + name + ".example/rdex/export.xml.gz", outcome, failLast ? 0 : accepted * 700,
                failLast ? 0 : accepted, failLast ? 0 : rejected, failLast ? 0 : 20 + random.nextInt(30), List.of(),
                List.of(), duration, failLast ? "HTTP 503 from the partner's server" : null), KEEP_ALL);
    }

    private int messages(Connection c, Instant day, Random random) throws SQLException {
        int n = 6 + random.nextInt(20);
        try (PreparedStatement ps = c.prepareStatement("insert into contact_message (journey_uuid, partner_id, key_id,"
                + " sender_pseudonym, sender_email, site, message, caller_ip, received_at, state, attempts,"
                + " next_attempt_at, delivered_at, channel, last_error, purged_at)"
                + " values (?, (select id from partner where name = ?), 'demo', '', '', ?, '', '192.0.2.1', ?, ?, ?, ?, ?,"
                + " 'webhook', ?, now())")) {
            for (int i = 0; i < n; i++) {
                String partner = PARTNERS.get(random.nextInt(PARTNERS.size()));
                Instant received = day.plus(Duration.ofMinutes(7 * 60 + random.nextInt(14 * 60)));
                boolean failed = random.nextInt(15) == 0;
                Instant delivered = failed ? null : received.plusMillis(300 + random.nextInt(failed ? 1 : 4_000));
                ps.setString(1, UUID.nameUUIDFromBytes((day + "/" + i).getBytes()).toString());
                ps.setString(2, partner);
                ps.setString(3, partner + ".example");
                ps.setTimestamp(4, Timestamp.from(received));
                ps.setString(5, failed ? "FAILED" : "DELIVERED");
                ps.setInt(6, failed ? 8 : 1);
                ps.setTimestamp(7, Timestamp.from(received.plus(Duration.ofHours(1))));
                ps.setTimestamp(8, delivered == null ? null : Timestamp.from(delivered));
                ps.setString(9, failed ? "webhook answered HTTP 500" : null);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return n;
    }
}
