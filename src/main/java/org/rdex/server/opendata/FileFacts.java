package org.rdex.server.opendata;

import java.time.LocalDate;

/**
 * What the public file holds, as the manifest and the catalogue describe it.
 *
 * @param bbox       {minLat, minLon, maxLat, maxLon} over every departure and arrival, null without journeys
 * @param activeFrom earliest {@code activefrom}, null without journeys
 * @param activeTo   latest {@code activeto}, null without journeys
 */
public record FileFacts(long journeys, double[] bbox, LocalDate activeFrom, LocalDate activeTo) {

    /** Accumulates facts journey by journey. */
    static final class Builder {
        private long journeys;
        private double minLat = Double.POSITIVE_INFINITY;
        private double minLon = Double.POSITIVE_INFINITY;
        private double maxLat = Double.NEGATIVE_INFINITY;
        private double maxLon = Double.NEGATIVE_INFINITY;
        private LocalDate from;
        private LocalDate to;

        void point(double lat, double lon) {
            minLat = Math.min(minLat, lat);
            minLon = Math.min(minLon, lon);
            maxLat = Math.max(maxLat, lat);
            maxLon = Math.max(maxLon, lon);
        }

        void journey(LocalDate activeFrom, LocalDate activeTo) {
            journeys++;
            if (activeFrom != null && (from == null || activeFrom.isBefore(from))) {
                from = activeFrom;
            }
            if (activeTo != null && (to == null || activeTo.isAfter(to))) {
                to = activeTo;
            }
        }

        FileFacts build() {
            double[] bbox = minLat <= maxLat ? new double[] {minLat, minLon, maxLat, maxLon} : null;
            return new FileFacts(journeys, bbox, from, to);
        }
    }
}
