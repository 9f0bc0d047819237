package org.rdex.server.overview;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Charts as SVG text, rendered on the server: no script, no style attribute (the console's Content-Security-Policy
 * forbids both), only presentation attributes and classes of the console's stylesheet. Every label is escaped.
 * Bars and points carry the classes {@code bar}, {@code bar failed} and {@code point} so that tests can count
 * them; each has a {@code <title>} (the browser's tooltip) with its label and value.
 */
public final class SvgChart {

    static final int WIDTH = 720;
    static final int HEIGHT = 220;
    static final int LEFT = 70;
    static final int RIGHT = 12;
    static final int TOP = 26;
    static final int BOTTOM = 34;
    /** X labels written at most; the others stay in the tooltips. */
    static final int MAX_X_LABELS = 8;
    static final String FAILED_COLOUR = "#c62828";
    /** Colours of successive series (colour-blind safe). */
    static final List<String> COLOURS = List.of("#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#00838f", "#ad1457");

    /** One bar or point: its x label, its value, whether it marks a failure, and an optional tooltip text. */
    public record Point(String label, double value, boolean failed, String note) {
        public Point(String label, double value) {
            this(label, value, false, null);
        }
    }

    /** A named line. */
    public record Series(String name, List<Point> points) {
    }

    private SvgChart() {
    }

    /**
     * A bar chart; failed points are red bars (drawn at least a few pixels high, so that a failure that
     * produced nothing still shows) with "failed" in their tooltip.
     */
    public static String bars(String title, List<Point> points, DoubleFunction<String> format) {
        StringBuilder svg = open(title);
        if (points.isEmpty()) {
            return empty(svg);
        }
        double max = niceMax(points.stream().mapToDouble(Point::value).max().orElse(0));
        axes(svg, max, format);
        double slot = plotWidth() / (double) points.size();
        double barWidth = Math.max(1, slot * 0.7);
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double h = Math.max(p.failed() ? 4 : 0, scale(p.value(), max));
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            svg.append("<rect class=\"").append(p.failed() ? "bar failed" : "bar").append("\" x=\"").append(num(x))
                    .append("\" y=\"").append(num(TOP + plotHeight() - h)).append("\" width=\"").append(num(barWidth))
                    .append("\" height=\"").append(num(h)).append("\" fill=\"")
                    .append(p.failed() ? FAILED_COLOUR : COLOURS.get(0)).append("\"><title>")
                    .append(escape(tooltip(p, format))).append("</title></rect>");
        }
        xLabels(svg, points.stream().map(Point::label).toList(), slot, true);
        return svg.append("</svg>").toString();
    }

    /** A line chart of one or more series sharing their x labels (those of the longest series); a legend above. */
    public static String lines(String title, List<Series> series, DoubleFunction<String> format) {
        StringBuilder svg = open(title);
        List<Series> drawn = series.stream().filter(s -> !s.points().isEmpty()).toList();
        if (drawn.isEmpty()) {
            return empty(svg);
        }
        double max = niceMax(drawn.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::value).max().orElse(0));
        axes(svg, max, format);
        int n = drawn.stream().mapToInt(s -> s.points().size()).max().orElse(1);
        double step = n == 1 ? 0 : plotWidth() / (double) (n - 1);
        for (int s = 0; s < drawn.size(); s++) {
            String colour = COLOURS.get(s % COLOURS.size());
            List<Point> points = drawn.get(s).points();
            List<String> coordinates = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                double x = n == 1 ? LEFT + plotWidth() / 2.0 : LEFT + i * step;
                coordinates.add(num(x) + "," + num(TOP + plotHeight() - scale(points.get(i).value(), max)));
            }
            if (points.size() > 1) {
                svg.append("<polyline class=\"line\" fill=\"none\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"2\" points=\"").append(String.join(" ", coordinates)).append("\"/>");
            }
            for (int i = 0; i < points.size(); i++) {
                Point p = points.get(i);
                String[] xy = coordinates.get(i).split(",");
                svg.append("<circle class=\"").append(p.failed() ? "point failed" : "point").append("\" cx=\"")
                        .append(xy[0]).append("\" cy=\"").append(xy[1]).append("\" r=\"").append(p.failed() ? 5 : 3)
                        .append("\" fill=\"").append(p.failed() ? FAILED_COLOUR : colour).append("\"><title>")
                        .append(escape(drawn.get(s).name() + ": " + tooltip(p, format))).append("</title></circle>");
            }
            svg.append("<text class=\"legend\" x=\"").append(LEFT + 8 + s * 140).append("\" y=\"14\" fill=\"")
                    .append(colour).append("\" font-size=\"12\">").append(escape(drawn.get(s).name())).append("</text>");
        }
        List<String> labels = drawn.stream().filter(s -> s.points().size() == n).findFirst().orElseThrow().points()
                .stream().map(Point::label).toList();
        xLabels(svg, labels, n == 1 ? plotWidth() : step, n == 1);
        return svg.append("</svg>").toString();
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above {@code max}; 1 for nothing to show. */
    static double niceMax(double max) {
        if (!(max > 0) || Double.isInfinite(max)) {
            return max > 0 ? Double.MAX_VALUE : 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(max)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= max) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** Escapes text for SVG (XML) content and attribute values. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters are not allowed in XML 1.0.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static StringBuilder open(String title) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" aria-label=\"").append(escape(title)).append("\"><title>")
                .append(escape(title)).append("</title>");
    }

    private static String empty(StringBuilder svg) {
        return svg.append("<text class=\"empty\" x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                .append("\" text-anchor=\"middle\" fill=\"#555\" font-size=\"14\">No data for this period</text></svg>")
                .toString();
    }

    private static void axes(StringBuilder svg, double max, DoubleFunction<String> format) {
        int bottom = TOP + plotHeight();
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(bottom).append("\" stroke=\"#555\"/>");
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"")
                .append(LEFT).append("\" y2=\"").append(bottom).append("\" stroke=\"#555\"/>");
        for (int i = 0; i <= 4; i++) {
            double value = max * i / 4;
            double y = bottom - plotHeight() * i / 4.0;
            if (i > 0) {
                svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" y1=\"").append(num(y)).append("\" x2=\"")
                        .append(WIDTH - RIGHT).append("\" y2=\"").append(num(y)).append("\" stroke=\"#ddd\"/>");
            }
            svg.append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\" fill=\"#333\" font-size=\"11\">").append(escape(format.apply(value)))
                    .append("</text>");
        }
    }

    private static void xLabels(StringBuilder svg, List<String> labels, double slot, boolean centred) {
        int every = Math.max(1, (int) Math.ceil(labels.size() / (double) MAX_X_LABELS));
        for (int i = 0; i < labels.size(); i += every) {
            double x = LEFT + i * slot + (centred ? slot / 2 : 0);
            // A label at the right edge ends there rather than being cut.
            String anchor = x > WIDTH - RIGHT - 30 ? "end" : "middle";
            svg.append("<text class=\"label\" x=\"").append(num(x)).append("\" y=\"").append(HEIGHT - BOTTOM + 18)
                    .append("\" text-anchor=\"").append(anchor).append("\" fill=\"#333\" font-size=\"11\">").append(escape(labels.get(i)))
                    .append("</text>");
        }
    }

    private static String tooltip(Point p, DoubleFunction<String> format) {
        return p.label() + ": " + format.apply(p.value()) + (p.failed() ? " (failed)" : "")
                + (p.note() == null || p.note().isBlank() ? "" : " — " + p.note());
    }

    private static double scale(double value, double max) {
        if (!(value > 0)) {
            return 0;
        }
        return Math.min(plotHeight(), plotHeight() * (value / max));
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
