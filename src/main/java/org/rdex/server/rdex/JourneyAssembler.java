package org.rdex.server.rdex;

import static org.rdex.server.rdex.RdexNames.CANONICAL;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiConsumer;

import org.rdex.server.model.DayWindow;
import org.rdex.server.model.SharedJourney;

/**
 * Collects the values of one {@code <journey>} in whatever order they come, then checks them and
 * builds an {@link SharedJourney} or a rejection. Problems that only drop an optional value go to
 * {@code warn} (key, message) instead of rejecting the journey.
 *
 * <p>One assembler serves a whole file ({@link #reset()} between journeys): values live in fixed
 * slots, one per field of each block, and are parsed as they are stored, straight from the
 * reader's buffer while they are ASCII. What is checked and the order of the reasons given are
 * those of {@link #build()}, whatever the order of the elements.
 */
final class JourneyAssembler {

    // Slots: the journey's own fields, each place's, the vehicle's, the punctual block's, each weekday's.
    static final int JOURNEY_SLOTS = 0;
    static final int FROM_SLOTS = JOURNEY_SLOTS + RdexNames.DETAILS - RdexNames.OPERATOR + 1;
    static final int TO_SLOTS = FROM_SLOTS + RdexNames.COUNTRY - RdexNames.LOCATION + 1;
    static final int VEHICLE_SLOTS = TO_SLOTS + RdexNames.COUNTRY - RdexNames.LOCATION + 1;
    static final int PUNCTUAL_SLOTS = VEHICLE_SLOTS + 2;
    static final int DAY_SLOTS = PUNCTUAL_SLOTS + 3;
    static final int PER_DAY = 4;
    private static final int SLOTS = DAY_SLOTS + 7 * PER_DAY;

    static {
        if (SLOTS > Long.SIZE) {
            throw new AssertionError("slots are tracked in a long");
        }
    }

    private static final int PLACE = RdexNames.COUNTRY - RdexNames.LOCATION + 1;

    /**
     * How a field's text is read. Each kind parses in its own method: with one call site reaching
     * every parser, the JIT would compile them all into the reader, slowly and more than once.
     */
    private enum Kind {
        TEXT {
            @Override
            Object parse(CharSequence s, int from, int to, JourneyAssembler j) {
                return s.subSequence(from, to).toString();
            }
        },
        DECIMAL {
            @Override
            Object parse(CharSequence s, int from, int to, JourneyAssembler j) {
                return LenientValues.decimal(s, from, to);
            }
        },
        INTEGER {
            @Override
            Object parse(CharSequence s, int from, int to, JourneyAssembler j) {
                return LenientValues.integer(s, from, to);
            }
        },
        FLAG {
            @Override
            Object parse(CharSequence s, int from, int to, JourneyAssembler j) {
                return LenientValues.flag(s, from, to);
            }
        },
        DATE {
            @Override
            Object parse(CharSequence s, int from, int to, JourneyAssembler j) {
                return LenientValues.date(s, from, to);
            }
        },
        TIME {
            @Override
            Object parse(CharSequence s, int from, int to, JourneyAssembler j) {
                return LenientValues.time(s, from, to);
            }
        },
        COORDS {
            @Override
            Object parse(CharSequence s, int from, int to, JourneyAssembler j) {
                return LenientValues.coords(s, from, to);
            }
        },
        ROUTE {
            @Override
            Object parse(CharSequence s, int from, int to, JourneyAssembler j) {
                j.dropped[0] = 0;
                String route = LenientValues.route(s, from, to, j.dropped);
                j.routeDropped = j.dropped[0];
                return route;
            }
        };

        /** The value of the (stripped, non-blank) text, null if not understood. */
        abstract Object parse(CharSequence s, int from, int to, JourneyAssembler j);
    }

    private static final Kind[] KIND = new Kind[SLOTS];
    private static final String[] NAME = new String[SLOTS];
    /** Fields whose value tends to repeat from journey to journey: their String or date is reused. */
    private static final boolean[] REPEATING = new boolean[SLOTS];

