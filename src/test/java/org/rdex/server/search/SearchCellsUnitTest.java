package org.rdex.server.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The cells a search sends must hold every point of its box, numbered as V12's generated columns. */
class SearchCellsUnitTest {

    /** V12: floor((lat + 90) * 10) * 3601 + floor((lon + 180) * 10). */
    private static int cellAsInDatabase(double lat, double lon) {
        return (int) Math.floor((lat + 90) * 10) * 3601 + (int) Math.floor((lon + 180) * 10);
    }

    @Test
    void lists_the_cell_of_every_point_of_the_box_including_its_edges() {
        SearchBox box = new SearchBox(2.2153, 48.7667, 2.4891, 48.9465);
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        LegQuery.cells(sql, params, "c", box);
        assertEquals("c = any(?)", sql.toString());
        List<Integer> cells = Arrays.asList((Integer[]) params.get(0));
        assertEquals(9, cells.size());
        for (double lat = box.minLat(); lat <= box.maxLat(); lat += 0.01) {
            for (double lon = box.minLon(); lon <= box.maxLon(); lon += 0.01) {
                assertTrue(cells.contains(cellAsInDatabase(lat, lon)), lat + "," + lon);
            }
        }
        assertTrue(cells.contains(cellAsInDatabase(box.maxLat(), box.maxLon())));
        assertTrue(cells.contains(cellAsInDatabase(box.minLat(), box.minLon())));
    }

    @Test
    void a_box_on_a_cell_boundary_keeps_the_cell_beyond_it() {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        LegQuery.cells(sql, params, "c", new SearchBox(-30.05, 9.9, -30.0, 10.0));
        List<Integer> cells = Arrays.asList((Integer[]) params.get(0));
        assertTrue(cells.contains(cellAsInDatabase(10.0, -30.0)));
        assertTrue(cells.contains(cellAsInDatabase(9.9, -30.05)));
    }

    @Test
    void a_box_spanning_every_longitude_falls_back_to_whole_latitude_bands() {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        LegQuery.cells(sql, params, "c", new SearchBox(-180, 89.0, 180, 90));
        assertEquals("c between ? and ?", sql.toString());
        int low = (Integer) params.get(0);
        int high = (Integer) params.get(1);
        assertTrue(low <= cellAsInDatabase(89.0, -180) && cellAsInDatabase(89.0, -180) <= high);
        assertTrue(low <= cellAsInDatabase(90, 180) && cellAsInDatabase(90, 180) <= high);
        assertTrue(cellAsInDatabase(88.99, 180) < low);
    }

    @Test
    void a_box_across_the_antimeridian_lists_the_cells_on_both_sides() {
        for (SearchBox box : new SearchBox[] { new SearchBox(-180.1, -17.1, -179.9, -16.9),
                new SearchBox(179.9, -17.1, 180.1, -16.9) }) {
            StringBuilder sql = new StringBuilder();
            List<Object> params = new ArrayList<>();
            LegQuery.cells(sql, params, "c", box);
            assertEquals("c = any(?)", sql.toString());
            List<Integer> cells = Arrays.asList((Integer[]) params.get(0));
            for (double lat = -17.1; lat <= -16.9; lat += 0.01) {
                for (double lon : new double[] { 179.9, 179.95, 179.999, 180, -180, -179.95, -179.9 }) {
                    assertTrue(cells.contains(cellAsInDatabase(lat, lon)), lat + "," + lon);
                }
            }
            assertTrue(cells.size() <= 3 * 5, cells.toString());
        }
    }

    @Test
    void longitude_ranges_wrap_at_the_antimeridian() {
        assertArrayEquals(new double[][] { { 2, 3 } }, new SearchBox(2, 0, 3, 1).lonRanges());
        assertArrayEquals(new double[][] { { 179.5, 180 }, { -180, -179.5 } },
                new SearchBox(-180.5, 0, -179.5, 1).lonRanges());
        assertArrayEquals(new double[][] { { 179.5, 180 }, { -180, -179.5 } },
                new SearchBox(179.5, 0, 180.5, 1).lonRanges());
        assertEquals(0, new SearchBox(-190, 0, 170, 1).lonRanges().length);
    }
}
