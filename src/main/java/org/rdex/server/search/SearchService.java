package org.rdex.server.search;

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
import org.rdex.server.rdex.RdexJourney.DayWindow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Finds own and partner journeys near a searched origin and destination. Each point is first narrowed to the
 * grid cells its radius box overlaps, through the btree on {@code (from_cell, to_cell)} (V12; no PostGIS or
 * extension), then the box, the great-circle distance, the dates, weekdays and departure windows are checked
 * on those candidates only.
 */
@ApplicationScoped
public class SearchService {

    private static final double EARTH_KM = 6371.0088;
    private static final double KM_PER_DEGREE = Math.PI * EARTH_KM / 180;
    /** Cells per latitude band in V12's numbering (longitude columns 0..3600). */
    private static final int CELLS_PER_BAND = 3601;
    /** Longest cell list sent; about 100 km around a point in France is ~550 cells. */
    private static final int MAX_CELLS = 2000;

    @Inject
    DataSource dataSource;

    public SearchResult search(SearchRequest r) {
        if (r.daysMask() == 0) {
            return new SearchResult(r.page(), r.size(), false, List.of());
        }
        boolean withTo = r.toLat() != null;
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder(2048);
        sql.append("with c as (select j.partner_id, j.uuid, j.operator, j.site, j.url, j.pseudonym, j.driver,"
                + " j.passenger, j.from_location, j.from_postalcode, j.from_lat, j.from_lon, j.to_location,"
                + " j.to_postalcode, j.to_lat, j.to_lon, j.distance_km, j.duration_min, j.seats, j.price,"
                + " j.active_from, j.active_to, j.punctual, j.punctual_date, j.punctual_min, j.punctual_max,"
                + " j.schedule, ");
        distance(sql, params, "j.from_lat", "j.from_lon", r.fromLat(), r.fromLon());
        sql.append(" as from_km, ");
        if (withTo) {
            distance(sql, params, "j.to_lat", "j.to_lon", r.toLat(), r.toLon());
        } else {
            sql.append("0::float8");
        }
        sql.append(" as to_km, ");
        double mid = (r.timeFrom().toSecondOfDay() + (double) r.timeTo().toSecondOfDay()) / 2;
        double midParam = r.windowGiven() ? mid : -1;
        // Punctual: on a searched date and weekday, window overlapping the searched one.
        sql.append("case when j.punctual then case when j.punctual_date between ? and ? and (j.days_mask & ?) <> 0"
                + " and coalesce(j.punctual_min, j.punctual_max) <= ? and coalesce(j.punctual_max, j.punctual_min) >= ?"
                + " then ").append(timeDiff("extract(epoch from coalesce(j.punctual_min, j.punctual_max))",
                        "extract(epoch from coalesce(j.punctual_max, j.punctual_min))")).append(" end ");
        params.add(r.dateFrom());
        params.add(r.dateTo());
        params.add(r.daysMask());
        params.add(r.timeTo());
        params.add(r.timeFrom());
        params.add(midParam);
        params.add(midParam);
        // Regular: the best of its searched weekdays whose departure window overlaps the searched one.
        sql.append("else (select min(").append(timeDiff(
                "extract(epoch from coalesce(w.value->>'depMin', w.value->>'depMax')::time)",
                "extract(epoch from coalesce(w.value->>'depMax', w.value->>'depMin')::time)"))
                .append(") from jsonb_each(j.schedule) w where w.key = any(?)"
                        + " and coalesce(w.value->>'depMin', w.value->>'depMax')::time <= ?"
                        + " and coalesce(w.value->>'depMax', w.value->>'depMin')::time >= ?) end as time_diff");
        params.add(midParam);
        params.add(midParam);
        params.add(dayNames(r.daysMask()));
        params.add(r.timeTo());
        params.add(r.timeFrom());
        sql.append(" from searchable_journey j where ");
        double[] f = box(r.fromLat(), r.fromLon(), r.fromRadiusKm());
        cells(sql, params, "j.from_cell", f);
        if (withTo) {
            double[] t = box(r.toLat(), r.toLon(), r.toRadiusKm());
            sql.append(" and ");
            cells(sql, params, "j.to_cell", t);
            // Cells overshoot the box; the box drops most of the extra rows before the exact distance.
            sql.append(" and j.to_lon between ? and ? and j.to_lat between ? and ?");
            params.addAll(List.of(t[0], t[2], t[1], t[3]));
        }
        sql.append(" and j.from_lon between ? and ? and j.from_lat between ? and ?");
        params.addAll(List.of(f[0], f[2], f[1], f[3]));
        sql.append(" and j.active_to >= ? and j.active_from <= ? and (j.days_mask & ?) <> 0");
        params.add(r.dateFrom());
        params.add(r.dateTo());
        params.add(r.daysMask());
        if (r.role() == SearchRequest.Role.DRIVER) {
            sql.append(" and j.driver");
        } else if (r.role() == SearchRequest.Role.PASSENGER) {
            sql.append(" and j.passenger");
        }
        if (r.frequency() == SearchRequest.Frequency.PUNCTUAL) {
            sql.append(" and j.punctual");
        } else if (r.frequency() == SearchRequest.Frequency.REGULAR) {
            sql.append(" and not j.punctual");
        }
        sql.append(") select c.*, p.name as partner_name from c left join partner p on p.id = c.partner_id"
                + " where c.from_km <= ? and c.to_km <= ? and c.time_diff is not null"
                + " order by c.from_km + c.to_km, c.time_diff, coalesce(c.punctual_date, c.active_from),"
                + " c.partner_id nulls first, c.uuid"
                + " limit ? offset ?");
        params.add(r.fromRadiusKm());
        params.add(withTo ? r.toRadiusKm() : 0.0);
        params.add(r.size() + 1);
        params.add((r.page() - 1) * r.size());

        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            try {
                SearchResult result = run(c, sql.toString(), params, r);
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

    /** Minutes between window middles, or 0 when no window was searched (parameter -1). */
    private static String timeDiff(String start, String end) {
        return "case when ?::float8 < 0 then 0 else abs((" + start + " + " + end + ") / 2 - ?::float8) / 60 end";
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
     * longitude), still one btree range.
     */
    static void cells(StringBuilder sql, List<Object> params, String column, double[] box) {
        int lowBand = band(box[1]);
        int highBand = band(box[3]);
        int lowColumn = column(box[0]);
        int highColumn = column(box[2]);
        long count = (highBand - lowBand + 1L) * (highColumn - lowColumn + 1L);
        if (count > MAX_CELLS) {
            sql.append(column).append(" between ? and ?");
            params.add(lowBand * CELLS_PER_BAND);
            params.add(highBand * CELLS_PER_BAND + CELLS_PER_BAND - 1);
            return;
        }
        Integer[] cells = new Integer[(int) count];
        int i = 0;
        for (int b = lowBand; b <= highBand; b++) {
            for (int c = lowColumn; c <= highColumn; c++) {
                cells[i++] = b * CELLS_PER_BAND + c;
            }
        }
        sql.append(column).append(" = any(?)");
        params.add(cells);
    }

    /** As V12 computes it: floor((lat + 90) * 10). */
    static int band(double lat) {
        return (int) Math.floor((Math.max(-90, Math.min(90, lat)) + 90) * 10);
    }

    /** As V12 computes it: floor((lon + 180) * 10). */
    static int column(double lon) {
        return (int) Math.floor((Math.max(-180, Math.min(180, lon)) + 180) * 10);
    }

    /** {minLon, minLat, maxLon, maxLat}: every point within {@code km} of the given one lies inside. */
    private static double[] box(double lat, double lon, double km) {
        double dLat = km / KM_PER_DEGREE;
        double maxAbsLat = Math.min(89.9, Math.abs(lat) + dLat);
        double dLon = Math.min(180, km / (KM_PER_DEGREE * Math.cos(Math.toRadians(maxAbsLat))));
        return new double[] { lon - dLon, Math.max(-90, lat - dLat), lon + dLon, Math.min(90, lat + dLat) };
    }

    private static String[] dayNames(int mask) {
        List<String> names = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            if ((mask & SearchRequest.bit(d)) != 0) {
                names.add(d.name().toLowerCase(Locale.ROOT));
            }
        }
        return names.toArray(String[]::new);
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
            for (Map.Entry<DayOfWeek, DayWindow> e : Schedule.fromJson(rs.getString("schedule")).entrySet()) {
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
                punctual ? "punctual" : "regular",
                new SearchResult.Place(rs.getString("from_location"), rs.getString("from_postalcode"),
                        rs.getDouble("from_lat"), rs.getDouble("from_lon"), round(fromKm)),
                new SearchResult.Place(rs.getString("to_location"), rs.getString("to_postalcode"),
                        rs.getDouble("to_lat"), rs.getDouble("to_lon"), round(toKm)),
                rs.getBigDecimal("distance_km"), duration == null ? null : duration.intValue(),
                seats == null ? null : seats.intValue(), rs.getBigDecimal("price"),
                rs.getObject("active_from", LocalDate.class), rs.getObject("active_to", LocalDate.class), p, regular,
                round(fromKm + toKm), (int) Math.round(rs.getDouble("time_diff")));
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
