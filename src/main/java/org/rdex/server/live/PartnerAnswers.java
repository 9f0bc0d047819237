package org.rdex.server.live;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;

import org.rdex.server.protocol.LiveJourney;
import org.rdex.server.search.SearchRequest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The live answers' rules ({@link LiveAnswers}) as the protocol packages call them: reading a partner's answer
 * into journeys goes through the one intake of the live feature, whichever protocol carried it.
 */
public final class PartnerAnswers {

    private PartnerAnswers() {
    }

    /** An RDEX 1.2 {@code /journeys} answer. */
    public static List<LiveJourney> rdex12(JsonNode answer, SearchRequest r, String partnerName, int max) {
        return LiveAnswers.rdex12(answer, r, partnerName, max);
    }

    /** A standard-covoiturage {@code /driver_journeys} or {@code /passenger_journeys} answer. */
    public static List<LiveJourney> standard(JsonNode answer, SearchRequest r, String partnerName,
            boolean driverJourneys, ZoneId zone, int max) {
        return LiveAnswers.standard(answer, r, partnerName, driverJourneys, zone, max);
    }

    /** The bit of {@code d} in a search's days mask. */
    public static int bit(DayOfWeek d) {
        return LiveAnswers.bit(d);
    }

    /** RDEX's lower-case English day name. */
    public static String dayName(DayOfWeek d) {
        return LiveAnswers.dayName(d);
    }
}
