package org.rdex.server.protocol.standard;

import static org.rdex.server.protocol.AnswerRules.rule;
import static org.rdex.server.protocol.AnswerRules.strictNumber;
import static org.rdex.server.protocol.AnswerRules.kind;
import static org.rdex.server.protocol.AnswerRules.clip;
import static org.rdex.server.protocol.AnswerRules.round;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.rdex.server.model.GreatCircle;
import org.rdex.server.protocol.CheckResult;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The standard-covoiturage playground's assertions on a partner's answers in {@code partners check}, as pure
 * functions of the parsed answer: haversine on a whole-kilometre Earth sphere within the radius plus 1 %, count,
 * unique ids, bare-host operator, time window.
 */
public final class StandardRules {

    /** The playground's sphere (its own rounding of the one Earth radius) and margin. */
    static final double PLAYGROUND_EARTH_KM = GreatCircle.WHOLE_KM_EARTH;
    static final double RADIUS_MARGIN = 1.01;
    private static final Pattern BARE_HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    private StandardRules() {
    }

    /** What a standard-covoiturage search asked: the playground checks the answer against it. */
    public record StandardQuery(double departureLat, double departureLng, double arrivalLat, double arrivalLng,
            double departureRadiusKm, double arrivalRadiusKm, long departureDate, long timeDelta, int count) {
    }

    /**
     * The playground's assertions on {@code GET /driver_journeys} or {@code /passenger_journeys}: a JSON array,
     * pickups within the departure radius and drops within the arrival radius (haversine on the playground's sphere, 1 %
     * margin), pickups within the time window, at most {@code count} journeys, unique ids, {@code operator} a
     * bare host name; {@code ownId} should be found.
     */
    public static List<CheckResult> standardAnswer(int status, JsonNode answer, StandardQuery q, String ownId) {
        List<CheckResult> out = new ArrayList<>();
        if (status != 200 || answer == null || !answer.isArray()) {
            out.add(CheckResult.fail("standard.search", "expected HTTP 200 with a JSON array, got HTTP " + status
                    + (answer == null ? " without JSON" : " with a JSON " + kind(answer))));
            return out;
        }
        out.add(CheckResult.pass("standard.search", "HTTP 200, " + answer.size() + " journey(s)"));
        List<String> radius = new ArrayList<>();
        List<String> time = new ArrayList<>();
        List<String> operators = new ArrayList<>();
        List<String> types = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        boolean found = false;
        int i = 0;
        for (JsonNode j : answer) {
            String at = "[" + i++ + "]";
            if (!j.isObject()) {
                types.add(at + " is not an object");
                continue;
            }
            if (!j.path("id").isTextual()) {
                types.add(at + ".id is not a string");
            } else {
                String id = j.path("id").asText();
                found |= id.equals(ownId);
                if (!ids.add(id)) {
                    repeated.add(clip(id));
                }
            }
            Double pickLat = strictNumber(j.path("passengerPickupLat"));
            Double pickLng = strictNumber(j.path("passengerPickupLng"));
            Double dropLat = strictNumber(j.path("passengerDropLat"));
            Double dropLng = strictNumber(j.path("passengerDropLng"));
            if (pickLat == null || pickLng == null || dropLat == null || dropLng == null) {
                types.add(at + " pickup or drop coordinates are not numbers");
            } else {
                double dep = km(q.departureLat(), q.departureLng(), pickLat, pickLng);
                double arr = km(q.arrivalLat(), q.arrivalLng(), dropLat, dropLng);
                if (dep > q.departureRadiusKm() * RADIUS_MARGIN) {
                    radius.add(at + " pickup " + round(dep) + " km from the departure (radius " + q.departureRadiusKm() + ")");
                }
                if (arr > q.arrivalRadiusKm() * RADIUS_MARGIN) {
                    radius.add(at + " drop " + round(arr) + " km from the arrival (radius " + q.arrivalRadiusKm() + ")");
                }
            }
            JsonNode pickup = j.path("passengerPickupDate");
            if (!pickup.isIntegralNumber()) {
                types.add(at + ".passengerPickupDate is not an integer");
            } else if (Math.abs(pickup.asLong() - q.departureDate()) > q.timeDelta()) {
                time.add(at + " pickup " + (pickup.asLong() - q.departureDate()) + " s from departureDate (timeDelta "
                        + q.timeDelta() + ")");
            }
            JsonNode operator = j.path("operator");
            if (!operator.isTextual() || !BARE_HOST.matcher(operator.asText()).matches()
                    || !operator.asText().contains(".")) {
                operators.add(at + ".operator " + (operator.isTextual() ? "'" + clip(operator.asText()) + "'" : kind(operator))
                        + " is not a bare host name");
            }
        }
        out.add(rule("standard.types", types, "ids, coordinates and pickup dates have their types"));
        out.add(rule("standard.radius", radius, "every pickup and drop within the radii (haversine, R = "
                + (long) PLAYGROUND_EARTH_KM + " km, +1 %)"));
        out.add(rule("standard.time", time, "every pickup within departureDate ± timeDelta"));
        out.add(answer.size() <= q.count() ? CheckResult.pass("standard.count", answer.size() + " ≤ count " + q.count())
                : CheckResult.fail("standard.count", answer.size() + " journeys for count " + q.count()));
        out.add(rule("standard.ids", repeated.stream().map(id -> "id '" + id + "' repeated").toList(), "ids are unique"));
        out.add(rule("standard.operator", operators, "operator is a bare host name"));
        if (ownId != null) {
            out.add(found ? CheckResult.pass("standard.found", "its own journey " + ownId + " was found")
                    : CheckResult.warn("standard.found", "its own journey " + ownId + " was not in the answer"));
        }
        return out;
    }

    /** {@code GET /status}: 200 (its body is free). */
    public static CheckResult standardStatus(int status) {
        return status == 200 ? CheckResult.pass("standard.status", "HTTP 200")
                : CheckResult.fail("standard.status", "HTTP " + status + ", expected 200");
    }

    static double km(double lat1, double lon1, double lat2, double lon2) {
        return GreatCircle.km(PLAYGROUND_EARTH_KM, lat1, lon1, lat2, lon2);
    }
}
