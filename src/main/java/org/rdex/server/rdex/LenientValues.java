package org.rdex.server.rdex;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;

import org.rdex.server.common.FieldRules;

/**
 * Parsing of the value spellings partners actually send: decimal commas, H:mm times, yes/no
 * flags, routes broken over lines. Every method returns null for "not understood" so the caller
 * decides whether that rejects the journey or only drops the value.
 *
 * <p>Values are read from a range of a {@link CharSequence} (a String, or the reader's buffer
 * while a value is ASCII) without splitting, regular expressions or intermediate Strings: this
 * runs several times per journey. Each method strips the range with {@link #strip} first, as
 * {@link String#strip()} would.
 */
final class LenientValues {

    private static final LocalTime[] TIMES = new LocalTime[24 * 60];
    /** Exact powers of ten as doubles (10^22 is the last one a double holds exactly). */
    private static final double[] POW10 = new double[23];

    static {
        for (int i = 0; i < TIMES.length; i++) {
            TIMES[i] = LocalTime.of(i / 60, i % 60);
        }
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private LenientValues() {
    }

    static int stripStart(CharSequence s, int from, int to) {
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        return from;
    }

    static int stripEnd(CharSequence s, int from, int to) {
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    static Boolean flag(CharSequence s) {
        return flag(s, 0, s.length());
    }

    /** {@code 1/0}, {@code true/false}, {@code yes/no}, {@code oui/non}, {@code y/n/o}, any case; null if none of them. */
    static Boolean flag(CharSequence s, int from, int to) {
        from = stripStart(s, from, to);
        to = stripEnd(s, from, to);
        if (is(s, from, to, "1") || is(s, from, to, "true") || is(s, from, to, "yes") || is(s, from, to, "oui")
                || is(s, from, to, "y") || is(s, from, to, "o")) {
            return Boolean.TRUE;
        }
        if (is(s, from, to, "0") || is(s, from, to, "false") || is(s, from, to, "no") || is(s, from, to, "non")
                || is(s, from, to, "n")) {
            return Boolean.FALSE;
        }
        return null;
    }

    /**
     * Whether the range is {@code word} (lower case ASCII) in any case. Only ASCII letters lower
     * to the letters of the words used here, so this decides as {@code toLowerCase(Locale.ROOT)}.
     */
    private static boolean is(CharSequence s, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = s.charAt(from + i);
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static BigDecimal decimal(CharSequence s) {
        return decimal(s, 0, s.length());
    }

    /** {@code 35.5} or {@code 35,5}; no exponents, no thousands separators, at most 15 integer digits. */
    static BigDecimal decimal(CharSequence s, int from, int to) {
        from = stripStart(s, from, to);
        to = stripEnd(s, from, to);
        int n = to - from;
        if (n == 0 || n > 30 || !isPlainDecimal(s, from, to)) {
            return null;
        }
        long unscaled = 0;
        int scale = -1;
        int digits = 0;
        boolean negative = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '-') {
                negative = true;
            } else if (c == '.' || c == ',') {
                scale = 0;
            } else if (c != '+') {
                unscaled = unscaled * 10 + (c - '0');
                digits++;
                if (scale >= 0) {
                    scale++;
                }
            }
        }
        if (digits <= 18) {
            return BigDecimal.valueOf(negative ? -unscaled : unscaled, Math.max(scale, 0));
        }
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(from + i);
            chars[i] = c == ',' ? '.' : c;
        }
        return new BigDecimal(chars);
    }

