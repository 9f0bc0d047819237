package org.rdex.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;

/** The checks and defaults of a platform search, without HTTP: what {@code SearchTest} sees through the API. */
class SearchRequestUnitTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 4);
    private static final LocalDate MONDAY = TODAY.with(TemporalAdjusters.next(DayOfWeek.MONDAY));

    private static final SearchConfig CONFIG = new SearchConfig() {
        @Override
        public double defaultRadiusKm() {
            return 10;
        }

        @Override
        public double maxRadiusKm() {
            return 100;
        }

        @Override
        public int defaultPageSize() {
            return 20;
        }

        @Override
        public int maxPageSize() {
            return 100;
        }

        @Override
        public int maxPage() {
            return 50;
        }

        @Override
        public int maxDateRangeDays() {
            return 31;
        }

        @Override
        public int maxAnswerBytes() {
            return 1 << 20;
        }

        @Override
        public java.time.Duration statementTimeout() {
            return java.time.Duration.ofSeconds(30);
        }
    };

    /**
     * The query as RESTEasy binds it: an empty value as absent, then the declared defaults for absent ones. The
     * names sent, empty ones included, are the map's keys.
     */
    private static SearchQuery query(Map<String, String> sent) {
        Map<String, String> q = new HashMap<>(Map.of("frequency", "any", "page", "1"));
        sent.forEach((name, value) -> {
            if (!value.isEmpty()) {
                q.put(name, value);
            }
        });
        return new SearchQuery(q.get("fromLat"), q.get("fromLon"), q.get("toLat"), q.get("toLon"),
                q.get("fromRadiusKm"), q.get("toRadiusKm"), q.get("date"), q.get("dateFrom"), q.get("dateTo"),
                q.get("timeFrom"), q.get("timeTo"), q.get("role"), q.get("frequency"), q.get("days"), q.get("page"),
                q.get("size"), q.get("live"));
    }

    private static SearchRequest parse(Map<String, String> given) {
        Map<String, String> q = new HashMap<>(Map.of("fromLat", "43.3", "fromLon", "5.4"));
        q.putAll(given);
        return SearchRequest.parse(query(q), q.keySet(), CONFIG, TODAY);
    }

    private static List<FieldError> errors(Map<String, String> q) {
        return assertThrows(ApiException.class, () -> SearchRequest.parse(query(q), q.keySet(), CONFIG, TODAY))
                .fields();
    }

    private static boolean live(Map<String, String> q) {
        return SearchRequest.live(query(q), q.keySet());
    }

    @Test
    void fills_in_today_the_longest_range_the_whole_day_and_the_configured_radius_and_page() {
        SearchRequest r = parse(Map.of());
        assertEquals(TODAY, r.dateFrom());
        assertEquals(TODAY.plusDays(30), r.dateTo());
        assertEquals(LocalTime.MIN, r.timeFrom());
        assertEquals(LocalTime.MAX, r.timeTo());
        assertFalse(r.windowGiven());
        assertEquals(10, r.fromRadiusKm());
        assertEquals(10, r.toRadiusKm());
        assertNull(r.toLat());
        assertNull(r.role());
        assertEquals(SearchRequest.Frequency.ANY, r.frequency());
        assertEquals(SearchRequest.ALL_DAYS, r.daysMask());
        assertEquals(1, r.page());
        assertEquals(20, r.size());
    }

    @Test
    void blank_values_count_as_absent() {
        SearchRequest r = parse(Map.of("frequency", "", "page", " ", "role", "", "days", "", "timeFrom", ""));
        assertEquals(SearchRequest.Frequency.ANY, r.frequency());
        assertEquals(1, r.page());
        assertNull(r.role());
        assertEquals(SearchRequest.ALL_DAYS, r.daysMask());
        assertFalse(r.windowGiven());
    }

    @Test
    void names_every_invalid_parameter_in_the_order_they_are_read() {
        List<FieldError> errors = errors(Map.of("fromLat", "95", "toLat", "1", "date", "2025-02-30", "role", "pilot",
                "timeFrom", "10:00", "timeTo", "09:00", "fromRadiusKm", "5000", "days", "moonday", "size", "2.5"));
        assertEquals(List.of(new FieldError("fromLat", "must be a number from -90 to 90"),
                new FieldError("fromLon", "is required"),
                new FieldError("toLon", "is required with toLat"),
                new FieldError("fromRadiusKm", "must be a number from 0.01 to 100"),
                new FieldError("date", "must be a date YYYY-MM-DD"),
                new FieldError("timeTo", "must not be before timeFrom (search each side of midnight apart)"),
                new FieldError("role", "must be one of [driver, passenger]"),
                new FieldError("days", "must be weekday names separated by commas (monday,friday)"),
                new FieldError("size", "must be a whole number")), errors);
    }

    @Test
    void missing_fields_only_are_a_missing_mandatory_field() {
        ApiException e = assertThrows(ApiException.class,
                () -> SearchRequest.parse(query(Map.of()), Set.of(), CONFIG, TODAY));
        assertEquals("missing_mandatory_field", e.name());
        assertEquals(400, e.status());
        assertEquals(List.of("fromLat", "fromLon"), e.fields().stream().map(FieldError::field).toList());
    }

    @Test
    void an_invalid_destination_coordinate_is_named_once() {
        assertEquals(List.of(new FieldError("toLat", "must be a number from -90 to 90")),
                errors(Map.of("fromLat", "1", "fromLon", "1", "toLat", "abc", "toLon", "2")));
    }

    @Test
    void refuses_date_with_a_range_a_reversed_range_and_one_too_long() {
        assertEquals(List.of(new FieldError("date", "give either date or dateFrom/dateTo")),
                errors(Map.of("fromLat", "1", "fromLon", "1", "date", "2026-03-10", "dateFrom", "")));
        assertEquals(List.of(new FieldError("dateTo", "must not be before dateFrom")),
                errors(Map.of("fromLat", "1", "fromLon", "1", "dateFrom", "2026-03-10", "dateTo", "2026-03-09")));
        assertEquals(List.of(new FieldError("dateTo", "the date range is limited to 31 days")),
                errors(Map.of("fromLat", "1", "fromLon", "1", "dateFrom", "2026-03-10", "dateTo", "2026-04-10")));
    }

    @Test
    void a_parameter_sent_empty_still_counts_as_given_where_presence_matters() {
        // An empty toLat beside a toLon is no half destination; an empty dateFrom beside a date is a conflict.
        assertNull(parse(Map.of("toLat", "", "toLon", "5.45")).toLat());
        assertEquals(List.of(new FieldError("toLat", "is required with toLon")),
                errors(Map.of("fromLat", "1", "fromLon", "1", "toLon", "5.45")));
    }

    @Test
    void a_past_end_date_alone_searches_that_day() {
        SearchRequest r = parse(Map.of("dateTo", TODAY.minusDays(3).toString()));
        assertEquals(TODAY.minusDays(3), r.dateFrom());
        assertEquals(TODAY.minusDays(3), r.dateTo());
    }

    @Test
    void the_weekday_mask_is_that_of_the_dates_narrowed_by_days() {
        assertEquals(SearchRequest.bit(DayOfWeek.MONDAY), parse(Map.of("date", MONDAY.toString())).daysMask());
        SearchRequest week = parse(Map.of("dateFrom", MONDAY.toString(), "dateTo", MONDAY.plusDays(2).toString(),
                "days", "Wednesday, sunday"));
        assertEquals(SearchRequest.bit(DayOfWeek.WEDNESDAY), week.daysMask());
    }

    @Test
    void keeps_the_given_window_radius_role_and_page() {
        SearchRequest r = parse(Map.of("toLat", "43.5", "toLon", "5.45", "timeFrom", "07:00", "timeTo", "09:00",
                "toRadiusKm", "2.5", "role", "Passenger", "frequency", "regular", "page", "3", "size", "7"));
        assertEquals(43.5, r.toLat());
        assertEquals(LocalTime.of(7, 0), r.timeFrom());
        assertTrue(r.windowGiven());
        assertEquals(2.5, r.toRadiusKm());
        assertEquals(SearchRequest.Role.PASSENGER, r.role());
        assertEquals(SearchRequest.Frequency.REGULAR, r.frequency());
        assertEquals(3, r.page());
        assertEquals(7, r.size());
    }

    @Test
    void live_must_be_true_or_false() {
        assertTrue(live(Map.of("live", " true")));
        assertFalse(live(Map.of("live", "false")));
        assertFalse(live(Map.of()));
        ApiException e = assertThrows(ApiException.class, () -> live(Map.of("live", "yes")));
        assertEquals(List.of(new FieldError("live", "must be true or false")), e.fields());
        assertThrows(ApiException.class, () -> live(Map.of("live", "")), "sent empty, live is neither true nor false");
    }
}
