package org.rdex.server.protocol.standard;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * standard-covoiturage's JSON as records, shared by our routes and our client: the names are the wire's, an
 * optional field is absent rather than null ({@link JsonInclude.Include#NON_NULL}) except where the
 * standard's {@code User} always carried its {@code alias}. Numbers keep the types the answers always had:
 * distances and durations whole ({@code long}), coordinates and amounts as doubles.
 */
public final class StandardWire {

    private StandardWire() {
    }

    /**
     * One element of {@code /driver_journeys} (with {@code driver}, {@code availableSeats} when known and
     * {@code price}) or {@code /passenger_journeys} (with {@code passenger}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "operator", "passengerPickupLat", "passengerPickupLng", "passengerDropLat", "passengerDropLng",
            "passengerPickupAddress", "passengerDropAddress", "distance", "driverDepartureLat", "driverDepartureLng",
            "driverArrivalLat", "driverArrivalLng", "duration", "webUrl", "driver", "passenger", "id",
            "passengerPickupDate", "driverDepartureDate", "type", "availableSeats", "price" })
    @Schema(name = "StandardJourney")
    public record Journey(String operator, double passengerPickupLat, double passengerPickupLng, double passengerDropLat,
            double passengerDropLng, String passengerPickupAddress, String passengerDropAddress, long distance,
            double driverDepartureLat, double driverDepartureLng, double driverArrivalLat, double driverArrivalLng,
            long duration, String webUrl, User driver, User passenger, String id, long passengerPickupDate,
            long driverDepartureDate, String type, Integer availableSeats, Price price) {
    }

    /** One element of {@code /driver_regular_trips} or {@code /passenger_regular_trips}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "operator", "passengerPickupLat", "passengerPickupLng", "passengerDropLat", "passengerDropLng",
            "passengerPickupAddress", "passengerDropAddress", "distance", "driverDepartureLat", "driverDepartureLng",
            "driverArrivalLat", "driverArrivalLng", "duration", "webUrl", "driver", "passenger", "schedules" })
    @Schema(name = "StandardRegularTrip")
    public record RegularTrip(String operator, double passengerPickupLat, double passengerPickupLng,
            double passengerDropLat, double passengerDropLng, String passengerPickupAddress, String passengerDropAddress,
            long distance, double driverDepartureLat, double driverDepartureLng, double driverArrivalLat,
            double driverArrivalLng, long duration, String webUrl, User driver, User passenger,
            List<Schedule> schedules) {
    }

    /** A day and time of day ({@code HH:mm:ss}) the passenger is picked up. */
    @JsonPropertyOrder({ "passengerPickupDay", "passengerPickupTimeOfDay" })
    @Schema(name = "StandardSchedule")
    public record Schedule(String passengerPickupDay, String passengerPickupTimeOfDay) {
    }

    /** The standard's {@code User}: every key written, {@code alias} null when the journey has no pseudonym. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "id", "operator", "alias" })
    @Schema(name = "StandardUser")
    public record User(String id, String operator, String alias) {
    }

    /** {@code FREE}, {@code PAYING} (with amount and currency) or {@code UNKNOWN}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "type", "amount", "currency" })
    @Schema(name = "StandardPrice")
    public record Price(String type, Double amount, String currency) {
    }

    /**
     * The body of {@code POST /messages}: {@code driverJourneyId} or {@code passengerJourneyId}, as
     * {@code recipientCarpoolerType} says.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "from", "to", "message", "recipientCarpoolerType", "driverJourneyId", "passengerJourneyId" })
    @Schema(name = "StandardMessage")
    public record Message(User from, User to, String message, String recipientCarpoolerType, String driverJourneyId,
            String passengerJourneyId) {
    }

    /** Every error of the standard's routes: {@code {"error": "..."}}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "StandardError")
    public record Error(String error) {
    }
}
