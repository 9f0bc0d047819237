package org.rdex.server.protocol.rdex12;

import java.math.BigDecimal;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * RDEX 1.2's JSON as Mobicoop writes it, as records: every key present, in Mobicoop's order, {@code null} when
 * unknown (hence {@link JsonInclude.Include#ALWAYS} whatever the mapper's default). The names are the wire's.
 */
public final class Rdex12Wire {

    private Rdex12Wire() {
    }

    /** One element of a {@code /journeys} answer: {@code {"journeys": {...}}}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Rdex12Item")
    public record Item(Journey journeys) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "uuid", "operator", "origin", "url", "driver", "passenger", "from", "to", "distance",
            "duration", "route", "number_of_waypoints", "waypoints", "cost", "details", "vehicle", "frequency", "type",
            "real_time", "stopped", "days", "outward", "return" })
    @Schema(name = "Rdex12Journey")
    public record Journey(String uuid, String operator, String origin, String url, Driver driver, Passenger passenger,
            Place from, Place to, Integer distance, Integer duration, Object route,
            @JsonProperty("number_of_waypoints") int numberOfWaypoints, Map<String, Object> waypoints, Cost cost,
            String details, Object vehicle, String frequency, String type, @JsonProperty("real_time") Object realTime,
            Object stopped, Map<String, Integer> days, Windows outward, @JsonProperty("return") Windows back) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "uuid", "alias", "image", "gender", "seats", "state" })
    @Schema(name = "Rdex12Driver")
    public record Driver(String uuid, String alias, String image, String gender, int seats, int state) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "uuid", "alias", "image", "gender", "persons", "state" })
    @Schema(name = "Rdex12Passenger")
    public record Passenger(String uuid, String alias, String image, String gender, int persons, int state) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "address", "city", "postalcode", "country", "latitude", "longitude" })
    @Schema(name = "Rdex12Place")
    public record Place(String address, String city, String postalcode, String country, double latitude,
            double longitude) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "fixed", "variable" })
    @Schema(name = "Rdex12Cost")
    public record Cost(BigDecimal fixed, BigDecimal variable) {
    }

    /** A day's window, {@code HH:mm:ss}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "mintime", "maxtime" })
    @Schema(name = "Rdex12Time")
    public record Time(String mintime, String maxtime) {
    }

    /** {@code {mindate, maxdate, monday..sunday}}, a day null when the journey does not run that day. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "mindate", "maxdate", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday" })
    @Schema(name = "Rdex12Windows")
    public record Windows(String mindate, String maxdate, Time monday, Time tuesday, Time wednesday, Time thursday,
            Time friday, Time saturday, Time sunday) {

        /** The window of a day by its RDEX name, null when none. */
        public Time day(String name) {
            return switch (name) {
            case "monday" -> monday;
            case "tuesday" -> tuesday;
            case "wednesday" -> wednesday;
            case "thursday" -> thursday;
            case "friday" -> friday;
            case "saturday" -> saturday;
            default -> sunday;
            };
        }

        static Windows of(String mindate, String maxdate, Time[] week) {
            return new Windows(mindate, maxdate, week[0], week[1], week[2], week[3], week[4], week[5], week[6]);
        }
    }

    /** Every RDEX 1.2 error: {@code {"error": {...}}}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Rdex12ErrorBody")
    public record ErrorBody(Error error) {
    }

    /** An error of RDEX's table, every member present ({@code null} when unset). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "name", "message_debug", "message_user", "field" })
    @Schema(name = "Rdex12Error")
    public record Error(String name, @JsonProperty("message_debug") String messageDebug,
            @JsonProperty("message_user") String messageUser, String field) {
    }
}
