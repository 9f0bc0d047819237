package org.rdex.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rdex.server.db.JourneyColumn;

/** The statement of a search, built leg by leg: placeholders and values agree, no private column is read. */
class LegQueryUnitTest {

    private static final LocalDate DATE = LocalDate.of(2099, 4, 1);

    private static SearchRequest request(Double toLat, SearchRequest.Frequency frequency, boolean window, int mask) {
        return new SearchRequest(48.85, 2.35, 10, toLat, toLat == null ? null : 4.83, 15, DATE, DATE.plusDays(6),
                window ? LocalTime.of(7, 30) : LocalTime.MIN, window ? LocalTime.of(9, 0) : LocalTime.MAX, window,
                null, frequency, mask, 1, 20);
    }

    private static List<SearchRequest> requests() {
        List<SearchRequest> all = new ArrayList<>();
        for (Double toLat : new Double[] { null, 45.76 }) {
            for (SearchRequest.Frequency f : SearchRequest.Frequency.values()) {
                for (boolean window : new boolean[] { false, true }) {
                    for (int mask : new int[] { 1, 0b1010101 }) {
                        all.add(request(toLat, f, window, mask));
                    }
                }
            }
        }
        return all;
    }

    @Test
    void every_placeholder_has_its_value() {
        for (SearchRequest r : requests()) {
            List<Object> params = new ArrayList<>();
            String sql = SearchService.sql(r, params);
            assertEquals(sql.chars().filter(c -> c == '?').count(), params.size(), sql);
        }
    }

    @Test
    void a_search_reads_no_private_column() {
        for (JourneyColumn column : JourneyColumn.PRIVATE) {
            assertFalse(LegQuery.SHOWN.contains(column), column.column());
            Pattern name = Pattern.compile("\\b" + column.column() + "\\b");
            for (SearchRequest r : requests()) {
                String sql = SearchService.sql(r, new ArrayList<>());
                assertFalse(name.matcher(sql).find(), column.column() + " in " + sql);
            }
        }
    }

    @Test
    void the_return_leg_starts_at_the_journeys_arrival_within_its_return_windows() {
        StringBuilder sql = new StringBuilder();
        new LegQuery(sql, new ArrayList<>(), request(45.76, SearchRequest.Frequency.ANY, true, 1), Leg.RETURN)
                .append();
        String text = sql.toString();
        assertTrue(text.startsWith("select * from (select 'return' as leg, "), text);
        assertTrue(text.contains("j.to_location as from_location"), text);
        assertTrue(text.contains("j.from_lat as to_lat"), text);
        assertTrue(text.contains("j.to_cell = any(?) and j.from_cell = any(?)"), text);
        assertTrue(text.contains("j.ret_lo is not null and j.ret_lo_min <= ? and j.ret_hi_max >= ?"), text);
        assertFalse(text.contains("punctual_date between"), text);
        assertFalse(text.contains("dep_lo["), text);
    }

    @Test
    void the_outward_leg_keeps_punctual_journeys_of_the_searched_dates_only() {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        new LegQuery(sql, params, request(null, SearchRequest.Frequency.PUNCTUAL, false, 1), Leg.OUTWARD).append();
        String text = sql.toString();
        assertTrue(text.contains("j.from_location as from_location"), text);
        assertTrue(text.contains(" and j.punctual_date between ? and ?"), text);
        assertTrue(text.contains("0::float8 as to_km"), text);
        assertTrue(text.contains("0 as time_diff"), text);
        assertFalse(text.contains("to_cell"), text);
        assertEquals(0.0, params.get(params.size() - 1), "no destination: its distance is 0 and so its radius");
    }

    @Test
    void with_several_days_the_time_difference_is_the_best_of_the_overlapping_ones() {
        StringBuilder sql = new StringBuilder();
        new LegQuery(sql, new ArrayList<>(), request(null, SearchRequest.Frequency.ANY, true, 0b101), Leg.OUTWARD)
                .append();
        assertTrue(sql.toString().contains("least(case when (j.dep_lo[1] <= ? and j.dep_hi[1] >= ?) then "
                + "abs(j.dep_lo[1] + j.dep_hi[1] - ?) end, case when (j.dep_lo[3] <= ? and j.dep_hi[3] >= ?) then "
                + "abs(j.dep_lo[3] + j.dep_hi[3] - ?) end) as time_diff"), sql.toString());
    }
}
