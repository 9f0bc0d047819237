package org.rdex.server.rdex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The value spellings {@link LenientValues} accepts. Besides examples, every parser is checked
 * against {@link Reference}, the split/regex implementation it replaced, on generated inputs, and
 * read both from a String and from the reader's buffer (the path ASCII values take).
 */
class LenientValuesUnitTest {

    @Test
    void times_in_the_spellings_partners_use() {
        assertEquals(LocalTime.of(8, 5), LenientValues.time(" 8:05 "));
        assertEquals(LocalTime.of(8, 0), LenientValues.time("8h00"));
        assertEquals(LocalTime.of(8, 0), LenientValues.time("08H00"));
        assertEquals(LocalTime.of(23, 59), LenientValues.time("23:59:59"));
        for (String bad : List.of("8:5", "24:00", "12:60", "12:00:60", "12", "1:2:3:4", "8h", "h00", "123:00", "08:00:",
                ":08:00", "0８:00", "08:0O", "-1:00", "+1:00", "08 :00", "")) {
            assertNull(LenientValues.time(bad), bad);
        }
    }

    @Test
    void dates_in_iso_and_french_order() {
        assertEquals(LocalDate.of(2025, 2, 1), LenientValues.date("2025-02-01"));
        assertEquals(LocalDate.of(2025, 2, 1), LenientValues.date(" 01/02/2025\n"));
        for (String bad : List.of("2025-02-30", "2025-2-01", "2025/02/01", "01-02-2025", "2025-02-01T00", "２025-02-01",
                "+025-02-01", "2025-13-01", "")) {
            assertNull(LenientValues.date(bad), bad);
        }
    }

    @Test
    void flags_in_three_languages() {
        for (String yes : List.of("1", "true", "TRUE", "yes", "Oui", "y", "O", " o ")) {
            assertEquals(Boolean.TRUE, LenientValues.flag(yes), yes);
        }
        for (String no : List.of("0", "false", "No", "NON", "n")) {
            assertEquals(Boolean.FALSE, LenientValues.flag(no), no);
        }
        for (String bad : List.of("2", "vrai", "ja", "", "yes!", "\u212A")) {
            assertNull(LenientValues.flag(bad), bad);
        }
    }

    @Test
    void decimals_keep_their_scale_and_refuse_exponents() {
        assertEquals(new BigDecimal("35.5"), LenientValues.decimal("35,5"));
        assertEquals(new BigDecimal("5.20"), LenientValues.decimal(" 5.20 "));
        assertEquals(new BigDecimal("5"), LenientValues.decimal("5."));
        assertEquals(new BigDecimal("0.5"), LenientValues.decimal(".5"));
        assertEquals(new BigDecimal("-0.0"), LenientValues.decimal("-0.0"));
        assertEquals(new BigDecimal("12345678901234.1234567890123"), LenientValues.decimal("12345678901234,1234567890123"));
        for (String bad : List.of("1e5", "1 000", "1.2.3", "1,2,3", "+", ".", "1234567890123456", "0x10", "1.234567890123456789012345678901",
                "")) {
            assertNull(LenientValues.decimal(bad), bad);
        }
        assertEquals(33, LenientValues.integer("33.0"));
        assertEquals(34, LenientValues.integer("33,5"));
        assertNull(LenientValues.integer("99999999999"));
    }

    @Test
    void coordinates_in_all_three_forms() {
        assertArrayEquals(new double[] {43.285, 5.35}, LenientValues.coords("43,285,5,35"));
        assertArrayEquals(new double[] {43.285, 5.35}, LenientValues.coords("43,285;5,35"));
        assertArrayEquals(new double[] {3.5, 4}, LenientValues.coords(" 3.5 , 4 "));
        assertArrayEquals(new double[] {-90, 180}, LenientValues.coords("-90,180"));
        assertArrayEquals(new double[] {0.5, -0.25}, LenientValues.coords(",5,-,25"));
        assertEquals(Double.parseDouble("48.86320000000001"), LenientValues.coords("48.86320000000001,2")[0]);
        for (String bad : List.of("91,0", "0,181", "1,2,3", "1;2;3", "abc,def", "1e1,2", "1,", ",1", "90.0000000004,0",
                "")) {
            assertNull(LenientValues.coords(bad), bad);
        }
    }

