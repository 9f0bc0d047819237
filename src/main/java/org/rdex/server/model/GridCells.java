package org.rdex.server.model;

/**
 * The search grid of V12: cells of 0.1 degree of latitude by 0.1 degree of longitude, numbered row-major,
 * {@code floor((lat + 90) * 10) * 3601 + floor((lon + 180) * 10)}. Own journeys get theirs from V12's generated
 * columns; partner journeys from the importer through {@link #cell}, in the same double arithmetic as
 * PostgreSQL's, so both agree; searches list the cells of their radius boxes with {@link #band}/{@link #column}.
 */
public final class GridCells {

    /** Cells per latitude band (longitude columns 0..3600). */
    public static final int PER_BAND = 3601;

    private GridCells() {
    }

    /** The cell of a point (coordinates in range, as the reader and the platform API guarantee). */
    public static int cell(double lat, double lon) {
        return band(lat) * PER_BAND + column(lon);
    }

    /** floor((lat + 90) * 10), latitude clamped to [-90, 90]. */
    public static int band(double lat) {
        return (int) Math.floor((Math.max(-90, Math.min(90, lat)) + 90) * 10);
    }

    /** floor((lon + 180) * 10), longitude clamped to [-180, 180]. */
    public static int column(double lon) {
        return (int) Math.floor((Math.max(-180, Math.min(180, lon)) + 180) * 10);
    }
}
