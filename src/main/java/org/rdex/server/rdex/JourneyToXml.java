package org.rdex.server.rdex;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;

import org.rdex.server.model.DayWindow;
import org.rdex.server.model.SharedJourney;
import org.rdex.server.rdex.xml.XmlDay;
import org.rdex.server.rdex.xml.XmlJourney;
import org.rdex.server.rdex.xml.XmlPlace;
import org.rdex.server.rdex.xml.XmlPunctual;
import org.rdex.server.rdex.xml.XmlRegular;
import org.rdex.server.rdex.xml.XmlVehicle;

/**
 * Maps a journey to the text of its {@code <journey>} element: formats numbers, dates and times, rounds
 * coordinates and route points, applies the privacy and extension options, and leaves out every value
 * that would make an empty element (a null field is not marshalled). Thread-safe.
 */
final class JourneyToXml {

    private final RdexWriter.Options options;
    private final int decimals;

    JourneyToXml(RdexWriter.Options options) {
        this.options = options;
        this.decimals = options.coordinateDecimals();
    }

    /**
     * @throws IllegalArgumentException (naming the uuid) if the journey lacks what the DTD requires: a
     *                                  mandatory value, coords in range, exactly one of punctual or a
     *                                  regular with a non-empty day, a driver or a passenger
     */
    XmlJourney map(SharedJourney j) {
        LocalDate[] active = checkWritable(j);
        XmlJourney x = new XmlJourney();
        x.operator = text(j.operator());
        x.site = text(j.site());
        x.uuid = text(j.uuid());
        x.from = place(j.from());
        x.to = place(j.to());
        x.route = route(j.route());
        x.url = text(j.url());
        x.name = text(j.pseudonym());
        if (options.extensions()) {
            x.kilometers = decimal(j.distanceKm());
            x.minutes = j.minutes() == null ? null : j.minutes().toString();
            x.image = options.includeImage() ? text(j.image()) : null;
            x.cost = decimal(j.price());
            String model = text(j.vehicleModel());
            String colour = text(j.vehicleColour());
            if (model != null || colour != null) {
                x.vehicle = new XmlVehicle();
                x.vehicle.model = model;
                x.vehicle.colour = colour;
            }
        }
        x.driver = j.driver() ? "1" : "0";
        x.passenger = j.passenger() ? "1" : "0";
        x.seats = j.seats() == null ? null : j.seats().toString();
        x.activefrom = active[0].toString();
        x.activeto = active[1].toString();
        x.details = text(j.details());
        if (j.punctual() != null) {
            x.punctual = punctual(j.punctual());
        } else {
            x.regular = regular(j.regular());
        }
        return x;
    }

    /** Checks what the DTD requires and the model does not enforce; returns activefrom and activeto. */
    private static LocalDate[] checkWritable(SharedJourney j) {
        if (j == null) {
            throw new IllegalArgumentException("journey is null");
        }
        String id = j.uuid();
        require(text(id) != null, id, "uuid");
        require(text(j.operator()) != null, id, "operator");
        require(text(j.site()) != null, id, "site");
        require(text(j.url()) != null, id, "url");
        require(text(j.pseudonym()) != null, id, "name");
        checkPlace(j.from(), id, "from");
        checkPlace(j.to(), id, "to");
        if (!j.driver() && !j.passenger()) {
            throw invalid(id, "neither driver nor passenger");
        }
        boolean regular = hasNonEmptyDay(j.regular());
        if (j.punctual() != null && regular) {
            throw invalid(id, "both punctual and regular");
        }
        LocalDate from = j.activeFrom();
        LocalDate to = j.activeTo();
        if (j.punctual() != null) {
            require(j.punctual().date() != null, id, "punctual/date");
            if (j.punctual().minTime() == null && j.punctual().maxTime() == null) {
                throw invalid(id, "punctual without any time");
            }
            // A one-off trip is active on its own date when no validity period was given.
            from = from != null ? from : j.punctual().date();
            to = to != null ? to : j.punctual().date();
        } else if (!regular) {
            throw invalid(id, "neither a punctual nor a regular with at least one non-empty day");
        }
        require(from != null, id, "activefrom");
        require(to != null, id, "activeto");
        return new LocalDate[] { from, to };
    }

    private static void checkPlace(SharedJourney.Place p, String id, String which) {
        require(p != null, id, which);
        require(text(p.location()) != null, id, which + "/location");
        if (!(Math.abs(p.lat()) <= 90) || !(Math.abs(p.lon()) <= 180)) {
            throw invalid(id, which + " coords out of range");
        }
    }

