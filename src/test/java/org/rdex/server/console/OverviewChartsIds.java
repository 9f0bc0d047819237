package org.rdex.server.console;

import java.util.Locale;

/** The chart ids OverviewCharts gives, as the browser tests look them up. */
final class OverviewChartsIds {

    private OverviewChartsIds() {
    }

    static String live(String partner) {
        return ("live-" + partner + " (rdex12)").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-")
                .replaceAll("-+$", "");
    }
}
