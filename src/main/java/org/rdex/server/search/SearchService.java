package org.rdex.server.search;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.rdex.server.journey.Schedule;
import org.rdex.server.model.DayWindow;
import org.rdex.server.model.GridCells;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Finds own and partner journeys near a searched origin and destination, on their outward leg and, for
 * regular journeys, their return leg. Each point is first narrowed to the grid cells its radius box overlaps,
 * through the btrees on {@code (from_cell, to_cell, ...)} (V12, V23; no PostGIS or extension), which also
 * drop punctual journeys on other dates and journeys whose windows never reach the searched hours; then the
 * box, the great-circle distance, the dates and the window of each searched weekday are checked on those
 * candidates only.
 */
@ApplicationScoped
public class SearchService {

    private static final double EARTH_KM = 6371.0088;
    private static final double KM_PER_DEGREE = Math.PI * EARTH_KM / 180;
    /** Longest cell list sent; about 100 km around a point in France is ~550 cells. */
    private static final int MAX_CELLS = 2000;

    @Inject
    DataSource dataSource;

    public SearchResult search(SearchRequest r) {
        if (r.daysMask() == 0) {
            return new SearchResult(r.page(), r.size(), false, List.of());
        }
        List<Object> params = new ArrayList<>();
        String sql = sql(r, params);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            try {
                SearchResult result = run(c, sql, params, r);
                if (autoCommit) {
                    c.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (autoCommit) {
                    c.rollback();
                }
                throw e;
            } finally {
                if (autoCommit) {
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Journey search failed", e);
        }
    }

    /** The statement of a search (with at least one searched day), its parameters added to {@code params}. */
    static String sql(SearchRequest r, List<Object> params) {
        StringBuilder sql = new StringBuilder(4096);
        sql.append("select c.*, p.name as partner_name from (");
        leg(sql, params, r, false);
        if (r.frequency() != SearchRequest.Frequency.PUNCTUAL) {
            sql.append(" union all ");
            leg(sql, params, r, true);
        }
        sql.append(") c left join partner p on p.id = c.partner_id"
                + " order by c.from_km + c.to_km, c.time_diff, coalesce(c.punctual_date, c.active_from),"
                + " c.partner_id nulls first, c.uuid, c.leg"
                + " limit ? offset ?");
        params.add(r.size() + 1);
        params.add((r.page() - 1) * r.size());
        return sql.toString();
    }

    /**
     * One leg's matches: the outward trip (the journey's from -> to, departure windows) or the return trip
     * of regular journeys (to -> from, return windows), with places and distances as travelled. Cheap
     * conditions (cells, boxes, dates, weekdays, windows) filter in the inner query, which OFFSET 0 keeps
     * apart so that its output (the two distances, the time difference) is computed once per row that
     * passes them, then filtered on the radii.
     */
    private static void leg(StringBuilder sql, List<Object> params, SearchRequest r, boolean ret) {
        boolean withTo = r.toLat() != null;
        String start = ret ? "to" : "from";
        String end = ret ? "from" : "to";
        String lo = ret ? "j.ret_lo" : "j.dep_lo";
        String hi = ret ? "j.ret_hi" : "j.dep_hi";
        sql.append("select * from (select '").append(ret ? "return" : "outward").append("' as leg, j.partner_id,"
                + " j.uuid, j.operator, j.site, j.url, j.pseudonym, j.driver, j.passenger, ");
        for (String[] side : new String[][] { { start, "from" }, { end, "to" } }) {
            for (String column : new String[] { "location", "postalcode", "lat", "lon" }) {
                sql.append("j.").append(side[0]).append('_').append(column).append(" as ").append(side[1])
                        .append('_').append(column).append(", ");
            }
        }
        sql.append("j.distance_km, j.duration_min, j.seats, j.price, j.active_from, j.active_to, j.punctual,"
                + " j.punctual_date, j.punctual_min, j.punctual_max, j.schedule, j.dep_lo, j.dep_hi, j.ret_lo,"
                + " j.ret_hi, ");
        distance(sql, params, "j." + start + "_lat", "j." + start + "_lon", r.fromLat(), r.fromLon());
        sql.append(" as from_km, ");
        if (withTo) {
            distance(sql, params, "j." + end + "_lat", "j." + end + "_lon", r.toLat(), r.toLon());
        } else {
            sql.append("0::float8");
        }
        sql.append(" as to_km, ");
        // Searched window in whole minutes, as stored (seconds dropped on both sides: no window is missed).
        int fromMinute = r.timeFrom().toSecondOfDay() / 60;
        int toMinute = r.timeTo().toSecondOfDay() / 60;
        List<Integer> days = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            if ((r.daysMask() & SearchRequest.bit(d)) != 0) {
                days.add(d.getValue());
            }
        }
        // Time difference in half minutes (lo + hi against twice the searched middle: integers only), the
        // best of the searched days whose window overlaps; 0 when no window was searched.
        if (!r.windowGiven()) {
            sql.append("0");
        } else {
            int twiceMiddle = (int) Math.round((r.timeFrom().toSecondOfDay() + (double) r.timeTo().toSecondOfDay())
                    / 60);
            if (days.size() == 1) {
                // The filter below already holds the one day's overlap.
                int d = days.get(0);
                sql.append("abs(").append(lo).append('[').append(d).append("] + ").append(hi).append('[').append(d)
                        .append("] - ?)");
                params.add(twiceMiddle);
            } else {
                sql.append("least(");
                for (int i = 0; i < days.size(); i++) {
                    int d = days.get(i);
                    sql.append(i == 0 ? "" : ", ").append("case when ");
                    overlap(sql, params, lo, hi, d, fromMinute, toMinute);
                    sql.append(" then abs(").append(lo).append('[').append(d).append("] + ").append(hi)
                            .append('[').append(d).append("] - ?) end");
                    params.add(twiceMiddle);
                }
                sql.append(')');
            }
        }
        sql.append(" as time_diff from searchable_journey j where ");
        double[] f = box(r.fromLat(), r.fromLon(), r.fromRadiusKm());
        cells(sql, params, "j." + start + "_cell", f);
        double[] t = null;
        if (withTo) {
            t = box(r.toLat(), r.toLon(), r.toRadiusKm());
            sql.append(" and ");
            cells(sql, params, "j." + end + "_cell", t);
        }
        if (ret) {
            // Also the predicate of the partial return index (V23).
            sql.append(" and j.ret_lo is not null");
        }
        // The week's envelope of the leg's windows, the last keys of both cells indexes (V23): journeys at
        // other hours are dropped in the index, before their rows are read.
        String envelope = ret ? "j.ret" : "j.dep";
        sql.append(" and ").append(envelope).append("_lo_min <= ? and ").append(envelope).append("_hi_max >= ?");
        params.add(toMinute);
        params.add(fromMinute);
        // Cells overshoot the boxes; the boxes drop most of the extra rows before the exact distances.
        sql.append(" and ");
        inBox(sql, params, "j." + start, f);
        if (withTo) {
            sql.append(" and ");
            inBox(sql, params, "j." + end, t);
        }
        sql.append(" and j.active_to >= ? and j.active_from <= ? and (j.days_mask & ?) <> 0");
        params.add(r.dateFrom());
        params.add(r.dateTo());
        params.add(r.daysMask());
        if (r.role() == SearchRequest.Role.DRIVER) {
            sql.append(" and j.driver");
        } else if (r.role() == SearchRequest.Role.PASSENGER) {
            sql.append(" and j.passenger");
        }
        if (!ret) {
            // Index conditions too (V23: the cells index ends with punctual_date, null for regular journeys):
            // of the punctual journeys near both ends, only those on a searched date are read.
            String dates = "j.punctual_date between ? and ?";
            if (r.frequency() == SearchRequest.Frequency.PUNCTUAL) {
                sql.append(" and ").append(dates);
            } else if (r.frequency() == SearchRequest.Frequency.REGULAR) {
                sql.append(" and j.punctual_date is null");
            } else {
                sql.append(" and (").append(dates).append(" or j.punctual_date is null)");
            }
            if (r.frequency() != SearchRequest.Frequency.REGULAR) {
                params.add(r.dateFrom());
                params.add(r.dateTo());
            }
        }
        sql.append(" and (");
        for (int i = 0; i < days.size(); i++) {
            sql.append(i == 0 ? "" : " or ");
            overlap(sql, params, lo, hi, days.get(i), fromMinute, toMinute);
        }
        sql.append(") offset 0) l where l.from_km <= ? and l.to_km <= ?");
        params.add(r.fromRadiusKm());
        params.add(withTo ? r.toRadiusKm() : 0.0);
    }

    /** The journey's window on ISO day {@code d} overlaps the searched one (false when it has none). */
    private static void overlap(StringBuilder sql, List<Object> params, String lo, String hi, int d, int fromMinute,
            int toMinute) {
        sql.append('(').append(lo).append('[').append(d).append("] <= ? and ").append(hi).append('[').append(d)
                .append("] >= ?)");
        params.add(toMinute);
        params.add(fromMinute);
    }

    private SearchResult run(Connection c, String sql, List<Object> params, SearchRequest r) throws SQLException {
        // The custom plan of each search is the generic one (the cells index, then filters), but planning
        // this statement costs ~1-2 ms, as much as running it: reuse the generic plan of the prepared
        // statement (the driver prepares it on the server from its 5th use on a connection). The planner
        // would not choose it alone, its estimate for "= any($n)" being above the custom plans'.
        // LOCAL: only this transaction, the pooled connection keeps the server's default.
        try (Statement set = c.createStatement()) {
            set.execute("set local plan_cache_mode = force_generic_plan");
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                Object v = params.get(i);
                if (v instanceof String[] array) {
                    ps.setArray(i + 1, c.createArrayOf("text", array));
                } else if (v instanceof Integer[] array) {
                    ps.setArray(i + 1, c.createArrayOf("int4", array));
                } else {
                    ps.setObject(i + 1, v);
                }
            }
            List<SearchResult.Item> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(item(rs));
                }
            }
            boolean more = items.size() > r.size();
            return new SearchResult(r.page(), r.size(), more, more ? items.subList(0, r.size()) : items);
        }
    }

    /** Haversine distance in km between a column pair and a point. */
    private static void distance(StringBuilder sql, List<Object> params, String latCol, String lonCol, double lat,
            double lon) {
        sql.append("2 * ").append(EARTH_KM).append(" * asin(least(1, sqrt(power(sin(radians(").append(latCol)
                .append(" - ?::float8) / 2), 2) + cos(radians(").append(latCol).append(")) * cos(radians(?::float8))"
                        + " * power(sin(radians(").append(lonCol).append(" - ?::float8) / 2), 2))))");
        params.add(lat);
        params.add(lat);
        params.add(lon);
    }

    /**
     * The V12 grid cells a box overlaps, as an index condition on {@code column}: the list of cells when it
     * is short (a few at usual radii), else the whole latitude bands (near the poles a box spans every
     * longitude), still one btree range. A box past +-180 degrees of longitude takes the cells of both ends
     * of the numbering.
     */
    static void cells(StringBuilder sql, List<Object> params, String column, double[] box) {
        int lowBand = GridCells.band(box[1]);
        int highBand = GridCells.band(box[3]);
        List<int[]> columns = new ArrayList<>(2);
        double[][] lons = lonRanges(box);
        if (lons.length == 0) {
            columns.add(new int[] { 0, GridCells.PER_BAND - 1 });
        }
        for (double[] range : lons) {
            columns.add(new int[] { GridCells.column(range[0]), GridCells.column(range[1]) });
        }
        long perBand = 0;
        for (int[] c : columns) {
            perBand += c[1] - c[0] + 1L;
        }
        long count = (highBand - lowBand + 1L) * perBand;
        if (count > MAX_CELLS) {
            sql.append(column).append(" between ? and ?");
            params.add(lowBand * GridCells.PER_BAND);
            params.add(highBand * GridCells.PER_BAND + GridCells.PER_BAND - 1);
            return;
        }
        Integer[] cells = new Integer[(int) count];
        int i = 0;
        for (int b = lowBand; b <= highBand; b++) {
            for (int[] range : columns) {
                for (int c = range[0]; c <= range[1]; c++) {
                    cells[i++] = b * GridCells.PER_BAND + c;
                }
            }
        }
        sql.append(column).append(" = any(?)");
        params.add(cells);
    }

    /**
     * The longitude ranges of a box within -180..180: one, or two when it crosses the antimeridian, or none
     * when it spans every longitude.
     */
    static double[][] lonRanges(double[] box) {
        double min = box[0];
        double max = box[2];
        if (max - min >= 360) {
            return new double[0][];
        }
        if (min < -180) {
            return new double[][] { { min + 360, 180 }, { -180, max } };
        }
        if (max > 180) {
            return new double[][] { { min, 180 }, { -180, max - 360 } };
        }
        return new double[][] { { min, max } };
    }

    /** {@code prefix_lon/_lat} inside the box, on both sides of the antimeridian when it crosses it. */
    private static void inBox(StringBuilder sql, List<Object> params, String prefix, double[] box) {
        double[][] lons = lonRanges(box);
        if (lons.length > 0) {
            sql.append(lons.length > 1 ? "(" : "");
            for (int i = 0; i < lons.length; i++) {
                sql.append(i == 0 ? "" : " or ").append(prefix).append("_lon between ? and ?");
                params.add(lons[i][0]);
                params.add(lons[i][1]);
            }
            sql.append(lons.length > 1 ? ") and " : " and ");
        }
        sql.append(prefix).append("_lat between ? and ?");
        params.add(box[1]);
        params.add(box[3]);
    }

    /**
     * {minLon, minLat, maxLon, maxLat}: every point within {@code km} of the given one lies inside. The
     * longitudes may pass +-180 (see {@link #lonRanges}).
     */
    private static double[] box(double lat, double lon, double km) {
        double dLat = km / KM_PER_DEGREE;
        double maxAbsLat = Math.min(89.9, Math.abs(lat) + dLat);
        double dLon = Math.min(180, km / (KM_PER_DEGREE * Math.cos(Math.toRadians(maxAbsLat))));
        return new double[] { lon - dLon, Math.max(-90, lat - dLat), lon + dLon, Math.min(90, lat + dLat) };
    }

    private static SearchResult.Item item(ResultSet rs) throws SQLException {
        boolean punctual = rs.getBoolean("punctual");
        SearchResult.Punctual p = null;
        Map<String, Object> regular = null;
        if (punctual) {
            p = new SearchResult.Punctual(rs.getObject("punctual_date", LocalDate.class),
                    rs.getObject("punctual_min", LocalTime.class), rs.getObject("punctual_max", LocalTime.class));
        } else {
            regular = new LinkedHashMap<>();
            String schedule = rs.getString("schedule");
            // Null for the partners' schedules the window arrays hold entirely (Schedule.derivable).
            Map<DayOfWeek, DayWindow> days = schedule != null ? Schedule.fromJson(schedule)
                    : Schedule.fromWindows(numbers(rs, "dep_lo"), numbers(rs, "dep_hi"), numbers(rs, "ret_lo"),
                            numbers(rs, "ret_hi"));
            for (Map.Entry<DayOfWeek, DayWindow> e : days.entrySet()) {
                DayWindow w = e.getValue();
                Map<String, Object> day = new LinkedHashMap<>();
                putTime(day, "depMin", w.depMin());
                putTime(day, "depMax", w.depMax());
                putTime(day, "retMin", w.retMin());
                putTime(day, "retMax", w.retMax());
                regular.put(e.getKey().name().toLowerCase(Locale.ROOT), day);
            }
        }
        long partnerId = rs.getLong("partner_id");
        boolean isPartner = !rs.wasNull();
        double fromKm = rs.getDouble("from_km");
        double toKm = rs.getDouble("to_km");
        Number seats = (Number) rs.getObject("seats");
        Number duration = (Number) rs.getObject("duration_min");
        return new SearchResult.Item(rs.getString("uuid"), rs.getString("operator"), rs.getString("site"),
                rs.getString("url"), isPartner, isPartner ? rs.getString("partner_name") : null,
                rs.getString("pseudonym"), rs.getBoolean("driver"), rs.getBoolean("passenger"),
                punctual ? "punctual" : "regular", rs.getString("leg"),
                new SearchResult.Place(rs.getString("from_location"), rs.getString("from_postalcode"),
                        rs.getDouble("from_lat"), rs.getDouble("from_lon"), round(fromKm)),
                new SearchResult.Place(rs.getString("to_location"), rs.getString("to_postalcode"),
                        rs.getDouble("to_lat"), rs.getDouble("to_lon"), round(toKm)),
                rs.getBigDecimal("distance_km"), duration == null ? null : duration.intValue(),
                seats == null ? null : seats.intValue(), rs.getBigDecimal("price"),
                rs.getObject("active_from", LocalDate.class), rs.getObject("active_to", LocalDate.class), p, regular,
                round(fromKm + toKm), (int) Math.round(rs.getInt("time_diff") / 2.0));
    }

    private static Number[] numbers(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? null : (Number[]) a.getArray();
    }

    private static void putTime(Map<String, Object> day, String name, LocalTime t) {
        if (t != null) {
            day.put(name, t.toString());
        }
    }

    private static double round(double km) {
        return Math.round(km * 10) / 10.0;
    }
}