    static {
        for (int id = RdexNames.OPERATOR; id <= RdexNames.DETAILS; id++) {
            define(journeySlot(id), id, Kind.TEXT);
        }
        define(journeySlot(RdexNames.KILOMETERS), RdexNames.KILOMETERS, Kind.DECIMAL);
        define(journeySlot(RdexNames.COST), RdexNames.COST, Kind.DECIMAL);
        define(journeySlot(RdexNames.MINUTES), RdexNames.MINUTES, Kind.INTEGER);
        define(journeySlot(RdexNames.SEATS), RdexNames.SEATS, Kind.INTEGER);
        define(journeySlot(RdexNames.ROUTE), RdexNames.ROUTE, Kind.ROUTE);
        define(journeySlot(RdexNames.DRIVER), RdexNames.DRIVER, Kind.FLAG);
        define(journeySlot(RdexNames.PASSENGER), RdexNames.PASSENGER, Kind.FLAG);
        define(journeySlot(RdexNames.ACTIVEFROM), RdexNames.ACTIVEFROM, Kind.DATE);
        define(journeySlot(RdexNames.ACTIVETO), RdexNames.ACTIVETO, Kind.DATE);
        for (int base : new int[] {FROM_SLOTS, TO_SLOTS}) {
            for (int id = RdexNames.LOCATION; id <= RdexNames.COUNTRY; id++) {
                define(placeSlot(base, id), id, id == RdexNames.COORDS ? Kind.COORDS : Kind.TEXT);
            }
        }
        define(vehicleSlot(RdexNames.MODEL), RdexNames.MODEL, Kind.TEXT);
        define(vehicleSlot(RdexNames.COLOUR), RdexNames.COLOUR, Kind.TEXT);
        for (int slot : new int[] {journeySlot(RdexNames.OPERATOR), journeySlot(RdexNames.SITE),
            placeSlot(FROM_SLOTS, RdexNames.COUNTRY), placeSlot(TO_SLOTS, RdexNames.COUNTRY),
            placeSlot(FROM_SLOTS, RdexNames.INSEE), placeSlot(TO_SLOTS, RdexNames.INSEE),
            placeSlot(FROM_SLOTS, RdexNames.POSTALCODE), placeSlot(TO_SLOTS, RdexNames.POSTALCODE),
            vehicleSlot(RdexNames.MODEL), vehicleSlot(RdexNames.COLOUR), journeySlot(RdexNames.ACTIVEFROM),
            journeySlot(RdexNames.ACTIVETO), punctualSlot(RdexNames.DATE)}) {
            REPEATING[slot] = true;
        }
        define(punctualSlot(RdexNames.DATE), RdexNames.DATE, Kind.DATE);
        define(punctualSlot(RdexNames.MINITIME), RdexNames.MINITIME, Kind.TIME);
        define(punctualSlot(RdexNames.MAXITIME), RdexNames.MAXITIME, Kind.TIME);
        for (int day = 0; day < 7; day++) {
            for (int id = RdexNames.DEPMINITIME; id <= RdexNames.RETMAXITIME; id++) {
                define(daySlot(day, id), id, Kind.TIME);
            }
        }
    }

    private static void define(int slot, int id, Kind kind) {
        KIND[slot] = kind;
        NAME[slot] = CANONICAL[id];
    }

    static int journeySlot(int id) {
        return JOURNEY_SLOTS + id - RdexNames.OPERATOR;
    }

    static int placeSlot(int base, int id) {
        return base + id - RdexNames.LOCATION;
    }

    static int vehicleSlot(int id) {
        return VEHICLE_SLOTS + id - RdexNames.MODEL;
    }

    static int punctualSlot(int id) {
        return PUNCTUAL_SLOTS + id - RdexNames.DATE;
    }

    static int daySlot(int day, int id) {
        return DAY_SLOTS + day * PER_DAY + id - RdexNames.DEPMINITIME;
    }

