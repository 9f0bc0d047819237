package org.rdex.server.journey;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A journey as the platform API reads and writes it (JSON). It covers every field of the RDEX field
 * table plus the private {@link Owner}. {@code id} and {@code uuid} are filled on output only.
 *
 * <p>{@code role} is the author's role: {@code driver} offers seats and looks for passengers,
 * {@code passenger} looks for a driver, {@code both} accepts either (RDEX {@code driver}/{@code passenger}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JourneyPayload(
        String id,
        String uuid,
        Place from,
        Place to,
        String role,
        String frequency,
        List<List<Double>> route,
        BigDecimal distanceKm,
        Integer durationMinutes,
        String site,
        String pseudonym,
        LocalDate validFrom,
        LocalDate validTo,
        String photoUrl,
        String url,
        Vehicle vehicle,
        BigDecimal price,
        Integer seats,
        String details,
        Punctual punctual,
        Map<String, Day> regular,
        Owner owner) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Place(String city, String insee, String postalCode, String address, Double lat, Double lon,
            String country) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Vehicle(String model, String colour) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Punctual(LocalDate date, LocalTime minTime, LocalTime maxTime) {
    }

    /** Departure and return windows of one weekday. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Day(LocalTime depMin, LocalTime depMax, LocalTime retMin, LocalTime retMax) {
    }

    /** Private: who wrote the journey on the platform, and where to relay contact messages. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Owner(String ref, String email) {
    }
}
