package org.rdex.server.search;

import org.rdex.server.model.GreatCircle;

/**
 * A longitude/latitude box that holds every point within some distance of a searched point: the cheap
 * test a search applies before the exact distance. The longitudes may pass +-180 degrees when the box
 * crosses the antimeridian ({@link #lonRanges} gives the ranges within -180..180).
 */
record SearchBox(double minLon, double minLat, double maxLon, double maxLat) {

    /** The Earth radius of the search's great-circle distance. */
    static final double EARTH_KM = GreatCircle.MEAN_EARTH_KM;
    private static final double KM_PER_DEGREE = Math.PI * EARTH_KM / 180;

    /**
     * The box around a point. Its longitude span is that of the latitude farthest from the equator it
     * reaches (where a degree of longitude is shortest), capped near the poles where it spans every longitude.
     */
    static SearchBox around(double lat, double lon, double km) {
        double dLat = km / KM_PER_DEGREE;
        double maxAbsLat = Math.min(89.9, Math.abs(lat) + dLat);
        double dLon = Math.min(180, km / (KM_PER_DEGREE * Math.cos(Math.toRadians(maxAbsLat))));
        return new SearchBox(lon - dLon, Math.max(-90, lat - dLat), lon + dLon, Math.min(90, lat + dLat));
    }

    /**
     * The longitude ranges of the box within -180..180: one, or two when it crosses the antimeridian, or none
     * when it spans every longitude.
     */
    double[][] lonRanges() {
        if (maxLon - minLon >= 360) {
            return new double[0][];
        }
        if (minLon < -180) {
            return new double[][] { { minLon + 360, 180 }, { -180, maxLon } };
        }
        if (maxLon > 180) {
            return new double[][] { { minLon, 180 }, { -180, maxLon - 360 } };
        }
        return new double[][] { { minLon, maxLon } };
    }
}
