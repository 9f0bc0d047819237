package org.rdex.server.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What a partner's journey must be to enter: written once for the file import ({@code rdex/XmlJourneyMapper},
 * {@code imports/PartnerCopyRows}) and for live answers ({@code live/LiveAnswers}). Values beyond their
 * {@link FieldLimits} or coordinates off the globe refuse the journey (with reasons); a seat count out of range
 * is dropped, not the journey. Links follow {@code common/FieldRules.partnerLink}, whose only difference
 * between the two sources is how a link without scheme is completed.
 *
 * <p>Seats: one range everywhere, 0 to {@link FieldLimits#MAX_SEATS} (the import used to store up to 32767,
 * live answers 99; 99 kept the wire unchanged). Our own platform API is stricter (1 to 9) because it refuses
 * with a 400 rather than drops.
 */
public final class JourneyIntake {

    private JourneyIntake() {
    }

    /** The journey as it may enter, or why it may not. */
    public sealed interface Result permits Accepted, Rejected {
    }

    public record Accepted(SharedJourney journey) implements Result {
    }

    /** @param reasons one per offending field, in the field table's order */
    public record Rejected(List<String> reasons) implements Result {
    }

    /** The journey checked and sanitised: seats out of range dropped; limits and coordinates refuse it. */
    public static Result check(SharedJourney j) {
        List<String> reasons = new ArrayList<>(FieldLimits.violations(j));
        point(reasons, "from", j.from());
        point(reasons, "to", j.to());
        if (!reasons.isEmpty()) {
            return new Rejected(reasons);
        }
        Integer seats = seats(j.seats());
        return new Accepted(seats == j.seats() ? j : j.toBuilder().seats(seats).build());
    }

    /** Seats within 0..{@link FieldLimits#MAX_SEATS}, else null (unreadable, not a carpool). */
    public static Integer seats(Integer seats) {
        return seats != null && seats >= 0 && seats <= FieldLimits.MAX_SEATS ? seats : null;
    }

    /** A WGS84 point: both values present and on the globe. */
    public static boolean validPoint(Double lat, Double lon) {
        return lat != null && lon != null && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
    }

    private static void point(List<String> reasons, String which, SharedJourney.Place p) {
        if (p != null && !validPoint(p.lat(), p.lon())) {
            reasons.add(which + " coordinates off the globe");
        }
    }
}
