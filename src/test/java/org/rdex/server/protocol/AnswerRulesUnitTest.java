package org.rdex.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.rdex.server.protocol.rdex12.Rdex12Rules;
import org.rdex.server.protocol.standard.StandardRules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class AnswerRulesUnitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RDEX12_JOURNEY = """
            {"journeys": {"uuid": "j-1", "operator": "b", "origin": "b.example",
             "driver": {"uuid": "u", "alias": "A", "seats": 3, "state": 1},
             "passenger": {"uuid": "u", "alias": "A", "persons": 0, "state": "0"},
             "from": {"city": "Marseille", "latitude": 43.2965, "longitude": "5.3698"},
             "to": {"city": "Aix", "latitude": 43.5297, "longitude": 5.4474},
             "distance": 31000, "duration": 1800, "frequency": "punctual", "type": "one-way",
             "outward": {"mindate": "2099-03-02", "maxdate": "2099-03-02",
                         "monday": {"mintime": "08:00:00", "maxtime": "09:00:00"}}}}""";

    /** 50.0 N 5.0 E, and a point about {@code km} east of it on the playground's sphere. */
    private static final double LAT = 50.0;
    private static final double LON = 5.0;

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, CheckResult.Status> statuses(List<CheckResult> results) {
        return results.stream().collect(Collectors.toMap(CheckResult::name, CheckResult::status));
    }

    @Test
    void rdex12_answer_as_mobicoop_sends_it_passes_with_numbers_as_strings() {
        Map<String, CheckResult.Status> s = statuses(Rdex12Rules.rdex12Answer(200, json("[" + RDEX12_JOURNEY + "]"), "j-1"));
        assertEquals(Map.of("rdex12.search", CheckResult.Status.PASS, "rdex12.types", CheckResult.Status.PASS,
                "rdex12.found", CheckResult.Status.PASS), s);
    }

    @Test
    void rdex12_latitude_of_wrong_type_fails_types_naming_the_member() {
        String broken = RDEX12_JOURNEY.replace("\"latitude\": 43.2965", "\"latitude\": true");
        List<CheckResult> results = Rdex12Rules.rdex12Answer(200, json("[" + broken + "]"), "j-1");
        CheckResult types = results.stream().filter(r -> r.name().equals("rdex12.types")).findFirst().orElseThrow();
        assertEquals(CheckResult.Status.FAIL, types.status());
        assertTrue(types.seen().contains("[0].from.latitude is boolean"), types.seen());
    }

    @Test
    void rdex12_state_that_is_not_0_or_1_and_bad_date_fail_types() {
        String broken = RDEX12_JOURNEY.replace("\"state\": 1", "\"state\": \"yes\"").replace("\"mindate\": \"2099-03-02\"",
                "\"mindate\": \"02/03/2099\"");
        CheckResult types = Rdex12Rules.rdex12Answer(200, json("[" + broken + "]"), null).get(1);
        assertEquals("rdex12.types", types.name());
        assertEquals(CheckResult.Status.FAIL, types.status());
        assertTrue(types.seen().contains("driver.state") && types.seen().contains("mindate"), types.seen());
    }

    @Test
    void rdex12_answer_that_is_not_an_array_fails_search() {
        assertEquals(List.of("rdex12.search FAIL"), Rdex12Rules.rdex12Answer(200, json("{\"journeys\":[]}"), "j-1").stream()
                .map(r -> r.name() + " " + r.status()).toList());
        assertEquals(CheckResult.Status.FAIL, Rdex12Rules.rdex12Answer(500, json("[]"), "j-1").get(0).status());
    }

    @Test
    void rdex12_own_journey_missing_is_a_warning() {
        assertEquals(CheckResult.Status.WARN, statuses(Rdex12Rules.rdex12Answer(200, json("[]"), "j-1")).get("rdex12.found"));
    }

    @Test
    void rdex12_error_needs_a_4xx_with_the_rdex_error_body() {
        JsonNode body = json("{\"error\":{\"name\":\"missing_mandatory_field\",\"message_debug\":\"from\",\"message_user\":null,\"field\":\"from\"}}");
        assertEquals(CheckResult.Status.PASS, Rdex12Rules.rdex12Error(400, body).status());
        assertEquals(CheckResult.Status.FAIL, Rdex12Rules.rdex12Error(200, json("[]")).status());
        assertEquals(CheckResult.Status.FAIL, Rdex12Rules.rdex12Error(400, json("{\"message\":\"bad\"}")).status());
        assertEquals(CheckResult.Status.FAIL, Rdex12Rules.rdex12Error(400, null).status());
        assertEquals(CheckResult.Status.WARN, Rdex12Rules.rdex12Error(400, json("{\"error\":{\"name\":\"bad_thing\"}}")).status());
    }

    private static StandardRules.StandardQuery query(int count) {
        return new StandardRules.StandardQuery(LAT, LON, LAT, LON + 1, 1.0, 1.0, 4_000_000_000L, 900, count);
    }

    /** The longitude {@code km} east of (LAT, LON) on the playground's 6371 km sphere. */
    private static double east(double km) {
        return LON + Math.toDegrees(km / (6371.0 * Math.cos(Math.toRadians(LAT))));
    }

    private static String standardJourney(String id, double pickupLng, long pickupDate, String operator) {
        return "{\"id\":\"" + id + "\",\"operator\":\"" + operator + "\",\"passengerPickupLat\":" + LAT
                + ",\"passengerPickupLng\":" + pickupLng + ",\"passengerDropLat\":" + LAT + ",\"passengerDropLng\":"
                + (LON + 1) + ",\"passengerPickupDate\":" + pickupDate + ",\"type\":\"DYNAMIC\"}";
    }

    @Test
    void standard_answer_within_radius_count_and_window_passes_every_playground_rule() {
        String answer = "[" + standardJourney("a", east(0.5), 4_000_000_000L, "b.example.org") + ","
                + standardJourney("b", east(1.005), 4_000_000_900L, "b.example.org") + "]";
        Map<String, CheckResult.Status> s = statuses(StandardRules.standardAnswer(200, json(answer), query(2), "a"));
        assertTrue(s.values().stream().allMatch(v -> v == CheckResult.Status.PASS), s.toString());
        assertEquals(8, s.size(), s.toString());
    }

    @Test
    void standard_pickup_past_radius_and_margin_fails_radius() {
        String answer = "[" + standardJourney("a", east(1.02), 4_000_000_000L, "b.example.org") + "]";
        List<CheckResult> results = StandardRules.standardAnswer(200, json(answer), query(10), "a");
        CheckResult radius = results.stream().filter(r -> r.name().equals("standard.radius")).findFirst().orElseThrow();
        assertEquals(CheckResult.Status.FAIL, radius.status());
        assertTrue(radius.seen().contains("pickup 1.02 km"), radius.seen());
    }

    @Test
    void standard_repeated_id_too_many_journeys_url_operator_and_late_pickup_fail_their_rules() {
        String answer = "[" + standardJourney("a", LON, 4_000_000_000L, "https://b.example.org/") + ","
                + standardJourney("a", LON, 4_000_001_000L, "b.example.org") + "]";
        Map<String, CheckResult.Status> s = statuses(StandardRules.standardAnswer(200, json(answer), query(1), "a"));
        assertEquals(CheckResult.Status.FAIL, s.get("standard.ids"));
        assertEquals(CheckResult.Status.FAIL, s.get("standard.count"));
        assertEquals(CheckResult.Status.FAIL, s.get("standard.operator"));
        assertEquals(CheckResult.Status.FAIL, s.get("standard.time"));
        assertEquals(CheckResult.Status.PASS, s.get("standard.radius"));
    }

    @Test
    void standard_coordinates_as_strings_fail_types_and_status_needs_200() {
        String answer = "[{\"id\":\"a\",\"operator\":\"b.example.org\",\"passengerPickupLat\":\"50.0\",\"passengerPickupLng\":5,"
                + "\"passengerDropLat\":50,\"passengerDropLng\":6,\"passengerPickupDate\":4000000000}]";
        assertEquals(CheckResult.Status.FAIL, statuses(StandardRules.standardAnswer(200, json(answer), query(10), null))
                .get("standard.types"));
        assertEquals(CheckResult.Status.PASS, StandardRules.standardStatus(200).status());
        assertEquals(CheckResult.Status.FAIL, StandardRules.standardStatus(404).status());
    }
}