    /** Parsed value, or null when absent, blank or not understood; meaningful only when filled. */
    private final Object[] values = new Object[SLOTS];
    /** The (stripped) text of a value that was not understood, for the reason given; idem. */
    private final String[] bad = new String[SLOTS];
    /** Bit per slot: the element was there, even if its value was unusable. */
    private long present;
    /** Bit per slot: a value was stored; a second one is a repetition (a first unusable one is not). */
    private long filled;
    /** Last raw text of each repeating slot, and what it gave. */
    private final byte[][] lastBytes = new byte[SLOTS][];
    private final Object[] lastValue = new Object[SLOTS];
    private final String[] lastBad = new String[SLOTS];
    private int routeDropped;
    private final int[] dropped = new int[1];
    boolean fromSeen;
    boolean toSeen;
    boolean punctualSeen;
    boolean regularSeen;
    final boolean[] daySeen = new boolean[7];
    private final StringBuilder reasons = new StringBuilder();
    private final BiConsumer<String, String> warn;

    JourneyAssembler(BiConsumer<String, String> warn) {
        this.warn = warn;
    }

    /** Forgets the previous journey. */
    void reset() {
        present = 0;
        filled = 0;
        routeDropped = 0;
        fromSeen = false;
        toSeen = false;
        punctualSeen = false;
        regularSeen = false;
        Arrays.fill(daySeen, false);
        reasons.setLength(0);
    }

    /** Forgets a block's values (a repeated block replaces the first one). */
    void clear(int from, int count) {
        long mask = ~(((1L << count) - 1) << from);
        present &= mask;
        filled &= mask;
    }

    void clearPlace(int base) {
        clear(base, PLACE);
    }

    void clearPunctual() {
        clear(PUNCTUAL_SLOTS, 3);
    }

