package org.rdex.server.search;

import static org.rdex.server.db.JourneyColumn.ACTIVE_FROM;
import static org.rdex.server.db.JourneyColumn.ACTIVE_TO;
import static org.rdex.server.db.JourneyColumn.DAYS_MASK;
import static org.rdex.server.db.JourneyColumn.DEP_HI;
import static org.rdex.server.db.JourneyColumn.DEP_LO;
import static org.rdex.server.db.JourneyColumn.DRIVER;
import static org.rdex.server.db.JourneyColumn.PARTNER_ID;
import static org.rdex.server.db.JourneyColumn.PASSENGER;
import static org.rdex.server.db.JourneyColumn.PUNCTUAL;
import static org.rdex.server.db.JourneyColumn.PUNCTUAL_DATE;
import static org.rdex.server.db.JourneyColumn.PUNCTUAL_MAX;
import static org.rdex.server.db.JourneyColumn.PUNCTUAL_MIN;
import static org.rdex.server.db.JourneyColumn.RET_HI;
import static org.rdex.server.db.JourneyColumn.RET_LO;
import static org.rdex.server.db.JourneyColumn.SCHEDULE;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.rdex.server.db.JourneyColumn;
import org.rdex.server.db.JourneyColumn.PlaceColumns;
import org.rdex.server.model.GridCells;

/**
 * The part of a search statement that finds one {@link Leg}'s matches in {@code searchable_journey}, with
 * places and distances as travelled. Cheap conditions (cells, boxes, dates, weekdays, windows) filter in the
 * inner query, which OFFSET 0 keeps apart so that its output (the two distances, the time difference) is
 * computed once per row that passes them, then filtered on the radii.
 *
 * <p>Each step appends its SQL and, in the same order, the values of its parameters.
 */
final class LegQuery {

    /** Longest cell list sent; about 100 km around a point in France is ~550 cells. */
    private static final int MAX_CELLS = 2000;
    /**
     * What a result shows of a journey as stored, whatever the leg (the places follow, as travelled).
     * Only shared columns: nothing private reaches a result.
     */
    static final List<JourneyColumn> SHOWN = Stream.of(List.of(PARTNER_ID), JourneyColumn.SEARCH_SHOWN,
            List.of(PUNCTUAL, PUNCTUAL_DATE, PUNCTUAL_MIN, PUNCTUAL_MAX, SCHEDULE, DEP_LO, DEP_HI, RET_LO, RET_HI))
            .flatMap(List::stream).toList();

    private final StringBuilder sql;
    private final List<Object> params;
    private final SearchRequest request;
    private final Leg leg;
    private final SearchedTime time;
    private final SearchBox startBox;
    /** Null when the search names no destination. */
    private final SearchBox endBox;

    LegQuery(StringBuilder sql, List<Object> params, SearchRequest request, Leg leg) {
        this.sql = sql;
        this.params = params;
        this.request = request;
        this.leg = leg;
        this.time = SearchedTime.of(request);
        this.startBox = SearchBox.around(request.fromLat(), request.fromLon(), request.fromRadiusKm());
        this.endBox = request.toLat() == null ? null
                : SearchBox.around(request.toLat(), request.toLon(), request.toRadiusKm());
    }

    void append() {
        sql.append("select * from (select '").append(leg.label).append("' as leg, ");
        shownColumns();
        distances();
        timeDifference();
        sql.append(" as time_diff from searchable_journey j where ");
        nearBothEnds();
        atSearchedHours();
        insideBoxes();
        activeOnSearchedDays();
        inSearchedRole();
        onSearchedDates();
        windowOverlapsOnSomeDay();
        sql.append(" offset 0) l where l.from_km <= ? and l.to_km <= ?");
        params.add(request.fromRadiusKm());
        params.add(endBox != null ? request.toRadiusKm() : 0.0);
    }

