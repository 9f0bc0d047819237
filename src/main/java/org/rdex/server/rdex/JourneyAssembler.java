package org.rdex.server.rdex;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Collects the raw texts of one {@code <journey>} in whatever order they come, then checks them
 * and builds an {@link RdexJourney} or a rejection. Problems that only drop an optional value go
 * to {@code warn} (key, message) instead of rejecting the journey.
 */
final class JourneyAssembler {

    /** Raw texts of a from/to block. */
    static final class RawPlace {
        final Map<String, String> fields = new HashMap<>();
    }

    /** Raw texts of one weekday of a regular block. */
    static final class RawDay {
        final Map<String, String> fields = new HashMap<>();
    }

    final Map<String, String> fields = new HashMap<>();
    RawPlace from;
    RawPlace to;
    final Map<String, String> vehicle = new HashMap<>();
    Map<String, String> punctual;
    Map<DayOfWeek, RawDay> regular;
    private final StringBuilder reasons = new StringBuilder();
    private final BiConsumer<String, String> warn;

    JourneyAssembler(BiConsumer<String, String> warn) {
        this.warn = warn;
    }

    /** Records a reason to reject; the journey is still read to its end. */
    void reject(String reason) {
        if (reasons.length() > 0) {
            reasons.append("; ");
        }
        // Bounded so that a hostile journey cannot grow the message without limit.
        if (reasons.length() < 2000) {
            reasons.append(reason);
        }
    }

    /** Stores a value, rejecting the journey when the same field appears twice. */
    void put(Map<String, String> target, String name, String value, String where) {
        if (target.putIfAbsent(name, value) != null) {
            reject("element <" + name + "> repeated in <" + where + ">");
        }
    }

    RdexReadResult build() {
        String uuid = text(fields, "uuid");
        String operator = required(fields, "operator");
        String site = required(fields, "site");
        if (uuid == null) {
            reject("missing uuid");
        }
        RdexJourney.Place fromPlace = place(from, "from");
        RdexJourney.Place toPlace = place(to, "to");
        String url = required(fields, "url");
        if (url != null) {
            String checked = LenientValues.httpUrl(url);
            if (checked == null) {
                reject("url is not an http(s) URL");
            }
            url = checked;
        }
        String name = required(fields, "name");
        String image = text(fields, "image");
        if (image != null) {
            String checked = LenientValues.httpUrl(image);
            if (checked == null) {
                warn.accept("bad image", "image that is not an http(s) URL ignored");
            }
            image = checked;
        }

        Boolean driver = optionalFlag("driver");
        Boolean passenger = optionalFlag("passenger");
        if (driver == null && passenger == null && !fields.containsKey("driver") && !fields.containsKey("passenger")) {
            reject("neither driver nor passenger given");
        } else if (!Boolean.TRUE.equals(driver) && !Boolean.TRUE.equals(passenger)) {
            reject("neither driver nor passenger is true");
        }

        LocalDate activeFrom = optionalDate(fields, "activefrom", "activefrom");
        LocalDate activeTo = optionalDate(fields, "activeto", "activeto");
        if (activeFrom != null && activeTo != null && activeTo.isBefore(activeFrom)) {
            reject("activeto " + activeTo + " is before activefrom " + activeFrom);
        }

        RdexJourney.Punctual p = punctual();
        RdexJourney.Regular r = regular();
        if (punctual != null && regular != null) {
            reject("both punctual and regular");
        } else if (punctual == null && regular == null) {
            reject("neither punctual nor regular");
        }

        String route = null;
        String rawRoute = text(fields, "route");
        if (rawRoute != null) {
            int[] dropped = {0};
            route = LenientValues.route(rawRoute, dropped);
            if (dropped[0] > 0) {
                warn.accept("bad route point", "malformed route points dropped");
            }
        }

        if (reasons.length() > 0) {
            return new RdexReadResult.Rejected(uuid, reasons.toString());
        }
        return new RdexReadResult.Accepted(new RdexJourney(operator, site, uuid, fromPlace, toPlace,
                optionalDecimal("kilometers"), optionalInteger("minutes"), route, url, name, image,
                optionalDecimal("cost"), text(vehicle, "model"), text(vehicle, "colour"),
                Boolean.TRUE.equals(driver), Boolean.TRUE.equals(passenger), optionalInteger("seats"),
                activeFrom, activeTo, text(fields, "details"), p, r));
    }

