package org.rdex.server.overview;

import java.util.Locale;

/** Readable tick and tooltip values: counts with thousands separators, sizes in kB/MB/GB, durations in ms/s/min. */
public final class ChartFormats {

    private ChartFormats() {
    }

    public static String count(double value) {
        if (value >= 1e15) {
            return String.format(Locale.ROOT, "%.3g", value);
        }
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    public static String bytes(double value) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        double v = value;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? Math.round(v) + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    public static String millis(double value) {
        if (value < 1000) {
            return Math.round(value) + " ms";
        }
        if (value < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", value / 1000);
        }
        return String.format(Locale.ROOT, "%.1f min", value / 60_000);
    }
}
