package org.rdex.server.rdex;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.rdex.server.model.DayWindow;
import org.rdex.server.model.JourneyIntake;
import org.rdex.server.model.SharedJourney;
import org.rdex.server.rdex.xml.XmlDay;
import org.rdex.server.rdex.xml.XmlJourney;
import org.rdex.server.rdex.xml.XmlPlace;
import org.rdex.server.rdex.xml.XmlPunctual;
import org.rdex.server.rdex.xml.XmlRegular;

/**
 * Turns a bound {@code <journey>} (text values) into a {@link SharedJourney}, or into a rejection with its
 * reasons, by {@link LenientValues}' rules. Blank values count as absent, as the specification asks not to
 * send empty tags and some partners do. Problems that only drop an optional value go to {@code warn}
 * (key, message) instead of rejecting the journey. The reasons come in a fixed order, whatever the order
 * of the elements.
 */
final class XmlJourneyMapper {

    private static final String[] DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday"};

    private final BiConsumer<String, String> warn;
    private StringBuilder reasons;

    XmlJourneyMapper(BiConsumer<String, String> warn) {
        this.warn = warn;
    }

    /**
     * @param reasons what rejected the journey while it was read (repeated or over-long elements), in
     *                document order; this mapping appends its own
     */
    RdexReadResult map(XmlJourney x, StringBuilder reasons) {
        this.reasons = reasons;
        String uuid = text(x.uuid);
        String operator = required(x.operator, "operator");
        String site = required(x.site, "site");
        if (uuid == null) {
            reject("missing uuid");
        }
        SharedJourney.Place from = place(x.from, "from");
        SharedJourney.Place to = place(x.to, "to");
        String url = required(x.url, "url");
        if (url != null) {
            String checked = LenientValues.httpUrl(url);
            if (checked == null) {
                reject("url is not an http(s) URL");
            }
            url = checked;
        }
        String name = required(x.name, "name");
        String image = text(x.image);
        if (image != null) {
            String checked = LenientValues.httpUrl(image);
            if (checked == null) {
                warn.accept("bad image", "image that is not an http(s) URL ignored");
            }
            image = checked;
        }

        Boolean driver = optionalFlag(x.driver, "driver");
        Boolean passenger = optionalFlag(x.passenger, "passenger");
        if (driver == null && passenger == null && x.driver == null && x.passenger == null) {
            reject("neither driver nor passenger given");
        } else if (!Boolean.TRUE.equals(driver) && !Boolean.TRUE.equals(passenger)) {
            reject("neither driver nor passenger is true");
        }

        LocalDate activeFrom = optionalDate(x.activefrom, "activefrom");
        LocalDate activeTo = optionalDate(x.activeto, "activeto");
        if (activeFrom != null && activeTo != null && activeTo.isBefore(activeFrom)) {
            reject("activeto " + activeTo + " is before activefrom " + activeFrom);
        }

        SharedJourney.Punctual punctual = punctual(x.punctual);
        SharedJourney.Regular regular = regular(x.regular);
        if (x.punctual != null && x.regular != null) {
            reject("both punctual and regular");
        } else if (x.punctual == null && x.regular == null) {
            reject("neither punctual nor regular");
        }

        String route = null;
        String routeText = strip(x.route);
        if (routeText != null) {
            int[] dropped = {0};
            route = LenientValues.route(routeText, dropped);
            if (dropped[0] > 0) {
                warn.accept("bad route point", "malformed route points dropped");
            }
        }

        if (reasons.length() > 0) {
            return new RdexReadResult.Rejected(uuid, reasons.toString());
        }
        SharedJourney journey = SharedJourney.builder().operator(operator).site(site).uuid(uuid).from(from).to(to)
                .kilometers(optionalDecimal(x.kilometers, "kilometers")).minutes(optionalInteger(x.minutes, "minutes"))
                .route(route).url(url).name(name).image(image).cost(optionalDecimal(x.cost, "cost"))
                .vehicleModel(x.vehicle == null ? null : text(x.vehicle.model))
                .vehicleColour(x.vehicle == null ? null : text(x.vehicle.colour))
                .driver(Boolean.TRUE.equals(driver)).passenger(Boolean.TRUE.equals(passenger)).seats(seats(x.seats))
                .activeFrom(activeFrom).activeTo(activeTo).details(text(x.details)).punctual(punctual).regular(regular)
                .build();
        JourneyIntake.Result intake = JourneyIntake.check(journey);
        if (intake instanceof JourneyIntake.Rejected rejected) {
            rejected.reasons().forEach(this::reject);
            return new RdexReadResult.Rejected(uuid, reasons.toString());
        }
        return new RdexReadResult.Accepted(((JourneyIntake.Accepted) intake).journey());
    }

    /** Seats in {@link JourneyIntake#seats}'s range; anything else is warned about and left out. */
    private Integer seats(String value) {
        Integer seats = optionalInteger(value, "seats");
        if (seats != null && JourneyIntake.seats(seats) == null) {
            warn.accept("bad seats", "unreadable <seats> values ignored");
            return null;
        }
        return seats;
    }

