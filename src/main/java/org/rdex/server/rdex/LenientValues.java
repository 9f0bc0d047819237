package org.rdex.server.rdex;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;

/**
 * Parsing of the value spellings partners actually send: decimal commas, H:mm times, yes/no
 * flags, routes broken over lines. Every method returns null for "not understood" so the caller
 * decides whether that rejects the journey or only drops the value.
 */
final class LenientValues {

    private LenientValues() {
    }

    /** {@code 1/0}, {@code true/false}, {@code yes/no}, {@code oui/non}; null if none of them. */
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
