package org.rdex.server.protocol.rdexplus;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The JSON of RDEX+ 2.0.1 ({@code RDEXplus_openapi.yaml}) as records, written by our routes and read by
 * {@link RdexPlusClient}, so a field name is checked by the compiler on both sides. Absent members are left
 * out ({@code null} is never sent: the document types no field as nullable). Unknown members of a partner's
 * answer are ignored, as the document allows extensions; members we do not use are not declared.
 */
public final class RdexPlusWire {

    private RdexPlusWire() {
    }

    /** {@code 200} of {@code GET /journeys}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record JourneysAnswer(List<Journey> journeys, Integer nbJourneys) {
    }

    /** {@code Journey}; {@code carpoolerType} is {@code driver}, {@code passenger} or {@code both}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Journey(String id, String webUrl, String type, String operator, String operatorUrl,
            String carpoolerType, User user, Integer availableSeats, Integer requestedSeats, Geopoint from, Geopoint to,
            Long duration, Long distance, Price price, String details, String frequency, Integer isRoundTrip,
            Integer isStopped, WaySchedule outward, @JsonProperty("return") WaySchedule returnSchedule) {
    }

    /** {@code Journey.user}: {@code id} and {@code alias} required. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(String id, String alias, String gender, String picture) {
    }

    /** {@code Geopoint}: WGS84 degrees. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Geopoint(Double latitude, Double longitude, String address, String city, String postalCode,
            String country) {
    }

    /** {@code Journey.price}: {@code type} free, fixed, variable or unknown; {@code amount} absent when unknown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Price(Double amount, String currency, String type, String kilometricPrice) {
    }

    /** {@code WaySchedule}: UNIX UTC seconds; {@code regularSchedule} for a regular journey. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WaySchedule(Long departureDate, Long maxDate, List<WeekSchedule> regularSchedule, Long timeDelta) {
    }

    /** {@code WeekSchedule}: per weekday a UTC time {@code HH:MM:SS} and its margin in seconds. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WeekSchedule(String mondayTime, Long mondayTimeDelta, String tuesdayTime, Long tuesdayTimeDelta,
            String wednesdayTime, Long wednesdayTimeDelta, String thursdayTime, Long thursdayTimeDelta,
            String fridayTime, Long fridayTimeDelta, String saturdayTime, Long saturdayTimeDelta, String sundayTime,
            Long sundayTimeDelta) {

        /** The time of ISO weekday {@code day} (1 = Monday), or null. */
        public String time(int day) {
            return switch (day) {
            case 1 -> mondayTime;
            case 2 -> tuesdayTime;
            case 3 -> wednesdayTime;
            case 4 -> thursdayTime;
            case 5 -> fridayTime;
            case 6 -> saturdayTime;
            default -> sundayTime;
            };
        }

        /** The margin of ISO weekday {@code day}, or null. */
        public Long delta(int day) {
            return switch (day) {
            case 1 -> mondayTimeDelta;
            case 2 -> tuesdayTimeDelta;
            case 3 -> wednesdayTimeDelta;
            case 4 -> thursdayTimeDelta;
            case 5 -> fridayTimeDelta;
            case 6 -> saturdayTimeDelta;
            default -> sundayTimeDelta;
            };
        }

        /** A schedule with {@code times[d-1]} and {@code deltas[d-1]} for ISO weekday d (nulls for none). */
        public static WeekSchedule of(String[] times, Long[] deltas) {
            return new WeekSchedule(times[0], deltas[0], times[1], deltas[1], times[2], deltas[2], times[3], deltas[3],
                    times[4], deltas[4], times[5], deltas[5], times[6], deltas[6]);
        }
    }

    /**
     * The body of {@code POST /messages}: {@code ConnectionMessage} and {@code recipientCarpoolerType}
     * ({@code driver} or {@code passenger}). {@code Userid} is spelled as the document spells it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String driverJourneyId, String driverUserid, String driverAlias, String passengerJourneyId,
            String passengerUserid, String passengerAlias, String details, String driverOperator,
            String driverOperatorUrl, String passengerOperator, String passengerOperatorUrl,
            String recipientCarpoolerType) {
    }

    /** {@code Error}: a code of the document's list and an optional message. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Error(String errorCode, String errorMessage) {
    }
}
