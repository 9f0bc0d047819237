package org.rdex.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rdex.server.model.GreatCircle;

/** The box around a searched point, and the searched hours and weekdays. */
class SearchBoxUnitTest {

    @Test
    void every_point_within_the_radius_lies_inside_the_box() {
        double lat = 48.85;
        double lon = 2.35;
        SearchBox box = SearchBox.around(lat, lon, 10);
        for (int bearing = 0; bearing < 360; bearing += 5) {
            double b = Math.toRadians(bearing);
            for (double d = 0.5; d < 10; d += 0.5) {
                double pLat = lat + d / 111.2 * Math.cos(b);
                double pLon = lon + d / (111.2 * Math.cos(Math.toRadians(lat))) * Math.sin(b);
                if (GreatCircle.km(SearchBox.EARTH_KM, lat, lon, pLat, pLon) <= 10) {
                    assertTrue(box.minLat() <= pLat && pLat <= box.maxLat() && box.minLon() <= pLon
                            && pLon <= box.maxLon(), pLat + "," + pLon + " outside " + box);
                }
            }
        }
        assertTrue(box.maxLat() - box.minLat() < 0.2, box.toString());
    }

    @Test
    void a_box_near_the_antimeridian_passes_it_and_near_a_pole_spans_every_longitude() {
        SearchBox east = SearchBox.around(-17, 179.99, 10);
        assertTrue(east.maxLon() > 180, east.toString());
        assertEquals(2, east.lonRanges().length);
        SearchBox polar = SearchBox.around(89.95, 0, 50);
        assertEquals(90, polar.maxLat());
        assertEquals(0, polar.lonRanges().length);
    }

    @Test
    void searched_days_are_the_iso_numbers_of_the_mask() {
        assertEquals(List.of(1, 7), SearchedTime.isoDays(0b1000001));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), SearchedTime.isoDays(0b1111111));
        assertEquals(List.of(), SearchedTime.isoDays(0));
    }

    @Test
    void the_searched_window_drops_seconds_and_its_middle_counts_half_minutes() {
        SearchRequest r = new SearchRequest(0, 0, 1, null, null, 1, null, null, LocalTime.of(7, 30, 59),
                LocalTime.of(9, 0, 30), true, null, SearchRequest.Frequency.ANY, 3, 1, 1);
        SearchedTime t = SearchedTime.of(r);
        assertEquals(450, t.fromMinute());
        assertEquals(540, t.toMinute());
        assertEquals(List.of(1, 2), t.days());
        assertEquals(990, SearchedTime.twiceMiddle(LocalTime.of(7, 30), LocalTime.of(9, 0)));
        assertEquals(991, SearchedTime.twiceMiddle(LocalTime.of(7, 30, 45), LocalTime.of(9, 0)));
    }
}
