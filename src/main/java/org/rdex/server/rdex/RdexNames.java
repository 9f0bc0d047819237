package org.rdex.server.rdex;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The element names the reader knows, as small ints, with the lenient spellings: any case, and
 * the aliases partners use ({@code postal_code}, {@code mintime}, {@code color}...). An element
 * name is resolved from its bytes without allocating.
 */
final class RdexNames implements XmlScanner.NameTable {

    static final int UNKNOWN = XmlScanner.UNKNOWN;

    static final int DOCUMENT = 0;
    static final int TITLE = 1;
    static final int JOURNEY = 2;
    // Text fields of <journey>: OPERATOR..DETAILS, contiguous.
    static final int OPERATOR = 3;
    static final int SITE = 4;
    static final int UUID = 5;
    static final int KILOMETERS = 6;
    static final int MINUTES = 7;
    static final int ROUTE = 8;
    static final int URL = 9;
    static final int NAME = 10;
    static final int IMAGE = 11;
    static final int COST = 12;
    static final int DRIVER = 13;
    static final int PASSENGER = 14;
    static final int SEATS = 15;
    static final int ACTIVEFROM = 16;
    static final int ACTIVETO = 17;
    static final int DETAILS = 18;
    static final int FROM = 19;
    static final int TO = 20;
    static final int VEHICLE = 21;
    static final int PUNCTUAL = 22;
    static final int REGULAR = 23;
    // Fields of <from>/<to>: LOCATION..COUNTRY, contiguous.
    static final int LOCATION = 24;
    static final int INSEE = 25;
    static final int POSTALCODE = 26;
    static final int ADDRESS = 27;
    static final int COORDS = 28;
    static final int COUNTRY = 29;
    static final int MODEL = 30;
    static final int COLOUR = 31;
    static final int DATE = 32;
    static final int MINITIME = 33;
    static final int MAXITIME = 34;
    // Weekdays MONDAY..SUNDAY, contiguous, in DayOfWeek order.
    static final int MONDAY = 35;
    static final int SUNDAY = 41;
    // Fields of a weekday: DEPMINITIME..RETMAXITIME, contiguous.
    static final int DEPMINITIME = 42;
    static final int DEPMAXITIME = 43;
    static final int RETMINITIME = 44;
    static final int RETMAXITIME = 45;

    /** The name used in messages, by id: lower case, aliases resolved. */
    static final String[] CANONICAL = {"document", "title", "journey", "operator", "site", "uuid", "kilometers",
        "minutes", "route", "url", "name", "image", "cost", "driver", "passenger", "seats", "activefrom", "activeto",
        "details", "from", "to", "vehicle", "punctual", "regular", "location", "insee", "postalcode", "address",
        "coords", "country", "model", "colour", "date", "minitime", "maxitime", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "depminitime", "depmaxitime", "retminitime", "retmaxitime"};

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("postal_code", "postalcode"),
            Map.entry("zipcode", "postalcode"),
            Map.entry("insee_code", "insee"),
            Map.entry("inseecode", "insee"),
            Map.entry("depmintime", "depminitime"),
            Map.entry("depmaxtime", "depmaxitime"),
            Map.entry("retmintime", "retminitime"),
            Map.entry("retmaxtime", "retmaxitime"),
            Map.entry("mintime", "minitime"),
            Map.entry("maxtime", "maxitime"),
            Map.entry("color", "colour"));

    static final RdexNames TABLE = new RdexNames();

    /** Sparse on purpose: with about 60 spellings nearly every name is found at its first slot. */
    private static final int BITS = 10;
    private static final int SLOTS = 1 << BITS;
    private final long[] keys0 = new long[SLOTS];
    private final long[] keys1 = new long[SLOTS];
    /** Name length per slot; 0 marks a free slot. */
    private final int[] lengths = new int[SLOTS];
    private final int[] ids = new int[SLOTS];
    /** Lower-cased spelling to id, for names outside ASCII (String.toLowerCase decides there). */
    private final Map<String, Integer> bySpelling = new HashMap<>();

    private RdexNames() {
        for (int id = 0; id < CANONICAL.length; id++) {
            add(CANONICAL[id], id);
        }
        ALIASES.forEach((alias, canonical) -> add(alias, id(canonical)));
    }

    private static int id(String canonical) {
        for (int id = 0; id < CANONICAL.length; id++) {
            if (CANONICAL[id].equals(canonical)) {
                return id;
            }
        }
        throw new IllegalArgumentException(canonical);
    }

    private void add(String spelling, int id) {
        byte[] key = spelling.getBytes(StandardCharsets.US_ASCII);
        if (key.length > 16) {
            throw new IllegalArgumentException("names are keyed on 16 bytes: " + spelling);
        }
        long key0 = 0;
        long key1 = 0;
        for (byte b : key) {
            key1 = key1 << 8 | key0 >>> 56;
            key0 = key0 << 8 | XmlScanner.fold(b);
        }
        int i = slot(key0, key1, key.length);
        while (lengths[i] != 0) {
            i = (i + 1) & (SLOTS - 1);
        }
        keys0[i] = key0;
        keys1[i] = key1;
        lengths[i] = key.length;
        ids[i] = id;
        bySpelling.put(spelling, id);
    }

    private static int slot(long key0, long key1, int length) {
        long h = (key0 ^ key1 * 0x9E3779B97F4A7C15L ^ length) * 0xC2B2AE3D27D4EB4FL;
        return (int) (h >>> (64 - BITS));
    }

    @Override
    public int lookup(byte[] name, int from, int to, long key0, long key1, boolean ascii) {
        if (!ascii) {
            String lower = new String(name, from, to - from, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            return bySpelling.getOrDefault(lower, UNKNOWN);
        }
        int n = to - from;
        if (n > 16) {
            return UNKNOWN;
        }
        for (int i = slot(key0, key1, n); lengths[i] != 0; i = (i + 1) & (SLOTS - 1)) {
            if (keys0[i] == key0 && keys1[i] == key1 && lengths[i] == n) {
                return ids[i];
            }
        }
        return UNKNOWN;
    }
}
