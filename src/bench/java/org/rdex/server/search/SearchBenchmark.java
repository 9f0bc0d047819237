package org.rdex.server.search;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.rdex.server.common.LatencyLoop;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Search latency over many stored journeys: fills the partner {@code bench-search} with {@code count}
 * journeys between 40 French towns (SQL-generated, kept between runs), then times typical searches (town
 * to town, 10 km radii, one date, a two-hour window) through {@link SearchService}, database included.
 */
@ApplicationScoped
public class SearchBenchmark {

    static final String PARTNER = "bench-search";
    private static final double[][] TOWNS = org.rdex.server.imports.ImportBenchmarkTowns.TOWNS;

    @Inject
    SearchService search;
    @Inject
    PartnerService partners;
    @Inject
    SearchConfig config;
    @Inject
    DataSource dataSource;
    @Inject
    org.rdex.server.imports.PartnerPartitions partitions;

    public void run(PrintStream out, int count, int queries) throws SQLException {
        Partner partner = partners.findByName(PARTNER).orElseGet(() ->
                partners.add(new NewPartner(PARTNER, "bench", null, java.util.List.of("bench.example"), null, null)));
        long stored = count(partner.id);
        if (stored != count) {
            long t0 = System.nanoTime();
            fill(partner.id, count);
            out.printf("loaded:        %d journeys in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
        }
        out.printf("stored:        %d journeys of %s, %d searchable in all%n", count(partner.id), PARTNER, total());
        long[] results = { 0 };
        long[] nanos = LatencyLoop.time(queries, randomQueries(config.defaultPageSize()), search::search,
                r -> results[0] += r.results().size());
        out.printf("queries:       %d (after %d warm-up), %.1f results per page on average (page size %d)%n",
                queries, LatencyLoop.WARM_UP, results[0] / (double) queries, config.defaultPageSize());
        LatencyLoop.printPercentiles(out, nanos, 10);
    }

    /**
     * Typical searches, the same sequence on every run: town to town, 10 km radii, one date in the next 30 days,
     * a two-hour window from 6:00 to 17:00, drivers only or both roles.
     */
    public static Supplier<SearchRequest> randomQueries(int pageSize) {
        SplittableRandom random = new SplittableRandom(7);
        LocalDate today = LocalDate.now();
        return () -> {
            double[] a = TOWNS[random.nextInt(TOWNS.length)];
            double[] b = TOWNS[random.nextInt(TOWNS.length)];
            LocalDate date = today.plusDays(1 + random.nextInt(30));
            LocalTime from = LocalTime.of(6 + random.nextInt(12), 0);
            SearchRequest.Role role = random.nextBoolean() ? SearchRequest.Role.DRIVER : null;
            return new SearchRequest(a[0], a[1], 10, b[0], b[1], 10, date, date, from, from.plusHours(2), true, role,
                    SearchRequest.Frequency.ANY, SearchRequest.bit(date.getDayOfWeek()), 1, pageSize);
        };
    }

    /**
     * The search windows (V23) of the rows {@link #fill} makes, as Schedule.windows computes them: at time
     * {@code time}, on the punctual date's weekday or Monday to Friday; returns for regular ones only. Every
     * day has the same window, so the envelopes are the window itself.
     */
    private static String minutes(String time) {
        return "(extract(epoch from " + time + ") / 60)::smallint";
    }

    private static String windows(String time, boolean departure) {
        String minutes = minutes(time);
        StringBuilder sql = new StringBuilder("array[");
        for (int d = 1; d <= 7; d++) {
            String punctual = departure ? "r.p and extract(isodow from r.jday) = " + d : "false";
            sql.append(d == 1 ? "" : ", ").append("case when ").append(punctual)
                    .append(d <= 5 ? " or not r.p" : "").append(" then ").append(minutes).append(" end");
        }
        sql.append("]::smallint[]");
        // No return at all is a null array, not seven nulls (the partial return index relies on it).
        return departure ? sql.toString() : "case when not r.p then " + sql + " end";
    }

    private long count(long partnerId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from partner_journey where partner_id = ?")) {
            ps.setLong(1, partnerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long total() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from searchable_journey")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Half punctual (a date in the next 60 days), half regular (Monday to Friday, a return in the
     * afternoon or evening), 2/3 drivers.
     */
    private void fill(long partnerId, int count) throws SQLException {
        StringBuilder towns = new StringBuilder();
        for (int i = 0; i < TOWNS.length; i++) {
            towns.append(i == 0 ? "" : ",").append('(').append(i).append(',').append(TOWNS[i][0]).append(',')
                    .append(TOWNS[i][1]).append(')');
        }
        String sql = "insert into {table} (partner_id, uuid, operator, site, from_location, from_lat, from_lon,"
                + " to_location, to_lat, to_lon, driver, passenger, url, pseudonym, active_from, active_to, punctual,"
                + " punctual_date, punctual_min, punctual_max, schedule, days_mask, from_cell, to_cell, dep_lo, dep_hi,"
                + " ret_lo, ret_hi, dep_lo_min, dep_hi_max, ret_lo_min, ret_hi_max)"
                + " select ?, 'bench-' || g, 'bench', 'bench.example', 'A', f.lat + r.a, f.lon + r.b, 'B',"
                + " t.lat + r.c, t.lon + r.d, r.drv, not r.drv or r.p, 'https://bench.example/' || g, 'member',"
                + " current_date - 3, case when r.p then r.jday else current_date + 200 end, r.p,"
                + " case when r.p then r.jday end, case when r.p then r.dep end,"
                + " case when r.p then r.dep + interval '30 minutes' end,"
                + " case when not r.p then (select jsonb_object_agg(d, jsonb_build_object('depMin', to_char(r.dep, 'HH24:MI'),"
                + " 'depMax', to_char(r.dep + interval '30 minutes', 'HH24:MI'),"
                + " 'retMin', to_char(r.back, 'HH24:MI'), 'retMax', to_char(r.back + interval '30 minutes', 'HH24:MI')))::text"
                + " from unnest(array['monday','tuesday','wednesday','thursday','friday']) d) end,"
                + " case when r.p then (1 << (extract(isodow from r.jday)::int - 1)) else 31 end,"
                + " floor((f.lat + r.a + 90) * 10)::int * 3601 + floor((f.lon + r.b + 180) * 10)::int,"
                + " floor((t.lat + r.c + 90) * 10)::int * 3601 + floor((t.lon + r.d + 180) * 10)::int, "
                + windows("r.dep", true) + ", " + windows("r.dep + interval '30 minutes'", true) + ", "
                + windows("r.back", false) + ", " + windows("r.back + interval '30 minutes'", false) + ", "
                + minutes("r.dep") + ", " + minutes("r.dep + interval '30 minutes'") + ", case when not r.p then "
                + minutes("r.back") + " end, case when not r.p then " + minutes("r.back + interval '30 minutes'")
                + " end"
                + " from generate_series(?, ?) g"
                + " cross join lateral (select (random() - 0.5) * 0.18 a, (random() - 0.5) * 0.26 b,"
                + " (random() - 0.5) * 0.18 c, (random() - 0.5) * 0.26 d, random() < 0.67 drv, random() < 0.5 p,"
                + " current_date + 1 + (random() * 59)::int as jday,"
                + " make_time(6 + (random() * 13)::int, ((random() * 3)::int) * 15, 0) as dep,"
                + " make_time(15 + (random() * 5)::int, ((random() * 3)::int) * 15, 0) as back,"
                + " (random() * " + (TOWNS.length - 1) + ")::int fi, (random() * " + (TOWNS.length - 1) + ")::int ti"
                + " where g > 0) r"
                + " join (values " + towns + ") f(id, lat, lon) on f.id = r.fi"
                + " join (values " + towns + ") t(id, lat, lon) on t.id = r.ti";
        try {
            partitions.replace(partnerId, (c, table) -> {
                int chunk = 100_000;
                for (int start = 1; start <= count; start += chunk) {
                    try (PreparedStatement ps = c.prepareStatement(sql.replace("{table}", table))) {
                        ps.setLong(1, partnerId);
                        ps.setInt(2, start);
                        ps.setInt(3, Math.min(count, start + chunk - 1));
                        ps.executeUpdate();
                    }
                }
                return null;
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
