package org.rdex.server.search;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rdex.server.model.SharedJourney;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One page of search results, most relevant first; {@code hasMore} says whether a next page exists. */
public record SearchResult(int page, int size, boolean hasMore, List<Item> results) {

    /**
     * A matching journey, ours or a partner's ({@code partner} true, with {@code partnerName}). The searcher's
     * platform sends its user to {@code url}, on {@code site} of {@code operator}.
     *
     * @param leg                   {@code outward} (the journey's from -> to, departure windows) or
     *                              {@code return} (a regular journey's trip back, to -> from, return
     *                              windows); {@code from} and {@code to} are the places as travelled on it
     * @param detourKm              distance from the searched origin to the leg's departure plus from the
     *                              leg's arrival to the searched destination
     * @param timeDifferenceMinutes between the middle of the searched window and the middle of the leg's
     *                              window (0 when no window was searched)
     */
    @Schema(name = "SearchItem")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String uuid, String operator, String site, String url, boolean partner, String partnerName,
            String pseudonym, boolean driver, boolean passenger, String frequency, String leg, Place from, Place to,
            BigDecimal distanceKm, Integer durationMinutes, Integer seats, BigDecimal price, LocalDate validFrom,
            LocalDate validTo, Punctual punctual, Map<String, Object> regular, double detourKm,
            int timeDifferenceMinutes) {

        /** An item showing {@code j}'s {@code JourneyColumn.SEARCH_SHOWN} values and what the search adds. */
        static Item of(SharedJourney j, boolean partner, String partnerName, String frequency, String leg, Place from, Place to,
                Punctual punctual, Map<String, Object> regular, double detourKm, int timeDifferenceMinutes) {
            return new Item(j.uuid(), j.operator(), j.site(), j.url(), partner, partnerName,
                    j.pseudonym(), j.driver(), j.passenger(), frequency, leg, from, to, j.distanceKm(), j.minutes(),
                    j.seats(), j.price(), j.activeFrom(), j.activeTo(), punctual, regular, detourKm,
                    timeDifferenceMinutes);
        }
    }

    /** @param distanceKm how far this point is from the searched one */
    @Schema(name = "SearchPlace")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Place(String location, String postalCode, double lat, double lon, double distanceKm) {
    }

    @Schema(name = "SearchPunctual")
    public record Punctual(LocalDate date, LocalTime minTime, LocalTime maxTime) {
    }
}