    /** The shown columns, then the start and end places under the names of the journey's from and to. */
    private void shownColumns() {
        for (JourneyColumn column : SHOWN) {
            sql.append("j.").append(column.column()).append(", ");
        }
        placeAs(leg.start, PlaceColumns.FROM);
        placeAs(leg.end, PlaceColumns.TO);
    }

    private void placeAs(PlaceColumns place, PlaceColumns as) {
        column(place.location(), as.location());
        column(place.postalCode(), as.postalCode());
        column(place.lat(), as.lat());
        column(place.lon(), as.lon());
    }

    private void column(JourneyColumn column, JourneyColumn as) {
        sql.append("j.").append(column.column()).append(" as ").append(as.column()).append(", ");
    }

    /** {@code from_km} and {@code to_km}: how far the leg's ends are from the searched points. */
    private void distances() {
        distance(leg.start, request.fromLat(), request.fromLon());
        sql.append(" as from_km, ");
        if (endBox != null) {
            distance(leg.end, request.toLat(), request.toLon());
        } else {
            sql.append("0::float8");
        }
        sql.append(" as to_km, ");
    }

    /** Haversine distance in km between a place's columns and a point. */
    private void distance(PlaceColumns place, double lat, double lon) {
        String latColumn = "j." + place.lat().column();
        String lonColumn = "j." + place.lon().column();
        sql.append("2 * ").append(SearchBox.EARTH_KM).append(" * asin(least(1, sqrt(power(sin(radians(")
                .append(latColumn).append(" - ?::float8) / 2), 2) + cos(radians(").append(latColumn)
                .append(")) * cos(radians(?::float8)) * power(sin(radians(").append(lonColumn)
                .append(" - ?::float8) / 2), 2))))");
        params.add(lat);
        params.add(lat);
        params.add(lon);
    }

    /**
     * Time difference in half minutes, the best of the searched days whose window overlaps; 0 when no
     * window was searched.
     */
    private void timeDifference() {
        if (!request.windowGiven()) {
            sql.append("0");
            return;
        }
        int twiceMiddle = SearchedTime.twiceMiddle(request.timeFrom(), request.timeTo());
        List<Integer> days = time.days();
        if (days.size() == 1) {
            // The filter already holds the one day's overlap.
            differenceOn(days.get(0), twiceMiddle);
            return;
        }
        sql.append("least(");
        for (int i = 0; i < days.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("case when ");
            overlapOn(days.get(i));
            sql.append(" then ");
            differenceOn(days.get(i), twiceMiddle);
            sql.append(" end");
        }
        sql.append(')');
    }

    private void differenceOn(int day, int twiceMiddle) {
        sql.append("abs(").append(windowEnd(leg.windowLo, day)).append(" + ").append(windowEnd(leg.windowHi, day))
                .append(" - ?)");
        params.add(twiceMiddle);
    }

    /** The cells around the searched points, the leading keys of the cells indexes. */
    private void nearBothEnds() {
        cells(sql, params, "j." + leg.start.cell().column(), startBox);
        if (endBox != null) {
            sql.append(" and ");
            cells(sql, params, "j." + leg.end.cell().column(), endBox);
        }
    }

    /**
     * Journeys with windows for this leg whose week's envelope overlaps the searched hours: the last keys of
     * the cells indexes, so journeys at other hours are dropped in the index, before their rows are read.
     */
    private void atSearchedHours() {
        if (leg == Leg.RETURN) {
            // Also the predicate of the partial index on returns.
            sql.append(" and j.").append(RET_LO.column()).append(" is not null");
        }
        sql.append(" and j.").append(leg.earliest.column()).append(" <= ? and j.").append(leg.latest.column())
                .append(" >= ?");
        params.add(time.toMinute());
        params.add(time.fromMinute());
    }

    /** Cells overshoot the boxes; the boxes drop most of the extra rows before the exact distances. */
    private void insideBoxes() {
        sql.append(" and ");
        inBox(leg.start, startBox);
        if (endBox != null) {
            sql.append(" and ");
            inBox(leg.end, endBox);
        }
    }

