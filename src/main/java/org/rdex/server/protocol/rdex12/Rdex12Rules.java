package org.rdex.server.protocol.rdex12;

import static org.rdex.server.protocol.AnswerRules.isId;
import static org.rdex.server.protocol.AnswerRules.isState;
import static org.rdex.server.protocol.AnswerRules.numeric;
import static org.rdex.server.protocol.AnswerRules.oneOf;
import static org.rdex.server.protocol.AnswerRules.date;
import static org.rdex.server.protocol.AnswerRules.time;
import static org.rdex.server.protocol.AnswerRules.kind;
import static org.rdex.server.protocol.AnswerRules.first;
import static org.rdex.server.protocol.AnswerRules.clip;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.rdex.server.protocol.CheckResult;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rules an RDEX 1.2 partner's answers are held to in {@code partners check}, as pure functions of the parsed
 * answer: journeys with the shape and types Mobicoop's client reads (numbers as JSON numbers or numeric strings,
 * as Mobicoop's servers send both), and the error body of a refused request.
 */
public final class Rdex12Rules {

    /** Error names of the RDEX table (ANCHORS.md), with the four Mobicoop adds. */
    private static final Set<String> RDEX_ERRORS = Set.of("invalid_input", "invalid_uri", "invalid_uuid",
            "missing_mandatory_field", "missing_required_query_parameter", "no_post_data", "too_late",
            "undefined_error", "unknown_user", "access_denied", "signature_mismatch", "timestamp_too_skewed",
            "insufficient_permissions", "origin_mismatch", "resource_not_found", "unsupported_http_verb",
            "already_exists", "too_many_post", "too_many_queries", "internal_error", "not_implemented",
            "no_put_data", "error_no_min_max_time", "config_file_missing", "operator_file_missing");

    private Rdex12Rules() {
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
}
