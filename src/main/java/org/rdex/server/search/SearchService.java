package org.rdex.server.search;

import static org.rdex.server.db.JourneyColumn.DEP_HI;
import static org.rdex.server.db.JourneyColumn.DEP_LO;
import static org.rdex.server.db.JourneyColumn.PARTNER_ID;
import static org.rdex.server.db.JourneyColumn.PUNCTUAL;
import static org.rdex.server.db.JourneyColumn.PUNCTUAL_DATE;
import static org.rdex.server.db.JourneyColumn.PUNCTUAL_MAX;
import static org.rdex.server.db.JourneyColumn.PUNCTUAL_MIN;
import static org.rdex.server.db.JourneyColumn.RET_HI;
import static org.rdex.server.db.JourneyColumn.RET_LO;
import static org.rdex.server.db.JourneyColumn.SCHEDULE;

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

import org.rdex.server.db.JourneyColumn;
import org.rdex.server.db.JourneyColumn.PlaceColumns;
import org.rdex.server.model.SharedJourney;
import org.rdex.server.db.SessionLimits;
import org.rdex.server.journey.Schedule;
import org.rdex.server.model.DayWindow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Finds own and partner journeys near a searched origin and destination, on their outward leg and, for
 * regular journeys, their return leg. Each point is first narrowed to the grid cells its radius box overlaps,
 * through the btrees on {@code (from_cell, to_cell, ...)} (no PostGIS or extension), which also
 * drop punctual journeys on other dates and journeys whose windows never reach the searched hours; then the
 * box, the great-circle distance, the dates and the window of each searched weekday are checked on those
 * candidates only.
 */
@ApplicationScoped
public class SearchService {

    /** Rows the driver holds at a time: a page is read in a few round trips, never whole whatever its rows hold. */
    private static final int FETCH_ROWS = 16;
    /** JSON keys, numbers, dates and schedule of a result, besides its texts. */
    private static final int ITEM_OVERHEAD_BYTES = 1024;

