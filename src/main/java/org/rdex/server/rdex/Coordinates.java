package org.rdex.server.rdex;

/**
 * Rounding and parsing of WGS84 decimals as scaled longs ({@code value * 10^decimals}), so that
 * hundreds of thousands of route points are re-rounded without BigDecimal or String.format.
 * Route text is rounded on its decimal digits (half-up), which is exact; doubles are rounded
 * with {@link Math#round}.
 */
final class Coordinates {

    /** Malformed input marker; no real scaled coordinate can take this value. */
    static final long INVALID = Long.MIN_VALUE;
    static final int MAX_DECIMALS = 9;

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private Coordinates() {
    }

    static long pow10(int decimals) {
        return POW10[decimals];
    }

    static long scale(double value, int decimals) {
        long magnitude = Math.round(Math.abs(value) * POW10[decimals]);
        return value < 0 ? -magnitude : magnitude;
    }

    /**
     * Parses {@code [+-]digits[.digits]} between {@code from} and {@code to} (surrounding
     * whitespace ignored) and rounds it half-up to {@code decimals}. Returns {@link #INVALID}
     * for anything else, including exponents and more than 15 integer digits.
     */
    static long parseScaled(CharSequence s, int from, int to, int decimals) {
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        if (from >= to) {
            return INVALID;
        }
        boolean negative = false;
        char first = s.charAt(from);
        if (first == '-' || first == '+') {
            negative = first == '-';
            from++;
        }
        long acc = 0;
        int intDigits = 0;
        int i = from;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            if (++intDigits > 15) {
                return INVALID;
            }
            acc = acc * 10 + (c - '0');
        }
        int fracDigits = 0;
        boolean roundUp = false;
        if (i < to && s.charAt(i) == '.') {
            i++;
            for (; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return INVALID;
                }
                if (fracDigits < decimals) {
                    acc = acc * 10 + (c - '0');
                } else if (fracDigits == decimals) {
                    roundUp = c >= '5';
                }
                fracDigits++;
            }
        }
        if (i != to || intDigits + fracDigits == 0) {
            return INVALID;
        }
        for (int k = fracDigits; k < decimals; k++) {
            acc *= 10;
        }
        if (roundUp) {
            acc++;
        }
        return negative ? -acc : acc;
    }

    /** Appends {@code scaled / 10^decimals} with a dot and no trailing zeros ({@code 43.285}, {@code 5}, {@code -0.001}). */
    static void appendScaled(StringBuilder out, long scaled, int decimals) {
        if (scaled < 0) {
            out.append('-');
            scaled = -scaled;
        }
        long p = POW10[decimals];
        out.append(scaled / p);
        long frac = scaled % p;
        if (frac != 0) {
            int width = decimals;
            while (frac % 10 == 0) {
                frac /= 10;
                width--;
            }
            out.append('.');
            for (long t = POW10[width - 1]; t > frac; t /= 10) {
                out.append('0');
            }
            out.append(frac);
        }
    }

    static boolean latitudeInRange(long scaled, int decimals) {
        return scaled != INVALID && Math.abs(scaled) <= 90 * POW10[decimals];
    }

    static boolean longitudeInRange(long scaled, int decimals) {
        return scaled != INVALID && Math.abs(scaled) <= 180 * POW10[decimals];
    }
}
