package org.rdex.server.journey;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import org.rdex.server.rdex.RdexJourney.DayWindow;

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