    private static boolean hasNonEmptyDay(SharedJourney.Regular r) {
        if (r == null) {
            return false;
        }
        for (DayWindow w : r.days().values()) {
            if (w != null && !w.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static void require(boolean ok, String id, String field) {
        if (!ok) {
            throw invalid(id, "missing mandatory " + field);
        }
    }

    private static IllegalArgumentException invalid(String id, String reason) {
        String name = text(id);
        return new IllegalArgumentException("journey " + (name == null ? "(no uuid)" : name) + ": " + reason);
    }

    private XmlPlace place(SharedJourney.Place p) {
        XmlPlace x = new XmlPlace();
        x.location = text(p.location());
        x.insee = text(p.insee());
        x.postalcode = text(p.postalCode());
        if (options.includeAddress()) {
            x.address = text(p.address());
        }
        StringBuilder coords = new StringBuilder(24);
        Coordinates.appendScaled(coords, Coordinates.scale(p.lat(), decimals), decimals);
        coords.append(',');
        Coordinates.appendScaled(coords, Coordinates.scale(p.lon(), decimals), decimals);
        x.coords = coords.toString();
        x.country = text(p.country());
        return x;
    }

    /** Re-rounds every point; malformed or out-of-range points are dropped, an empty route left out. */
    private String route(String route) {
        if (route == null || route.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(route.length());
        int n = route.length();
        int start = 0;
        while (start < n) {
            int end = route.indexOf(';', start);
            if (end < 0) {
                end = n;
            }
            int comma = route.indexOf(',', start);
            if (comma > start && comma < end) {
                long lat = scaled(route, start, comma);
                long lon = scaled(route, comma + 1, end);
                if (Coordinates.latitudeInRange(lat, decimals) && Coordinates.longitudeInRange(lon, decimals)) {
                    if (out.length() > 0) {
                        out.append(';');
                    }
                    Coordinates.appendScaled(out, lat, decimals);
                    out.append(',');
                    Coordinates.appendScaled(out, lon, decimals);
                }
            }
            start = end + 1;
        }
        return out.length() == 0 ? null : out.toString();
    }

    /**
     * A route number rounded half-up to {@code decimals}, scaled; {@link Coordinates#INVALID} if it is not one.
     * Routes stored from JSON hold Java's {@code Double.toString}, which writes {@code 5.0E-4} below 0.001.
     */
    private long scaled(String route, int from, int to) {
        long value = Coordinates.parseScaled(route, from, to, decimals);
        if (value != Coordinates.INVALID || to - from > 40) {
            return value;
        }
        try {
            BigDecimal number = new BigDecimal(route.substring(from, to).strip());
            if (number.abs().compareTo(BigDecimal.valueOf(1000)) > 0) {
                return Coordinates.INVALID;
            }
            if (number.scale() - number.precision() > decimals + 1) {
                return 0; // under half a unit of the last kept decimal, however many zeros follow
            }
            return number.setScale(decimals, RoundingMode.HALF_UP).unscaledValue().longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return Coordinates.INVALID;
        }
    }

    private static XmlPunctual punctual(SharedJourney.Punctual p) {
        // The specification: "si pas géré, heure mini = heure maxi".
        LocalTime min = p.minTime() != null ? p.minTime() : p.maxTime();
        LocalTime max = p.maxTime() != null ? p.maxTime() : p.minTime();
        XmlPunctual x = new XmlPunctual();
        x.date = p.date().toString();
        x.minitime = time(min);
        x.maxitime = time(max);
        return x;
    }

    private static XmlRegular regular(SharedJourney.Regular r) {
        XmlRegular x = new XmlRegular();
        for (Map.Entry<DayOfWeek, DayWindow> e : r.days().entrySet()) {
            DayWindow w = e.getValue();
            if (w == null || w.isEmpty()) {
                continue;
            }
            XmlDay day = new XmlDay();
            // The DTD wants min and max in pairs; a lone bound stands for both.
            if (w.depMin() != null || w.depMax() != null) {
                day.depminitime = time(w.depMin() != null ? w.depMin() : w.depMax());
                day.depmaxitime = time(w.depMax() != null ? w.depMax() : w.depMin());
            }
            if (w.retMin() != null || w.retMax() != null) {
                day.retminitime = time(w.retMin() != null ? w.retMin() : w.retMax());
                day.retmaxitime = time(w.retMax() != null ? w.retMax() : w.retMin());
            }
            x.day(e.getKey().getValue(), day);
        }
        return x;
    }

    private static String decimal(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }

    /** {@code HH:mm}, as the specification's example writes times. */
    private static String time(LocalTime t) {
        int h = t.getHour();
        int m = t.getMinute();
        return new String(new char[] { (char) ('0' + h / 10), (char) ('0' + h % 10), ':', (char) ('0' + m / 10),
            (char) ('0' + m % 10) });
    }

    /**
     * The value as element text: characters XML 1.0 does not allow dropped, surrounding whitespace
     * stripped; null when nothing visible remains, so that no empty element is written.
     */
    static String text(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n && isAllowed(s, i)) {
            i += Character.isHighSurrogate(s.charAt(i)) ? 2 : 1;
        }
        if (i < n) {
            StringBuilder kept = new StringBuilder(n);
            kept.append(s, 0, i);
            while (i < n) {
                char c = s.charAt(i);
                if (isAllowed(s, i)) {
                    kept.append(c);
                    if (Character.isHighSurrogate(c)) {
                        kept.append(s.charAt(i + 1));
                        i++;
                    }
                }
                i++;
            }
            s = kept.toString();
        }
        s = s.strip();
        return s.isEmpty() ? null : s;
    }

    /** True if the character at {@code i} may appear in XML 1.0 text (a high surrogate only with its pair). */
    private static boolean isAllowed(String s, int i) {
        char c = s.charAt(i);
        if (c >= 0x20 && c < 0xD800) {
            return true;
        }
        if (c < 0x20) {
            return c == '\t' || c == '\n' || c == '\r';
        }
        if (c >= 0xE000) {
            return c <= 0xFFFD;
        }
        return Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