    @Test
    void routes_are_normalised_and_bad_points_dropped() {
        int[] dropped = {0};
        assertEquals("1.5,2.5;3,4", LenientValues.route("1.5,2.5 ;\n 3,4;junk;", dropped));
        assertEquals(1, dropped[0]);
        dropped[0] = 0;
        String clean = "43.1,5.2;44,6";
        assertEquals(clean, LenientValues.route(clean, dropped));
        assertEquals("43.1,5.2", LenientValues.route(";43.1,5.2;;", dropped));
        assertNull(LenientValues.route("91,0;x", dropped));
        assertEquals(2, dropped[0]);
        assertEquals("90.0000000004,0", LenientValues.route("90.0000000004,0", dropped), "rounded to 9 decimals first");
    }

    @Test
    void urls_must_be_http_or_a_bare_host() {
        assertEquals("https://a.org/x", LenientValues.httpUrl(" https://a.org/x "));
        assertEquals("HTTP://A.ORG", LenientValues.httpUrl("HTTP://A.ORG"));
        assertEquals("http://www.a.org/t", LenientValues.httpUrl("www.a.org/t"));
        assertEquals("http://a.org:8080/x", LenientValues.httpUrl("a.org:8080/x"));
        for (String bad : List.of("javascript:alert(1)", "data:text/html,x", "ftp://a.org", "https://", "http://a b",
                "a.org:80/\u2028x", "httpſ://a.org", "localhost", "/a.org", "a/b.org", "")) {
            assertNull(LenientValues.httpUrl(bad), bad);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Same answers as the implementation it replaced, from a String or from the buffer.

    private static final String NUMERIC = "0123456789.,;:-+hH eE\tx/";

    @Test
    void time_decides_as_before() {
        agree("time", NUMERIC, LenientValues::time, Reference::time, s -> LenientValues.time(buffer(s), 0, length(s)));
    }

    @Test
    void date_decides_as_before() {
        agree("date", "0123456789-/ 2", LenientValues::date, Reference::date,
                s -> LenientValues.date(buffer(s), 0, length(s)));
    }

    @Test
    void flag_decides_as_before() {
        agree("flag", "01tTrRuUeEyYsSoOnNiIfFaAlL ", LenientValues::flag, Reference::flag,
                s -> LenientValues.flag(buffer(s), 0, length(s)));
    }

    @Test
    void decimal_and_integer_decide_as_before() {
        agree("decimal", NUMERIC, LenientValues::decimal, Reference::decimal,
                s -> LenientValues.decimal(buffer(s), 0, length(s)));
        agree("integer", NUMERIC, LenientValues::integer, Reference::integer,
                s -> LenientValues.integer(buffer(s), 0, length(s)));
    }

    @Test
    void coords_decide_as_before() {
        Function<double[], List<Double>> list = d -> d == null ? null : List.of(d[0], d[1]);
        agree("coords", "0123456789.,;-+ 9", s -> list.apply(LenientValues.coords(s)),
                s -> list.apply(Reference.coords(s)), s -> list.apply(LenientValues.coords(buffer(s), 0, length(s))));
    }

    @Test
    void route_decides_as_before() {
        Function<String, List<Object>> now = s -> {
            int[] d = {0};
            return java.util.Arrays.asList(LenientValues.route(s, d), d[0]);
        };
        Function<String, List<Object>> before = s -> {
            int[] d = {0};
            return java.util.Arrays.asList(Reference.route(s, d), d[0]);
        };
        agree("route", "0123456789.,;-+ \n", now, before, now);
    }

    @Test
    void http_url_decides_as_before() {
        agree("httpUrl", "htpsHTPS:/.a-1 \u2028\u0085ſ\n", LenientValues::httpUrl, Reference::httpUrl,
                LenientValues::httpUrl);
    }

    /** A CharSequence other than a String, as the parsers read ranges of any. */
    private static CharSequence buffer(String ascii) {
        return new StringBuilder(ascii);
    }

    private static int length(String s) {
        return s.length();
    }

    /** Generated inputs: short strings over the alphabet, plus mutations of typical values. */
    private static <T> void agree(String what, String alphabet, Function<String, T> now, Function<String, T> before,
            Function<String, T> fromBuffer) {
        Random random = new Random(what.hashCode());
        List<String> inputs = new ArrayList<>(List.of("08:00", "8h05", "23:59:59", "2025-02-01", "01/02/2025", "oui",
                "35,5", "-0.5", "43.285,5.35", "43,285,5,35", "1,2;3,4", "http://a.org", "www.a.org", "a:1/b"));
        for (int i = 0; i < 30_000; i++) {
            StringBuilder sb = new StringBuilder();
            if (i % 2 == 0) {
                sb.append(inputs.get(random.nextInt(14)));
                int edits = 1 + random.nextInt(3);
                for (int e = 0; e < edits && sb.length() > 0; e++) {
                    int at = random.nextInt(sb.length());
                    char c = alphabet.charAt(random.nextInt(alphabet.length()));
                    switch (random.nextInt(3)) {
                        case 0 -> sb.setCharAt(at, c);
                        case 1 -> sb.insert(at, c);
                        default -> sb.deleteCharAt(at);
                    }
                }
            } else {
                int n = random.nextInt(12);
                for (int k = 0; k < n; k++) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            inputs.add(sb.toString());
        }
        for (String s : inputs) {
            T expected = before.apply(s);
            assertEquals(expected, now.apply(s), () -> what + "('" + s + "')");
            if (s.chars().allMatch(c -> c < 0x80)) {
                assertEquals(expected, fromBuffer.apply(s), () -> what + "('" + s + "') from the buffer");
            }
        }
    }

    /** The previous implementation, verbatim but for the names: the rules that must not change. */
    private static final class Reference {
        static Boolean flag(String s) {
            switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "1", "true", "yes", "oui", "y", "o":
                    return Boolean.TRUE;
                case "0", "false", "no", "non", "n":
                    return Boolean.FALSE;
                default:
                    return null;
            }
        }

        /** {@code 35.5} or {@code 35,5}; no exponents, no thousands separators. */
        static BigDecimal decimal(String s) {
            String t = s.strip().replace(',', '.');
            if (t.isEmpty() || t.length() > 30 || Coordinates.parseScaled(t, 0, t.length(), 0) == Coordinates.INVALID) {
                return null;
            }
            return new BigDecimal(t);
        }

        /** A whole number; a decimal is rounded (some partners write {@code 33.0} minutes). */
        static Integer integer(String s) {
            BigDecimal d = decimal(s);
            if (d == null) {
                return null;
            }
            try {
                return d.setScale(0, java.math.RoundingMode.HALF_UP).intValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }

        /** {@code H:mm}, {@code HH:mm}, {@code HH:mm:ss}, also {@code 8h00}; seconds are dropped. */
        static LocalTime time(String s) {
            String t = s.strip().toLowerCase(Locale.ROOT).replace('h', ':');
            String[] parts = t.split(":", -1);
            if (parts.length < 2 || parts.length > 3) {
                return null;
            }
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 2 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return null;
                }
            }
            int h = Integer.parseInt(parts[0]);
            int m = Integer.parseInt(parts[1]);
            int sec = parts.length == 3 ? Integer.parseInt(parts[2]) : 0;
            if (h > 23 || m > 59 || sec > 59 || parts[1].length() != 2) {
                return null;
            }
            return LocalTime.of(h, m);
        }

        /** {@code yyyy-MM-dd}, also {@code dd/MM/yyyy} as French partners write it. */
        static LocalDate date(String s) {
            String t = s.strip();
            try {
                if (t.length() == 10 && t.charAt(4) == '-' && t.charAt(7) == '-') {
                    return LocalDate.of(number(t, 0, 4), number(t, 5, 7), number(t, 8, 10));
                }
                if (t.length() == 10 && t.charAt(2) == '/' && t.charAt(5) == '/') {
                    return LocalDate.of(number(t, 6, 10), number(t, 3, 5), number(t, 0, 2));
                }
            } catch (DateTimeException | NumberFormatException e) {
                return null;
            }
            return null;
        }

        private static int number(String s, int from, int to) {
            for (int i = from; i < to; i++) {
                if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                    throw new NumberFormatException(s);
                }
            }
            return Integer.parseInt(s, from, to, 10);
        }

        /**
         * {@code lat,lon}; also {@code lat;lon} and the decimal-comma form {@code 43,285,5,35}.
         * Returns {lat, lon} in range, or null.
         */
        static double[] coords(String s) {
            String t = s.strip();
            String lat;
            String lon;
            int semicolon = t.indexOf(';');
            if (semicolon >= 0) {
                lat = t.substring(0, semicolon).replace(',', '.');
                lon = t.substring(semicolon + 1).replace(',', '.');
            } else {
                String[] parts = t.split(",", -1);
                if (parts.length == 2) {
                    lat = parts[0];
                    lon = parts[1];
                } else if (parts.length == 4) {
                    lat = parts[0].strip() + "." + parts[1].strip();
                    lon = parts[2].strip() + "." + parts[3].strip();
                } else {
                    return null;
                }
            }
            Double la = degree(lat, 90);
            Double lo = degree(lon, 180);
            return la == null || lo == null ? null : new double[] {la, lo};
        }

        private static Double degree(String s, double max) {
            String t = s.strip();
            if (Coordinates.parseScaled(t, 0, t.length(), Coordinates.MAX_DECIMALS) == Coordinates.INVALID) {
                return null;
            }
            double v = Double.parseDouble(t);
            return Math.abs(v) <= max ? v : null;
        }

        /** Route normalised to {@code lat,lon;lat,lon}; whitespace removed, bad points counted in {@code dropped[0]}. */
        static String route(String s, int[] dropped) {
            StringBuilder clean = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!Character.isWhitespace(c)) {
                    clean.append(c);
                }
            }
            StringBuilder out = new StringBuilder(clean.length());
            int start = 0;
            int n = clean.length();
            while (start < n) {
                int end = clean.indexOf(";", start);
                if (end < 0) {
                    end = n;
                }
                if (end > start) {
                    int comma = clean.indexOf(",", start);
                    int d = Coordinates.MAX_DECIMALS;
                    if (comma > start && comma < end
                            && Coordinates.latitudeInRange(Coordinates.parseScaled(clean, start, comma, d), d)
                            && Coordinates.longitudeInRange(Coordinates.parseScaled(clean, comma + 1, end, d), d)) {
                        if (out.length() > 0) {
                            out.append(';');
                        }
                        out.append(clean, start, end);
                    } else {
                        dropped[0]++;
                    }
                }
                start = end + 1;
            }
            return out.length() == 0 ? null : out.toString();
        }

        /** Accepts http(s) URLs; a bare host gets {@code http://}; other schemes (javascript:, data:) give null. */
        static String httpUrl(String s) {
            String t = s.strip();
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                return t.length() > "https://".length() && t.chars().noneMatch(c -> c <= 0x20) ? t : null;
            }
            int colon = t.indexOf(':');
            int slash = t.indexOf('/');
            boolean hasScheme = colon >= 0 && (slash < 0 || colon < slash) && !t.substring(colon + 1).matches("\\d.*");
            if (hasScheme || t.isEmpty() || !Character.isLetterOrDigit(t.charAt(0)) || t.chars().anyMatch(c -> c <= 0x20)) {
                return null;
            }
            int dot = t.indexOf('.');
            if (dot <= 0 || (slash >= 0 && dot > slash)) {
                return null;
            }
            return "http://" + t;
        }
    }
}
