package org.rdex.server.check;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.rdex.server.model.GreatCircle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rules a partner's live answers are held to, as pure functions of the parsed answer: RDEX 1.2 journeys
 * (shape and types as Mobicoop's client reads them, numbers accepted as JSON numbers or numeric strings, as
 * Mobicoop's servers send both) and its error body, and the standard-covoiturage playground's assertions
 * (haversine on a whole-kilometre Earth sphere within the radius plus 1 %, count, unique ids, bare-host operator, time
 * window). Each rule gives one {@link CheckResult} naming the first few offending journeys.
 */
public final class AnswerRules {

    /** The playground's sphere (its own rounding of the one Earth radius) and margin. */
    static final double PLAYGROUND_EARTH_KM = GreatCircle.WHOLE_KM_EARTH;
    static final double RADIUS_MARGIN = 1.01;
    private static final int SHOWN = 3;
    private static final Pattern BARE_HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    /** Error names of the RDEX table (ANCHORS.md), with the four Mobicoop adds. */
    private static final Set<String> RDEX_ERRORS = Set.of("invalid_input", "invalid_uri", "invalid_uuid",
            "missing_mandatory_field", "missing_required_query_parameter", "no_post_data", "too_late",
            "undefined_error", "unknown_user", "access_denied", "signature_mismatch", "timestamp_too_skewed",
            "insufficient_permissions", "origin_mismatch", "resource_not_found", "unsupported_http_verb",
            "already_exists", "too_many_post", "too_many_queries", "internal_error", "not_implemented",
            "no_put_data", "error_no_min_max_time", "config_file_missing", "operator_file_missing");

    private AnswerRules() {
    }

    /**
     * RDEX 1.2 {@code GET /journeys}: a JSON array of {@code {"journeys": {...}}}, each journey with the
     * members and types the protocol gives; {@code ownUuid} (the partner's journey we searched near), when
     * known, should be found.
     */
    public static List<CheckResult> rdex12Answer(int status, JsonNode answer, String ownUuid) {
        List<CheckResult> out = new ArrayList<>();
        if (status != 200 || answer == null || !answer.isArray()) {
            out.add(CheckResult.fail("rdex12.search", "expected HTTP 200 with a JSON array, got HTTP " + status
                    + (answer == null ? " without JSON" : " with a JSON " + kind(answer))));
            return out;
        }
        out.add(CheckResult.pass("rdex12.search", "HTTP 200, " + answer.size() + " journey(s)"));
        List<String> problems = new ArrayList<>();
        boolean found = false;
        int i = 0;
        for (JsonNode element : answer) {
            JsonNode j = element.path("journeys");
            String at = "[" + i++ + "]";
            if (!j.isObject()) {
                problems.add(at + ".journeys is not an object");
                continue;
            }
            if (!isId(j.path("uuid"))) {
                problems.add(at + ".uuid is not a string or an integer");
            } else if (ownUuid != null && ownUuid.equals(j.path("uuid").asText())) {
                found = true;
            }
            for (String place : List.of("from", "to")) {
                numeric(j.path(place).path("latitude"), -90, 90, at + "." + place + ".latitude", true, problems);
                numeric(j.path(place).path("longitude"), -180, 180, at + "." + place + ".longitude", true, problems);
            }
            for (String role : List.of("driver", "passenger")) {
                if (!j.path(role).isObject()) {
                    problems.add(at + "." + role + " is not an object");
                } else if (!isState(j.path(role).path("state"))) {
                    problems.add(at + "." + role + ".state is not 0 or 1");
                }
            }
            oneOf(j.path("frequency"), Set.of("punctual", "regular"), at + ".frequency", true, problems);
            oneOf(j.path("type"), Set.of("one-way", "round-trip"), at + ".type", false, problems);
            numeric(j.path("distance"), 0, 1e8, at + ".distance", false, problems);
            numeric(j.path("duration"), 0, 1e8, at + ".duration", false, problems);
            numeric(j.path("driver").path("seats"), 0, 99, at + ".driver.seats", false, problems);
            JsonNode outward = j.path("outward");
            if (!outward.isObject()) {
                problems.add(at + ".outward is not an object");
            } else {
                date(outward.path("mindate"), at + ".outward.mindate", true, problems);
                date(outward.path("maxdate"), at + ".outward.maxdate", false, problems);
                outward.fields().forEachRemaining(day -> {
                    if (day.getValue().isObject()) {
                        time(day.getValue().path("mintime"), at + ".outward." + day.getKey() + ".mintime", problems);
                        time(day.getValue().path("maxtime"), at + ".outward." + day.getKey() + ".maxtime", problems);
                    }
                });
            }
        }
        out.add(problems.isEmpty() ? CheckResult.pass("rdex12.types", "every journey has the members and types of RDEX 1.2")
                : CheckResult.fail("rdex12.types", problems.size() + " problem(s): " + first(problems)));
        if (ownUuid != null) {
            out.add(found ? CheckResult.pass("rdex12.found", "its own journey " + ownUuid + " was found")
                    : CheckResult.warn("rdex12.found", "its own journey " + ownUuid + " was not in the answer"));
        }
        return out;
    }

    /** An RDEX 1.2 request the partner must refuse: a 4xx with {@code {"error":{"name",...}}}. */
    public static CheckResult rdex12Error(int status, JsonNode answer) {
        JsonNode error = answer == null ? null : answer.path("error");
        if (status < 400 || status >= 500) {
            return CheckResult.fail("rdex12.error", "a search without from/to answered HTTP " + status + ", not a 4xx");
        }
        if (error == null || !error.isObject() || !error.path("name").isTextual()) {
            return CheckResult.fail("rdex12.error", "HTTP " + status + " without the error body {\"error\":{\"name\",...}}");
        }
        String name = error.path("name").asText();
        if (!RDEX_ERRORS.contains(name) || !error.has("message_debug")) {
            return CheckResult.warn("rdex12.error", "HTTP " + status + " error '" + clip(name) + "'"
                    + (RDEX_ERRORS.contains(name) ? "" : ", a name not in RDEX's table")
                    + (error.has("message_debug") ? "" : ", without message_debug"));
        }
        return CheckResult.pass("rdex12.error", "HTTP " + status + " error '" + name + "'");
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

    private static CheckResult rule(String name, List<String> problems, String pass) {
        return problems.isEmpty() ? CheckResult.pass(name, pass)
                : CheckResult.fail(name, problems.size() + " problem(s): " + first(problems));
    }

    private static boolean isId(JsonNode n) {
        return n.isTextual() && !n.asText().isBlank() || n.isIntegralNumber();
    }

    /** 0 or 1, as a number or a numeric string (Mobicoop's fixtures carry both). */
    private static boolean isState(JsonNode n) {
        String v = n.isIntegralNumber() || n.isTextual() ? n.asText().trim() : null;
        return "0".equals(v) || "1".equals(v);
    }

    private static void numeric(JsonNode n, double min, double max, String at, boolean required, List<String> problems) {
        if (n.isMissingNode() || n.isNull()) {
            if (required) {
                problems.add(at + " is missing");
            }
            return;
        }
        Double d = n.isNumber() ? Double.valueOf(n.asDouble()) : n.isTextual() ? parse(n.asText()) : null;
        if (d == null) {
            problems.add(at + " is " + kind(n) + ", not a number");
        } else if (d < min || d > max) {
            problems.add(at + " " + d + " is outside " + min + ".." + max);
        }
    }

    private static Double parse(String s) {
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double strictNumber(JsonNode n) {
        return n.isNumber() && Double.isFinite(n.asDouble()) ? n.asDouble() : null;
    }

    private static void oneOf(JsonNode n, Set<String> values, String at, boolean required, List<String> problems) {
        if (n.isMissingNode() || n.isNull()) {
            if (required) {
                problems.add(at + " is missing");
            }
        } else if (!n.isTextual() || !values.contains(n.asText())) {
            problems.add(at + " is not one of " + values);
        }
    }

    private static void date(JsonNode n, String at, boolean required, List<String> problems) {
        if (n.isMissingNode() || n.isNull()) {
            if (required) {
                problems.add(at + " is missing");
            }
            return;
        }
        try {
            if (!n.isTextual() || n.asText().length() != 10) {
                throw new DateTimeParseException("", "", 0);
            }
            LocalDate.parse(n.asText());
        } catch (DateTimeParseException e) {
            problems.add(at + " is not a YYYY-MM-DD date");
        }
    }

    private static void time(JsonNode n, String at, List<String> problems) {
        if (n.isMissingNode() || n.isNull()) {
            return;
        }
        try {
            if (!n.isTextual() || n.asText().length() > 8) {
                throw new DateTimeParseException("", "", 0);
            }
            LocalTime.parse(n.asText());
        } catch (DateTimeParseException e) {
            problems.add(at + " is not an HH:MM:SS time");
        }
    }

    private static String kind(JsonNode n) {
        return n.isMissingNode() ? "missing" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String first(List<String> problems) {
        return String.join("; ", problems.subList(0, Math.min(SHOWN, problems.size())))
                + (problems.size() > SHOWN ? "; ..." : "");
    }

    private static String clip(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 80 ? clean : clean.substring(0, 77) + "...";
    }

    private static double round(double km) {
        return Math.round(km * 100) / 100.0;
    }
}