    /** {@code [+-]digits[(.|,)digits]}, as {@link Coordinates#parseScaled} accepts it once commas are points. */
    private static boolean isPlainDecimal(CharSequence s, int from, int to) {
        int i = from;
        char first = s.charAt(i);
        if (first == '-' || first == '+') {
            i++;
        }
        int intDigits = 0;
        while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            intDigits++;
        }
        if (intDigits > 15) {
            return false;
        }
        int fracDigits = 0;
        if (i < to && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            i++;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                fracDigits++;
            }
        }
        return i == to && intDigits + fracDigits > 0;
    }

    static Integer integer(CharSequence s) {
        return integer(s, 0, s.length());
    }

    /** A whole number; a decimal is rounded (some partners write {@code 33.0} minutes). */
    static Integer integer(CharSequence s, int from, int to) {
        BigDecimal d = decimal(s, from, to);
        if (d == null) {
            return null;
        }
        try {
            return d.setScale(0, RoundingMode.HALF_UP).intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    static LocalTime time(CharSequence s) {
        return time(s, 0, s.length());
    }

    /** {@code H:mm}, {@code HH:mm}, {@code HH:mm:ss}, also {@code 8h00}; seconds are dropped. */
    static LocalTime time(CharSequence s, int from, int to) {
        from = stripStart(s, from, to);
        to = stripEnd(s, from, to);
        if (to - from == 5 && s.charAt(from + 2) == ':') {
            // HH:mm, by far the most common: the general rules below give the same answer.
            int h = digit(s.charAt(from)) * 10 + digit(s.charAt(from + 1));
            int m = digit(s.charAt(from + 3)) * 10 + digit(s.charAt(from + 4));
            return h >= 0 && m >= 0 && h <= 23 && m <= 59 ? TIMES[h * 60 + m] : null;
        }
        int[] parts = new int[3];
        int count = 0;
        int minuteDigits = 0;
        int start = from;
        while (true) {
            int end = start;
            while (end < to && !isTimeSeparator(s.charAt(end))) {
                end++;
            }
            int len = end - start;
            if (len == 0 || len > 2 || count == 3) {
                return null;
            }
            int v = 0;
            for (int i = start; i < end; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (count == 1) {
                minuteDigits = len;
            }
            parts[count++] = v;
            if (end == to) {
                break;
            }
            start = end + 1;
        }
        if (count < 2 || parts[0] > 23 || parts[1] > 59 || parts[2] > 59 || minuteDigits != 2) {
            return null;
        }
        return TIMES[parts[0] * 60 + parts[1]];
    }

    /** The digit's value, or a large negative number that keeps any sum of two of them negative. */
    private static int digit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : -1000;
    }

    private static boolean isTimeSeparator(char c) {
        return c == ':' || c == 'h' || c == 'H';
    }

    static LocalDate date(CharSequence s) {
        return date(s, 0, s.length());
    }

    /** {@code yyyy-MM-dd}, also {@code dd/MM/yyyy} as French partners write it. */
    static LocalDate date(CharSequence s, int from, int to) {
        from = stripStart(s, from, to);
        to = stripEnd(s, from, to);
        if (to - from != 10) {
            return null;
        }
        try {
            if (s.charAt(from + 4) == '-' && s.charAt(from + 7) == '-') {
                int y = number(s, from, from + 4);
                int m = number(s, from + 5, from + 7);
                int d = number(s, from + 8, from + 10);
                return y < 0 || m < 0 || d < 0 ? null : LocalDate.of(y, m, d);
            }
            if (s.charAt(from + 2) == '/' && s.charAt(from + 5) == '/') {
                int d = number(s, from, from + 2);
                int m = number(s, from + 3, from + 5);
                int y = number(s, from + 6, from + 10);
                return y < 0 || m < 0 || d < 0 ? null : LocalDate.of(y, m, d);
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    /** ASCII digits only, else -1. */
    private static int number(CharSequence s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static double[] coords(CharSequence s) {
        return coords(s, 0, s.length());
    }

    /**
     * {@code lat,lon}; also {@code lat;lon} and the decimal-comma form {@code 43,285,5,35}.
     * Returns {lat, lon} in range, or null.
     */
    static double[] coords(CharSequence s, int from, int to) {
        from = stripStart(s, from, to);
        to = stripEnd(s, from, to);
        int comma = plainDegree(s, from, to, 90);
        if (comma > from && comma < to && s.charAt(comma) == ',' && plainDegree(s, comma + 1, to, 180) == to) {
            // Plain "lat,lon": what the general rules below decide, in one pass.
            return new double[] {parseDouble(s, from, comma), parseDouble(s, comma + 1, to)};
        }
        int semicolon = indexOf(s, ';', from, to);
        double lat;
        double lon;
        if (semicolon >= 0) {
            lat = degree(pointed(s, from, semicolon), 90);
            lon = degree(pointed(s, semicolon + 1, to), 180);
        } else {
            int c1 = indexOf(s, ',', from, to);
            int c2 = c1 < 0 ? -1 : indexOf(s, ',', c1 + 1, to);
            int c3 = c2 < 0 ? -1 : indexOf(s, ',', c2 + 1, to);
            int c4 = c3 < 0 ? -1 : indexOf(s, ',', c3 + 1, to);
            if (c1 >= 0 && c2 < 0) {
                lat = degree(s, from, c1, 90);
                lon = degree(s, c1 + 1, to, 180);
            } else if (c3 >= 0 && c4 < 0) {
                lat = degree(joined(s, from, c1, c2), 90);
                lon = degree(joined(s, c2 + 1, c3, to), 180);
            } else {
                return null;
            }
        }
        return Double.isNaN(lat) || Double.isNaN(lon) ? null : new double[] {lat, lon};
    }

    /** The range with its commas made points (the {@code lat;lon} form with decimal commas). */
    private static String pointed(CharSequence s, int from, int to) {
        return s.subSequence(from, to).toString().replace(',', '.');
    }

    /** {@code strip(a) + "." + strip(b)}, a being [from, comma) and b (comma, to). */
    private static String joined(CharSequence s, int from, int comma, int to) {
        int a = stripStart(s, from, comma);
        int b = stripStart(s, comma + 1, to);
        return s.subSequence(a, stripEnd(s, a, comma)) + "." + s.subSequence(b, stripEnd(s, b, to));
    }

    private static double degree(CharSequence s, double max) {
        return degree(s, 0, s.length(), max);
    }

    /** A decimal number of degrees within ±max, or NaN. */
    private static double degree(CharSequence s, int from, int to, double max) {
        from = stripStart(s, from, to);
        to = stripEnd(s, from, to);
        if (Coordinates.parseScaled(s, from, to, Coordinates.MAX_DECIMALS) == Coordinates.INVALID) {
            return Double.NaN;
        }
        double v = parseDouble(s, from, to);
        return Math.abs(v) <= max ? v : Double.NaN;
    }

    /**
     * {@link Double#parseDouble} of a plain decimal already checked by parseScaled. With at most
     * 15 significant digits and 22 decimals both the digits and the power of ten are exact doubles,
     * so one division gives the correctly rounded value, the same that parseDouble gives.
     */
    private static double parseDouble(CharSequence s, int from, int to) {
        boolean negative = s.charAt(from) == '-';
        long mantissa = 0;
        int digits = 0;
        int decimals = -1;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                decimals = 0;
            } else if (c >= '0' && c <= '9') {
                if (mantissa != 0 || c != '0') {
                    digits++;
                }
                mantissa = mantissa * 10 + (c - '0');
                if (decimals >= 0) {
                    decimals++;
                }
                if (digits > 15) {
                    return Double.parseDouble(s.subSequence(from, to).toString());
                }
            }
        }
        if (decimals > 22) {
            return Double.parseDouble(s.subSequence(from, to).toString());
        }
        double v = mantissa / POW10[Math.max(decimals, 0)];
        return negative ? -v : v;
    }

    private static int indexOf(CharSequence s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    static String route(CharSequence s, int[] dropped) {
        return route(s, 0, s.length(), dropped);
    }

    /** Route normalised to {@code lat,lon;lat,lon}; whitespace removed, bad points counted in {@code dropped[0]}. */
    static String route(CharSequence s, int from, int to, int[] dropped) {
        if (isPlainRoute(s, from, to)) {
            // The usual route: every point kept as written, which the general rules below also decide.
            return s.subSequence(from, to).toString();
        }
        CharSequence clean = s;
        for (int i = from; i < to; i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                StringBuilder sb = new StringBuilder(to - from);
                for (int k = from; k < to; k++) {
                    char c = s.charAt(k);
                    if (!Character.isWhitespace(c)) {
                        sb.append(c);
                    }
                }
                clean = sb;
                from = 0;
                to = sb.length();
                break;
            }
        }
        if (from == to) {
            return null;
        }
        // Built only once the result differs from the text: usually every point is kept as written.
        StringBuilder out = null;
        int start = from;
        int d = Coordinates.MAX_DECIMALS;
        while (start < to) {
            int end = indexOf(clean, ';', start, to);
            if (end < 0) {
                end = to;
            }
            boolean keep = false;
            if (end > start) {
                // The first comma of the point: one further on makes the longitude malformed.
                int comma = indexOf(clean, ',', start, end);
                keep = comma > start
                        && Coordinates.latitudeInRange(Coordinates.parseScaled(clean, start, comma, d), d)
                        && Coordinates.longitudeInRange(Coordinates.parseScaled(clean, comma + 1, end, d), d);
                if (!keep) {
                    dropped[0]++;
                }
            }
            if (!keep && out == null) {
                out = new StringBuilder(to - from);
                if (start > from) {
                    out.append(clean, from, start - 1);
                }
            }
            if (keep && out != null) {
                if (out.length() > 0) {
                    out.append(';');
                }
                out.append(clean, start, end);
            }
            start = end + 1;
        }
        if (out == null) {
            int end = clean.charAt(to - 1) == ';' ? to - 1 : to;
            return end > from ? clean.subSequence(from, end).toString() : null;
        }
        return out.length() == 0 ? null : out.toString();
    }

    /** {@code lat,lon;lat,lon...} of plain degrees ({@link #plainDegree}), no whitespace, no empty point. */
    private static boolean isPlainRoute(CharSequence s, int from, int to) {
        int i = from;
        while (true) {
            int comma = plainDegree(s, i, to, 90);
            if (comma <= i || comma == to || s.charAt(comma) != ',') {
                return false;
            }
            i = plainDegree(s, comma + 1, to, 180);
            if (i <= comma + 1) {
                return false;
            }
            if (i == to) {
                return true;
            }
            if (s.charAt(i) != ';' || i + 1 == to) {
                return false;
            }
            i++;
        }
    }

    /**
     * A plain degree at {@code i}: {@code [+-]d{1,3}[.d{0,9}]} within ±max, a strict subset of
     * what {@link Coordinates#parseScaled} reads, with no rounding to do. Returns the index after
     * it, or -1; whatever is not plain takes the general rules.
     */
    private static int plainDegree(CharSequence s, int i, int to, long max) {
        if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        long v = 0;
        int digits = 0;
        char c;
        while (i < to && (c = s.charAt(i)) >= '0' && c <= '9') {
            v = v * 10 + (c - '0');
            digits++;
            i++;
        }
        if (digits == 0 || digits > 3) {
            return -1;
        }
        int decimals = 0;
        if (i < to && s.charAt(i) == '.') {
            i++;
            while (i < to && (c = s.charAt(i)) >= '0' && c <= '9') {
                if (++decimals > Coordinates.MAX_DECIMALS) {
                    return -1;
                }
                v = v * 10 + (c - '0');
                i++;
            }
        }
        int d = Coordinates.MAX_DECIMALS;
        return v * Coordinates.pow10(d - decimals) <= max * Coordinates.pow10(d) ? i : -1;
    }

    /** The partner link rule of RDEX files: {@link FieldRules#partnerLink} with a bare host read as http. */
    static String httpUrl(String s) {
        return FieldRules.partnerLink(s, FieldRules.BareLink.HTTP);
    }
}