    private void reject(String reason) {
        // Bounded so that a hostile journey cannot grow the message without limit.
        if (reasons.length() >= 2000) {
            return;
        }
        if (reasons.length() > 0) {
            reasons.append("; ");
        }
        reasons.append(reason);
    }

    private SharedJourney.Place place(XmlPlace p, String which) {
        if (p == null) {
            reject("missing " + which);
            return null;
        }
        String location = text(p.location);
        if (location == null) {
            reject("missing " + which + "/location");
        }
        String coordsText = strip(p.coords);
        double[] coords = coordsText == null ? null : LenientValues.coords(coordsText);
        if (coords == null) {
            if (coordsText == null) {
                reject("missing " + which + "/coords");
            } else {
                reject("bad " + which + "/coords '" + shorten(coordsText) + "'");
            }
        }
        if (location == null || coords == null) {
            return null;
        }
        return new SharedJourney.Place(location, text(p.insee), text(p.postalcode), text(p.address), coords[0],
                coords[1], text(p.country));
    }

    private SharedJourney.Punctual punctual(XmlPunctual p) {
        if (p == null) {
            return null;
        }
        LocalDate date = optionalDate(p.date, "punctual/date");
        if (strip(p.date) == null) {
            reject("missing punctual/date");
        }
        LocalTime min = optionalTime(p.minitime, "punctual/minitime");
        LocalTime max = optionalTime(p.maxitime, "punctual/maxitime");
        if (min == null && max == null) {
            if (!isBad(p.minitime) && !isBad(p.maxitime)) {
                reject("punctual without any time");
            }
            return null;
        }
        // The specification: "si pas géré, heure mini = heure maxi".
        return date == null ? null : new SharedJourney.Punctual(date, min != null ? min : max, max != null ? max : min);
    }

    private SharedJourney.Regular regular(XmlRegular r) {
        if (r == null) {
            return null;
        }
        Map<DayOfWeek, DayWindow> days = new EnumMap<>(DayOfWeek.class);
        for (int day = 1; day <= 7; day++) {
            XmlDay d = r.day(day);
            if (d == null) {
                continue;
            }
            String where = "regular/" + DAYS[day - 1] + "/";
            LocalTime depMin = optionalTime(d.depminitime, where + "depminitime");
            LocalTime depMax = optionalTime(d.depmaxitime, where + "depmaxitime");
            LocalTime retMin = optionalTime(d.retminitime, where + "retminitime");
            LocalTime retMax = optionalTime(d.retmaxitime, where + "retmaxitime");
            DayWindow w = new DayWindow(depMin != null ? depMin : depMax, depMax != null ? depMax : depMin,
                    retMin != null ? retMin : retMax, retMax != null ? retMax : retMin);
            if (!w.isEmpty()) {
                days.put(DayOfWeek.of(day), w);
            }
        }
        if (days.isEmpty()) {
            reject("regular without any day with a time");
            return null;
        }
        return new SharedJourney.Regular(days);
    }

    private boolean isBad(String value) {
        String s = strip(value);
        return s != null && LenientValues.time(s) == null;
    }

    private LocalTime optionalTime(String value, String where) {
        return optional(value, LenientValues::time, "bad time in ", where);
    }

    private LocalDate optionalDate(String value, String where) {
        return optional(value, LenientValues::date, "bad date in ", where);
    }

    private Boolean optionalFlag(String value, String name) {
        return optional(value, LenientValues::flag, "bad ", name);
    }

    /** The value read by {@code read}, null when absent; unreadable, the journey is rejected naming {@code where}. */
    private <T> T optional(String value, Function<String, T> read, String problem, String where) {
        String s = strip(value);
        if (s == null) {
            return null;
        }
        T t = read.apply(s);
        if (t == null) {
            reject(problem + where + " '" + shorten(s) + "'");
        }
        return t;
    }

    private BigDecimal optionalDecimal(String value, String name) {
        return optionalAmount(value, name, LenientValues::decimal, d -> d.signum() < 0);
    }

    private Integer optionalInteger(String value, String name) {
        return optionalAmount(value, name, LenientValues::integer, i -> i < 0);
    }

    /** The value read by {@code read}, null when absent; unreadable or negative, warned about and left out. */
    private <T> T optionalAmount(String value, String name, Function<String, T> read, Predicate<T> negative) {
        String s = strip(value);
        if (s == null) {
            return null;
        }
        T t = read.apply(s);
        if (t == null || negative.test(t)) {
            warn.accept("bad " + name, "unreadable <" + name + "> values ignored");
            return null;
        }
        return t;
    }

    private String required(String value, String name) {
        String t = text(value);
        if (t == null) {
            reject("missing " + name);
        }
        return t;
    }

    /** Stripped text, null when absent or blank. */
    private static String text(String value) {
        return strip(value);
    }

    private static String strip(String value) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        return s.isEmpty() ? null : s;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