    void clearDay(int day) {
        clear(DAY_SLOTS + day * PER_DAY, PER_DAY);
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

    /**
     * Stores a value (null: the element's content was unusable), rejecting the journey when the
     * field already has one. Blank values count as absent, as the specification asks not to send
     * empty tags and some partners do.
     */
    void put(int slot, TextBuffer text, String where) {
        long bit = 1L << slot;
        if ((filled & bit) != 0) {
            reject("element <" + NAME[slot] + "> repeated in <" + where + ">");
            return;
        }
        present |= bit;
        values[slot] = null;
        bad[slot] = null;
        if (text == null) {
            return;
        }
        filled |= bit;
        if (REPEATING[slot]) {
            byte[] last = lastBytes[slot];
            if (last != null && text.contentEquals(last)) {
                values[slot] = lastValue[slot];
                bad[slot] = lastBad[slot];
                return;
            }
            parse(slot, text);
            lastBytes[slot] = text.toBytes();
            lastValue[slot] = values[slot];
            lastBad[slot] = bad[slot];
        } else {
            parse(slot, text);
        }
    }

    private void parse(int slot, TextBuffer text) {
        Kind kind = KIND[slot];
        if (kind == Kind.TEXT) {
            String s = text.toString().strip();
            values[slot] = s.isEmpty() ? null : s;
            return;
        }
        // Outside ASCII the String decides (Unicode whitespace, digits): same rules, rarer path.
        // A route is kept as text: its String is made anyway and returned as is when all is well.
        CharSequence cs = text.isAscii() && kind != Kind.ROUTE ? text : text.toString();
        int n = cs.length();
        int from = LenientValues.stripStart(cs, 0, n);
        int to = LenientValues.stripEnd(cs, from, n);
        if (from == to) {
            return;
        }
        Object v = kind.parse(cs, from, to, this);
        values[slot] = v;
        if (v == null && kind != Kind.ROUTE) {
            bad[slot] = cs.subSequence(from, to).toString();
        }
    }

    private boolean isPresent(int slot) {
        return (present & 1L << slot) != 0;
    }

    private Object value(int slot) {
        return (filled & 1L << slot) != 0 ? values[slot] : null;
    }

    private String bad(int slot) {
        return (filled & 1L << slot) != 0 ? bad[slot] : null;
    }

    RdexReadResult build() {
        String uuid = text(journeySlot(RdexNames.UUID));
        String operator = required(journeySlot(RdexNames.OPERATOR));
        String site = required(journeySlot(RdexNames.SITE));
        if (uuid == null) {
            reject("missing uuid");
        }
        SharedJourney.Place fromPlace = place(fromSeen, FROM_SLOTS, "from");
        SharedJourney.Place toPlace = place(toSeen, TO_SLOTS, "to");
        String url = required(journeySlot(RdexNames.URL));
        if (url != null) {
            String checked = LenientValues.httpUrl(url);
            if (checked == null) {
                reject("url is not an http(s) URL");
            }
            url = checked;
        }
        String name = required(journeySlot(RdexNames.NAME));
        String image = text(journeySlot(RdexNames.IMAGE));
        if (image != null) {
            String checked = LenientValues.httpUrl(image);
            if (checked == null) {
                warn.accept("bad image", "image that is not an http(s) URL ignored");
            }
            image = checked;
        }

        int driverSlot = journeySlot(RdexNames.DRIVER);
        int passengerSlot = journeySlot(RdexNames.PASSENGER);
        Boolean driver = optionalFlag(driverSlot);
        Boolean passenger = optionalFlag(passengerSlot);
        if (driver == null && passenger == null && !isPresent(driverSlot) && !isPresent(passengerSlot)) {
            reject("neither driver nor passenger given");
        } else if (!Boolean.TRUE.equals(driver) && !Boolean.TRUE.equals(passenger)) {
            reject("neither driver nor passenger is true");
        }

        LocalDate activeFrom = optionalDate(journeySlot(RdexNames.ACTIVEFROM), "activefrom");
        LocalDate activeTo = optionalDate(journeySlot(RdexNames.ACTIVETO), "activeto");
        if (activeFrom != null && activeTo != null && activeTo.isBefore(activeFrom)) {
            reject("activeto " + activeTo + " is before activefrom " + activeFrom);
        }

        SharedJourney.Punctual p = punctual();
        SharedJourney.Regular r = regular();
        if (punctualSeen && regularSeen) {
            reject("both punctual and regular");
        } else if (!punctualSeen && !regularSeen) {
            reject("neither punctual nor regular");
        }

        String route = (String) value(journeySlot(RdexNames.ROUTE));
        if (routeDropped > 0) {
            warn.accept("bad route point", "malformed route points dropped");
        }

        if (reasons.length() > 0) {
            return new RdexReadResult.Rejected(uuid, reasons.toString());
        }
        return new RdexReadResult.Accepted(new SharedJourney(operator, site, uuid, fromPlace, toPlace,
                optionalDecimal(journeySlot(RdexNames.KILOMETERS)), optionalInteger(journeySlot(RdexNames.MINUTES)),
                route, url, name, image, optionalDecimal(journeySlot(RdexNames.COST)),
                text(vehicleSlot(RdexNames.MODEL)), text(vehicleSlot(RdexNames.COLOUR)),
                Boolean.TRUE.equals(driver), Boolean.TRUE.equals(passenger),
                optionalInteger(journeySlot(RdexNames.SEATS)), activeFrom, activeTo,
                text(journeySlot(RdexNames.DETAILS)), p, r));
    }

    private SharedJourney.Place place(boolean seen, int base, String which) {
        if (!seen) {
            reject("missing " + which);
            return null;
        }
        String location = text(placeSlot(base, RdexNames.LOCATION));
        if (location == null) {
            reject("missing " + which + "/location");
        }
        int coordsSlot = placeSlot(base, RdexNames.COORDS);
        double[] coords = (double[]) value(coordsSlot);
        if (coords == null) {
            if (bad(coordsSlot) == null) {
                reject("missing " + which + "/coords");
            } else {
                reject("bad " + which + "/coords '" + shorten(bad(coordsSlot)) + "'");
            }
        }
        if (location == null || coords == null) {
            return null;
        }
        return new SharedJourney.Place(location, text(placeSlot(base, RdexNames.INSEE)),
                text(placeSlot(base, RdexNames.POSTALCODE)), text(placeSlot(base, RdexNames.ADDRESS)),
                coords[0], coords[1], text(placeSlot(base, RdexNames.COUNTRY)));
    }

    private SharedJourney.Punctual punctual() {
        if (!punctualSeen) {
            return null;
        }
        int dateSlot = punctualSlot(RdexNames.DATE);
        LocalDate date = optionalDate(dateSlot, "punctual/date");
        if (date == null && bad(dateSlot) == null) {
            reject("missing punctual/date");
        }
        int minSlot = punctualSlot(RdexNames.MINITIME);
        int maxSlot = punctualSlot(RdexNames.MAXITIME);
        LocalTime min = optionalTime(minSlot, "punctual");
        LocalTime max = optionalTime(maxSlot, "punctual");
        if (min == null && max == null) {
            if (bad(minSlot) == null && bad(maxSlot) == null) {
                reject("punctual without any time");
            }
            return null;
        }
        // The specification: "si pas géré, heure mini = heure maxi".
        return date == null ? null : new SharedJourney.Punctual(date, min != null ? min : max, max != null ? max : min);
    }

    private SharedJourney.Regular regular() {
        if (!regularSeen) {
            return null;
        }
        Map<DayOfWeek, DayWindow> days = new EnumMap<>(DayOfWeek.class);
        for (int day = 0; day < 7; day++) {
            if (!daySeen[day]) {
                continue;
            }
            String where = "regular/" + CANONICAL[RdexNames.MONDAY + day];
            LocalTime depMin = optionalTime(daySlot(day, RdexNames.DEPMINITIME), where);
            LocalTime depMax = optionalTime(daySlot(day, RdexNames.DEPMAXITIME), where);
            LocalTime retMin = optionalTime(daySlot(day, RdexNames.RETMINITIME), where);
            LocalTime retMax = optionalTime(daySlot(day, RdexNames.RETMAXITIME), where);
            DayWindow w = new DayWindow(depMin != null ? depMin : depMax,
                    depMax != null ? depMax : depMin, retMin != null ? retMin : retMax,
                    retMax != null ? retMax : retMin);
            if (!w.isEmpty()) {
                days.put(DayOfWeek.of(day + 1), w);
            }
        }
        if (days.isEmpty()) {
            reject("regular without any day with a time");
            return null;
        }
        return new SharedJourney.Regular(days);
    }

    private LocalTime optionalTime(int slot, String where) {
        if (bad(slot) != null) {
            reject("bad time in " + where + "/" + NAME[slot] + " '" + shorten(bad(slot)) + "'");
        }
        return (LocalTime) value(slot);
    }

    private LocalDate optionalDate(int slot, String where) {
        if (bad(slot) != null) {
            reject("bad date in " + where + " '" + shorten(bad(slot)) + "'");
        }
        return (LocalDate) value(slot);
    }

    private Boolean optionalFlag(int slot) {
        if (bad(slot) != null) {
            reject("bad " + NAME[slot] + " '" + shorten(bad(slot)) + "'");
        }
        return (Boolean) value(slot);
    }

    private BigDecimal optionalDecimal(int slot) {
        BigDecimal d = (BigDecimal) value(slot);
        if (bad(slot) != null || (d != null && d.signum() < 0)) {
            warn.accept("bad " + NAME[slot], "unreadable <" + NAME[slot] + "> values ignored");
            return null;
        }
        return d;
    }

    private Integer optionalInteger(int slot) {
        Integer i = (Integer) value(slot);
        if (bad(slot) != null || (i != null && i < 0)) {
            warn.accept("bad " + NAME[slot], "unreadable <" + NAME[slot] + "> values ignored");
            return null;
        }
        return i;
    }

    private String required(int slot) {
        String t = text(slot);
        if (t == null) {
            reject("missing " + NAME[slot]);
        }
        return t;
    }

    /** Stripped text, null when absent or blank. */
    private String text(int slot) {
        return (String) value(slot);
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