    @Inject
    DataSource dataSource;
    @Inject
    SearchConfig config;

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
            } catch (Throwable e) {
                // Errors too (an OutOfMemoryError while reading rows): the transaction must not stay open.
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
        new LegQuery(sql, params, r, Leg.OUTWARD).append();
        if (r.frequency() != SearchRequest.Frequency.PUNCTUAL) {
            sql.append(" union all ");
            new LegQuery(sql, params, r, Leg.RETURN).append();
        }
        sql.append(") c left join partner p on p.id = c.partner_id"
                + " order by c.from_km + c.to_km, c.time_diff, coalesce(c.punctual_date, c.active_from),"
                + " c.partner_id nulls first, c.uuid, c.leg"
                + " limit ? offset ?");
        params.add(r.size() + 1);
        params.add((r.page() - 1) * r.size());
        return sql.toString();
    }

    private SearchResult run(Connection c, String sql, List<Object> params, SearchRequest r) throws SQLException {
        // The custom plan of each search is the generic one (the cells index, then filters), but planning
        // this long statement costs about as much as running it: reuse the generic plan of the prepared
        // statement (the driver prepares it on the server from its 5th use on a connection). The planner
        // would not choose it alone, its estimate for "= any($n)" being above the custom plans'.
        // LOCAL: only this transaction, the pooled connection keeps the server's default.
        try (Statement set = c.createStatement()) {
            set.execute("set local plan_cache_mode = force_generic_plan");
        }
        SessionLimits.statementTimeout(c, config.statementTimeout());
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
            // In this transaction (autocommit off) the driver then reads through a cursor, FETCH_ROWS at a time.
            ps.setFetchSize(FETCH_ROWS);
            List<SearchResult.Item> items = new ArrayList<>();
            long bytes = 0;
            boolean cut = false;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SearchResult.Item item = item(rs);
                    if (items.size() < r.size()) {
                        bytes += estimatedBytes(item);
                        if (bytes > config.maxAnswerBytes()) {
                            cut = true;
                            break;
                        }
                    }
                    items.add(item);
                }
            }
            boolean more = cut || items.size() > r.size();
            return new SearchResult(r.page(), r.size(), more, items.size() > r.size() ? items.subList(0, r.size())
                    : items);
        }
    }

    /** One row of the statement as a result item; journey columns are read under their own names. */
    private static SearchResult.Item item(ResultSet rs) throws SQLException {
        boolean punctual = rs.getBoolean(PUNCTUAL.column());
        long partnerId = rs.getLong(PARTNER_ID.column());
        boolean isPartner = !rs.wasNull();
        double fromKm = rs.getDouble("from_km");
        double toKm = rs.getDouble("to_km");
        SharedJourney.Builder shown = SharedJourney.builder();
        for (JourneyColumn column : JourneyColumn.SEARCH_SHOWN) {
            column.field().set(shown, column.read(rs, rs.findColumn(column.column())));
        }
        return SearchResult.Item.of(shown.build(), isPartner, isPartner ? rs.getString("partner_name") : null,
                punctual ? "punctual" : "regular", rs.getString("leg"),
                place(rs, PlaceColumns.FROM, fromKm), place(rs, PlaceColumns.TO, toKm),
                punctual ? punctual(rs) : null, punctual ? null : regular(rs),
                round(fromKm + toKm), (int) Math.round(rs.getInt("time_diff") / 2.0));
    }

    /** About the bytes of the item's JSON: its texts in UTF-8 and a fixed allowance for the rest. */
    static long estimatedBytes(SearchResult.Item item) {
        return ITEM_OVERHEAD_BYTES + utf8(item.uuid()) + utf8(item.operator()) + utf8(item.site()) + utf8(item.url())
                + utf8(item.partnerName()) + utf8(item.pseudonym()) + utf8(item.from().location())
                + utf8(item.from().postalCode()) + utf8(item.to().location()) + utf8(item.to().postalCode());
    }

    private static long utf8(String s) {
        if (s == null) {
            return 0;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // An escaped control character takes 6 bytes; a surrogate half, 2 of its pair's 4.
            n += c < 0x20 ? 6 : c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    /** A place as travelled: the leg's start is named from, its end to (see {@link LegQuery}). */
    private static SearchResult.Place place(ResultSet rs, PlaceColumns place, double km) throws SQLException {
        return new SearchResult.Place(rs.getString(place.location().column()),
                rs.getString(place.postalCode().column()), rs.getDouble(place.lat().column()),
                rs.getDouble(place.lon().column()), round(km));
    }

    private static SearchResult.Punctual punctual(ResultSet rs) throws SQLException {
        return new SearchResult.Punctual(rs.getObject(PUNCTUAL_DATE.column(), LocalDate.class),
                rs.getObject(PUNCTUAL_MIN.column(), LocalTime.class),
                rs.getObject(PUNCTUAL_MAX.column(), LocalTime.class));
    }

    /** A regular journey's windows by lower-case weekday, each with the times it has. */
    private static Map<String, Object> regular(ResultSet rs) throws SQLException {
        String schedule = rs.getString(SCHEDULE.column());
        // Null for the partners' schedules the window arrays hold entirely (Schedule.derivable).
        Map<DayOfWeek, DayWindow> days = schedule != null ? Schedule.fromJson(schedule)
                : Schedule.fromWindows(numbers(rs, DEP_LO), numbers(rs, DEP_HI), numbers(rs, RET_LO),
                        numbers(rs, RET_HI));
        Map<String, Object> regular = new LinkedHashMap<>();
        for (Map.Entry<DayOfWeek, DayWindow> e : days.entrySet()) {
            DayWindow w = e.getValue();
            Map<String, Object> day = new LinkedHashMap<>();
            putTime(day, "depMin", w.depMin());
            putTime(day, "depMax", w.depMax());
            putTime(day, "retMin", w.retMin());
            putTime(day, "retMax", w.retMax());
            regular.put(e.getKey().name().toLowerCase(Locale.ROOT), day);
        }
        return regular;
    }

    private static Number[] numbers(ResultSet rs, JourneyColumn column) throws SQLException {
        Array a = rs.getArray(column.column());
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
