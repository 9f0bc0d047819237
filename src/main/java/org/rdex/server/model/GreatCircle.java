package org.rdex.server.model;

/** Distances on a spherical Earth (haversine), for checks made in Java rather than in the search's SQL. */
public final class GreatCircle {

    /**
     * The mean Earth radius (IUGG), in km: the one radius of the project. The search's SQL, the standard's
     * filter, live answers and the generator all measure with it, so a journey is within a radius the same way
     * everywhere.
     */
    public static final double MEAN_EARTH_KM = 6371.0088;

    /**
     * The same radius rounded to whole kilometres, as the standard-covoiturage playground measures. Only the
     * partner check uses it, to judge a partner's answer exactly as the playground would; it is derived, not a
     * second value.
     */
    public static final double WHOLE_KM_EARTH = Math.floor(MEAN_EARTH_KM);

    private GreatCircle() {
    }

    /** Kilometres between two points on the Earth ({@link #MEAN_EARTH_KM}). */
    public static double km(double lat1, double lon1, double lat2, double lon2) {
        return km(MEAN_EARTH_KM, lat1, lon1, lat2, lon2);
    }

    /** Kilometres between two points on a sphere of radius {@code earthKm}. */
    public static double km(double earthKm, double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * earthKm * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