    /** The place inside the box, on both sides of the antimeridian when the box crosses it. */
    private void inBox(PlaceColumns place, SearchBox box) {
        String lon = "j." + place.lon().column();
        double[][] lons = box.lonRanges();
        if (lons.length > 0) {
            sql.append(lons.length > 1 ? "(" : "");
            for (int i = 0; i < lons.length; i++) {
                sql.append(i == 0 ? "" : " or ").append(lon).append(" between ? and ?");
                params.add(lons[i][0]);
                params.add(lons[i][1]);
            }
            sql.append(lons.length > 1 ? ") and " : " and ");
        }
        sql.append("j.").append(place.lat().column()).append(" between ? and ?");
        params.add(box.minLat());
        params.add(box.maxLat());
    }

    private void activeOnSearchedDays() {
        sql.append(" and j.").append(ACTIVE_TO.column()).append(" >= ? and j.").append(ACTIVE_FROM.column())
                .append(" <= ? and (j.").append(DAYS_MASK.column()).append(" & ?) <> 0");
        params.add(request.dateFrom());
        params.add(request.dateTo());
        params.add(request.daysMask());
    }

    private void inSearchedRole() {
        if (request.role() == SearchRequest.Role.DRIVER) {
            sql.append(" and j.").append(DRIVER.column());
        } else if (request.role() == SearchRequest.Role.PASSENGER) {
            sql.append(" and j.").append(PASSENGER.column());
        }
    }

    /**
     * Outward only: punctual journeys on a searched date, regular ones (null date), or both. Index
     * conditions too, the cells index of the outward leg ending with the punctual date: of the punctual
     * journeys near both ends, only those on a searched date are read.
     */
    private void onSearchedDates() {
        if (leg != Leg.OUTWARD) {
            return;
        }
        String date = "j." + PUNCTUAL_DATE.column();
        String dates = date + " between ? and ?";
        SearchRequest.Frequency frequency = request.frequency();
        if (frequency == SearchRequest.Frequency.PUNCTUAL) {
            sql.append(" and ").append(dates);
        } else if (frequency == SearchRequest.Frequency.REGULAR) {
            sql.append(" and ").append(date).append(" is null");
        } else {
            sql.append(" and (").append(dates).append(" or ").append(date).append(" is null)");
        }
        if (frequency != SearchRequest.Frequency.REGULAR) {
            params.add(request.dateFrom());
            params.add(request.dateTo());
        }
    }

    private void windowOverlapsOnSomeDay() {
        sql.append(" and (");
        for (int i = 0; i < time.days().size(); i++) {
            sql.append(i == 0 ? "" : " or ");
            overlapOn(time.days().get(i));
        }
        sql.append(')');
    }

    /** The journey's window on ISO day {@code day} overlaps the searched one (false when it has none). */
    private void overlapOn(int day) {
        sql.append('(').append(windowEnd(leg.windowLo, day)).append(" <= ? and ")
                .append(windowEnd(leg.windowHi, day)).append(" >= ?)");
        params.add(time.toMinute());
        params.add(time.fromMinute());
    }

    private static String windowEnd(JourneyColumn array, int day) {
        return "j." + array.column() + "[" + day + "]";
    }

    /**
     * The grid cells ({@link GridCells}) a box overlaps, as an index condition on {@code column}: the list
     * of cells when it is short (a few at usual radii), else the whole latitude bands (near the poles a box
     * spans every longitude), still one btree range. A box past +-180 degrees of longitude takes the cells of
     * both ends of the numbering.
     */
    static void cells(StringBuilder sql, List<Object> params, String column, SearchBox box) {
        int lowBand = GridCells.band(box.minLat());
        int highBand = GridCells.band(box.maxLat());
        List<int[]> columns = new ArrayList<>(2);
        double[][] lons = box.lonRanges();
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
}
