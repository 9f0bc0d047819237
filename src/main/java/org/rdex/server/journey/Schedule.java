package org.rdex.server.journey;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import org.rdex.server.model.DayWindow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The weekday windows of a regular journey as stored in the {@code schedule} JSON column:
 * {@code {"monday":{"depMin":"08:00","depMax":"08:30","retMin":"17:30","retMax":"18:00"}}}.
 */
public final class Schedule {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Schedule() {
    }

    public static String toJson(Map<DayOfWeek, DayWindow> days) {
        ObjectNode root = JSON.createObjectNode();
        days.forEach((day, w) -> {
            ObjectNode node = root.putObject(day.name().toLowerCase(Locale.ROOT));
            put(node, "depMin", w.depMin());
            put(node, "depMax", w.depMax());
            put(node, "retMin", w.retMin());
            put(node, "retMax", w.retMax());
        });
        return root.toString();
    }

    public static Map<DayOfWeek, DayWindow> fromJson(String json) {
        Map<DayOfWeek, DayWindow> days = new EnumMap<>(DayOfWeek.class);
        if (json == null || json.isBlank()) {
            return days;
        }
        try {
            JsonNode root = JSON.readTree(json);
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode n = e.getValue();
                days.put(DayOfWeek.valueOf(e.getKey().toUpperCase(Locale.ROOT)),
                        new DayWindow(time(n, "depMin"), time(n, "depMax"), time(n, "retMin"), time(n, "retMax")));
            }
            return days;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt schedule JSON in the database", e);
        }
    }

    /**
     * Whether {@link #fromWindows} gives these days back unchanged from their {@link #windows}: each window
     * has both ends or neither, in whole minutes, and no day is empty. The importer then leaves the schedule
     * column null and the search rebuilds the days from the window arrays, which keeps rows small and spares
     * the importer a JSON encoder per journey.
     */
    public static boolean derivable(Map<DayOfWeek, DayWindow> days) {
        for (DayWindow w : days.values()) {
            if (w.isEmpty() || !bothOrNeither(w.depMin(), w.depMax()) || !bothOrNeither(w.retMin(), w.retMax())) {
                return false;
            }
        }
        return true;
    }

    private static boolean bothOrNeither(LocalTime min, LocalTime max) {
        if (min == null || max == null) {
            return min == max;
        }
        return wholeMinute(min) && wholeMinute(max);
    }

    private static boolean wholeMinute(LocalTime t) {
        return t.getSecond() == 0 && t.getNano() == 0;
    }

    /**
     * The days of a regular journey from its window arrays (see {@link Windows}), Monday first: the inverse
     * of {@link #windows(Map)} for the days {@link #derivable} accepts. Null arrays mean no such window.
     */
    public static Map<DayOfWeek, DayWindow> fromWindows(Number[] depLo, Number[] depHi, Number[] retLo,
            Number[] retHi) {
        Map<DayOfWeek, DayWindow> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            int i = day.getValue() - 1;
            LocalTime depMin = time(depLo, i);
            LocalTime retMin = time(retLo, i);
            if (depMin != null || retMin != null) {
                days.put(day, new DayWindow(depMin, time(depHi, i), retMin, time(retHi, i)));
            }
        }
        return days;
    }

    private static LocalTime time(Number[] minutes, int i) {
        return minutes == null || i >= minutes.length || minutes[i] == null ? null
                : LocalTime.of(minutes[i].intValue() / 60, minutes[i].intValue() % 60);
    }

    /** Bit {@code day.getValue() - 1} set for every day that has a window. */
    public static short mask(Map<DayOfWeek, DayWindow> days) {
        int mask = 0;
        for (Map.Entry<DayOfWeek, DayWindow> e : days.entrySet()) {
            if (!e.getValue().isEmpty()) {
                mask |= 1 << (e.getKey().getValue() - 1);
            }
        }
        return (short) mask;
    }

    /**
     * Departure and return windows per weekday as the search reads them (columns {@code dep_lo, dep_hi,
     * ret_lo, ret_hi}): entry ISO day - 1, in minutes of the day, null where that day has no such window; a
     * whole array is null when no day has one, so {@code ret_lo is not null} finds journeys with a return.
     * Seconds are dropped: the search compares both sides in whole minutes, so a window is never missed,
     * and RDEX times are HH:MM anyway. A window with one end gives it to both, so that a journey with only a
     * departure time is still found at that time.
     *
     * <p>The envelopes ({@code dep_lo_min, dep_hi_max, ret_lo_min, ret_hi_max}: earliest start and latest
     * end over the week) end the cells indexes: a journey whose window overlaps the searched one on some
     * day has an envelope that overlaps it too, so the index drops most journeys at other hours before any
     * table row is read.
     */
    public record Windows(Short[] depLo, Short[] depHi, Short[] retLo, Short[] retHi) {

        public Short depLoMin() {
            return extreme(depLo, -1);
        }

        public Short depHiMax() {
            return extreme(depHi, 1);
        }

        public Short retLoMin() {
            return extreme(retLo, -1);
        }

        public Short retHiMax() {
            return extreme(retHi, 1);
        }

        /** The least ({@code sign} -1) or greatest (1) entry, null for a null array. */
        private static Short extreme(Short[] values, int sign) {
            Short best = null;
            if (values != null) {
                for (Short v : values) {
                    if (v != null && (best == null || Integer.signum(v - best) == sign)) {
                        best = v;
                    }
                }
            }
            return best;
        }
    }

    /** The windows of a regular journey. */
    public static Windows windows(Map<DayOfWeek, DayWindow> days) {
        Short[] depLo = new Short[7];
        Short[] depHi = new Short[7];
        Short[] retLo = new Short[7];
        Short[] retHi = new Short[7];
        boolean dep = false;
        boolean ret = false;
        for (Map.Entry<DayOfWeek, DayWindow> e : days.entrySet()) {
            int i = e.getKey().getValue() - 1;
            DayWindow w = e.getValue();
            dep |= window(w.depMin(), w.depMax(), depLo, depHi, i);
            ret |= window(w.retMin(), w.retMax(), retLo, retHi, i);
        }
        return new Windows(dep ? depLo : null, dep ? depHi : null, ret ? retLo : null, ret ? retHi : null);
    }

    /** The windows of a punctual journey: its departure window on the weekday of its date, no return. */
    public static Windows windows(LocalDate date, LocalTime min, LocalTime max) {
        Short[] depLo = new Short[7];
        Short[] depHi = new Short[7];
        boolean dep = window(min, max, depLo, depHi, date.getDayOfWeek().getValue() - 1);
        return new Windows(dep ? depLo : null, dep ? depHi : null, null, null);
    }

    private static boolean window(LocalTime min, LocalTime max, Short[] lo, Short[] hi, int day) {
        LocalTime first = min != null ? min : max;
        LocalTime last = max != null ? max : min;
        if (first == null) {
            return false;
        }
        lo[day] = minutes(first);
        hi[day] = minutes(last);
        return true;
    }

    private static Short minutes(LocalTime t) {
        return (short) (t.getHour() * 60 + t.getMinute());
    }

    private static void put(ObjectNode node, String name, LocalTime time) {
        if (time != null) {
            node.put(name, time.toString());
        }
    }

    private static LocalTime time(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : LocalTime.parse(value.asText());
    }
}
