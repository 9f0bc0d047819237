package org.rdex.server.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartUnitTest {

    /** Parses the chart as XML: fails on anything not well-formed (an unescaped label would be). */
    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static int count(Document d, String tag, String cls) {
        NodeList nodes = d.getElementsByTagName(tag);
        int n = 0;
        for (int i = 0; i < nodes.getLength(); i++) {
            if (((Element) nodes.item(i)).getAttribute("class").equals(cls)) {
                n++;
            }
        }
        return n;
    }

    private static void assertSafeForTheConsole(String svg) {
        assertFalse(svg.contains("style="), "no style attribute under the CSP");
        assertFalse(svg.toLowerCase().contains("<script"), "no script");
        assertFalse(svg.contains("href"), "nothing loaded from elsewhere");
    }

    @Test
    void draws_one_bar_per_point_with_failures_marked() throws Exception {
        String svg = SvgChart.bars("Journeys", List.of(new SvgChart.Point("1 Dec", 120),
                new SvgChart.Point("2 Dec", 0, true, "disk full"), new SvgChart.Point("3 Dec", 130)), ChartFormats::count);
        Document d = parse(svg);
        assertEquals(2, count(d, "rect", "bar"));
        assertEquals(1, count(d, "rect", "bar failed"));
        assertTrue(svg.contains("2 Dec: 0 (failed) — disk full"), svg);
        assertSafeForTheConsole(svg);
    }

    @Test
    void escapes_every_label_title_and_note() throws Exception {
        String evil = "<script>alert('x')</script>&\"";
        String svg = SvgChart.bars(evil, List.of(new SvgChart.Point(evil, 1, true, evil)), ChartFormats::count)
                + SvgChart.lines(evil, List.of(new SvgChart.Series(evil, List.of(new SvgChart.Point(evil, 2)))),
                        ChartFormats::count);
        assertFalse(svg.contains("<script"), svg);
        assertFalse(svg.contains("'x'"), svg);
        assertTrue(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"), svg);
        parse(SvgChart.bars(evil + "\u0001", List.of(new SvgChart.Point(evil, 1)), ChartFormats::count));
    }

    @Test
    void an_empty_series_says_so_instead_of_drawing_axes() throws Exception {
        for (String svg : List.of(SvgChart.bars("t", List.of(), ChartFormats::count),
                SvgChart.lines("t", List.of(new SvgChart.Series("s", List.of())), ChartFormats::count))) {
            Document d = parse(svg);
            assertEquals(1, count(d, "text", "empty"));
            assertEquals(0, count(d, "line", "axis"));
        }
    }

    @Test
    void one_point_is_drawn_inside_the_plot() throws Exception {
        Document d = parse(SvgChart.lines("t", List.of(new SvgChart.Series("calls", List.of(new SvgChart.Point("a", 7)))),
                ChartFormats::count));
        assertEquals(1, count(d, "circle", "point"));
        Element c = (Element) d.getElementsByTagName("circle").item(0);
        double cx = Double.parseDouble(c.getAttribute("cx"));
        assertTrue(cx > SvgChart.LEFT && cx < SvgChart.WIDTH - SvgChart.RIGHT, "cx " + cx);
        Document bars = parse(SvgChart.bars("t", List.of(new SvgChart.Point("a", 7)), ChartFormats::count));
        assertEquals(1, count(bars, "rect", "bar"));
    }

    @Test
    void large_values_stay_in_the_plot_with_readable_ticks() throws Exception {
        String svg = SvgChart.bars("t", List.of(new SvgChart.Point("a", Long.MAX_VALUE), new SvgChart.Point("b", 1)),
                ChartFormats::count);
        Document d = parse(svg);
        NodeList rects = d.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            double y = Double.parseDouble(((Element) rects.item(i)).getAttribute("y"));
            assertTrue(y >= SvgChart.TOP, "bar above the plot: " + y);
        }
        assertTrue(svg.contains(">1.00e+19<"), svg);
        String sizes = SvgChart.bars("t", List.of(new SvgChart.Point("a", 12_700_000)), ChartFormats::bytes);
        assertTrue(sizes.contains(">20.0 MB<"), "nice maximum tick: " + sizes);
    }

    @Test
    void lines_share_the_scale_and_each_series_has_its_points_and_legend() throws Exception {
        Document d = parse(SvgChart.lines("t", List.of(
                new SvgChart.Series("received", List.of(new SvgChart.Point("1", 3), new SvgChart.Point("2", 5))),
                new SvgChart.Series("failed", List.of(new SvgChart.Point("1", 0), new SvgChart.Point("2", 1, true, null)))),
                ChartFormats::count));
        assertEquals(3, count(d, "circle", "point"));
        assertEquals(1, count(d, "circle", "point failed"));
        assertEquals(2, count(d, "polyline", "line"));
        assertEquals(2, count(d, "text", "legend"));
    }

    @Test
    void nice_maxima_and_formats() {
        assertEquals(1, SvgChart.niceMax(0));
        assertEquals(10, SvgChart.niceMax(7.5));
        assertEquals(200, SvgChart.niceMax(101));
        assertEquals("12,345", ChartFormats.count(12345));
        assertEquals("12.7 MB", ChartFormats.bytes(12_700_000));
        assertEquals("1.2 s", ChartFormats.millis(1200));
        assertEquals("850 ms", ChartFormats.millis(850));
    }
}