    private RdexJourney.Place place(RawPlace raw, String which) {
        if (raw == null) {
            reject("missing " + which);
            return null;
        }
        String location = text(raw.fields, "location");
        if (location == null) {
            reject("missing " + which + "/location");
        }
        String coordsText = text(raw.fields, "coords");
        double[] coords = null;
        if (coordsText == null) {
            reject("missing " + which + "/coords");
        } else {
            coords = LenientValues.coords(coordsText);
            if (coords == null) {
                reject("bad " + which + "/coords '" + shorten(coordsText) + "'");
            }
        }
        if (location == null || coords == null) {
            return null;
        }
        return new RdexJourney.Place(location, text(raw.fields, "insee"), text(raw.fields, "postalcode"),
                text(raw.fields, "address"), coords[0], coords[1], text(raw.fields, "country"));
    }

    private RdexJourney.Punctual punctual() {
        if (punctual == null) {
            return null;
        }
        LocalDate date = optionalDate(punctual, "date", "punctual/date");
        if (date == null && text(punctual, "date") == null) {
            reject("missing punctual/date");
        }
        LocalTime min = optionalTime(punctual, "minitime", "punctual");
        LocalTime max = optionalTime(punctual, "maxitime", "punctual");
        if (min == null && max == null) {
            if (text(punctual, "minitime") == null && text(punctual, "maxitime") == null) {
                reject("punctual without any time");
            }
            return null;
        }
        // The specification: "si pas géré, heure mini = heure maxi".
        return date == null ? null : new RdexJourney.Punctual(date, min != null ? min : max, max != null ? max : min);
    }

    private RdexJourney.Regular regular() {
        if (regular == null) {
            return null;
        }
        Map<DayOfWeek, RdexJourney.DayWindow> days = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<DayOfWeek, RawDay> e : regular.entrySet()) {
            String where = "regular/" + e.getKey().name().toLowerCase(java.util.Locale.ROOT);
            Map<String, String> f = e.getValue().fields;
            LocalTime[] dep = pair(f, "depminitime", "depmaxitime", where);
            LocalTime[] ret = pair(f, "retminitime", "retmaxitime", where);
            RdexJourney.DayWindow w = new RdexJourney.DayWindow(dep[0], dep[1], ret[0], ret[1]);
            if (!w.isEmpty()) {
                days.put(e.getKey(), w);
            }
        }
        if (days.isEmpty()) {
            reject("regular without any day with a time");
            return null;
        }
        return new RdexJourney.Regular(days);
    }

    private LocalTime[] pair(Map<String, String> f, String minName, String maxName, String where) {
        LocalTime min = optionalTime(f, minName, where);
        LocalTime max = optionalTime(f, maxName, where);
        return new LocalTime[] {min != null ? min : max, max != null ? max : min};
    }

    private LocalTime optionalTime(Map<String, String> f, String name, String where) {
        String t = text(f, name);
        if (t == null) {
            return null;
        }
        LocalTime time = LenientValues.time(t);
        if (time == null) {
            reject("bad time in " + where + "/" + name + " '" + shorten(t) + "'");
        }
        return time;
    }

    private LocalDate optionalDate(Map<String, String> f, String name, String where) {
        String t = text(f, name);
        if (t == null) {
            return null;
        }
        LocalDate d = LenientValues.date(t);
        if (d == null) {
            reject("bad date in " + where + " '" + shorten(t) + "'");
        }
        return d;
    }

    private Boolean optionalFlag(String name) {
        String t = text(fields, name);
        if (t == null) {
            return null;
        }
        Boolean b = LenientValues.flag(t);
        if (b == null) {
            reject("bad " + name + " '" + shorten(t) + "'");
        }
        return b;
    }

    private BigDecimal optionalDecimal(String name) {
        String t = text(fields, name);
        if (t == null) {
            return null;
        }
        BigDecimal d = LenientValues.decimal(t);
        if (d == null || d.signum() < 0) {
            warn.accept("bad " + name, "unreadable <" + name + "> values ignored");
            return null;
        }
        return d;
    }

    private Integer optionalInteger(String name) {
        String t = text(fields, name);
        if (t == null) {
            return null;
        }
        Integer i = LenientValues.integer(t);
        if (i == null || i < 0) {
            warn.accept("bad " + name, "unreadable <" + name + "> values ignored");
            return null;
        }
        return i;
    }

    private String required(Map<String, String> f, String name) {
        String t = text(f, name);
        if (t == null) {
            reject("missing " + name);
        }
        return t;
    }

    /** Trimmed value, null when absent or blank (the specification asks not to send empty tags, some do). */
    private static String text(Map<String, String> f, String name) {
        String t = f.get(name);
        if (t == null) {
            return null;
        }
        t = t.strip();
        return t.isEmpty() ? null : t;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
