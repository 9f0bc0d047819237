package org.rdex.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rdex.server.protocol.LiveJourney;
import org.rdex.server.search.SearchRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Partners' answers mapped to our result shape, leniently where partners differ, strictly where it matters. */
class LiveAnswersUnitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DATE = LocalDate.of(2099, 3, 2);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static SearchRequest search(SearchRequest.Role role, SearchRequest.Frequency frequency) {
        return new SearchRequest(43.2965, 5.3698, 10, 43.5297, 5.4474, 10, DATE, DATE, LocalTime.of(8, 0),
                LocalTime.of(9, 0), true, role, frequency, 1 << (DATE.getDayOfWeek().getValue() - 1), 1, 20);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void reads_rdex12_numbers_given_as_strings_and_fills_a_missing_url_from_the_origin() throws Exception {
        String journey = PartnerSimulator.rdex12Journey("7", "42", 43.2965, 5.3698, 43.5297, 5.4474, DATE, "08:45:00",
                "09:15:00").replace("\"url\":\"https://b.example.org/t/7\"", "\"url\":null")
                .replace("\"state\":1", "\"state\":\"1\"").replace("\"seats\":3", "\"seats\":\"3\"");
        List<LiveJourney> out = LiveAnswers.rdex12(json("[" + journey + "]"), search(null, SearchRequest.Frequency.ANY),
                "opb", 10);
        assertEquals(1, out.size());
        LiveJourney j = out.get(0);
        assertEquals("7", j.item().uuid());
        assertEquals("https://b.example.org", j.item().url());
        assertEquals(3, j.item().seats());
        assertTrue(j.item().driver());
        assertEquals("42", j.recipientId());
        assertEquals("DRIVER", j.recipientRole());
        assertEquals(new BigDecimal("31.5"), j.item().distanceKm());
        assertEquals(35, j.item().durationMinutes());
        // Middle of 08:45-09:15 against the middle of the searched 08:00-09:00.
        assertEquals(30, j.item().timeDifferenceMinutes());
    }

    @Test
    void a_url_without_scheme_gets_https_and_a_fixed_cost_wins_over_the_variable_one() throws Exception {
        String journey = PartnerSimulator.rdex12Journey("8", "1", 43.2965, 5.3698, 43.5297, 5.4474, DATE, "08:00:00",
                "08:30:00").replace("\"https://b.example.org/t/8\"", "\"b.example.org/t/8\"")
                .replace("\"fixed\":null", "\"fixed\":4.5");
        LiveJourney j = LiveAnswers.rdex12(json("[" + journey + "]"), search(null, SearchRequest.Frequency.ANY), "opb", 10)
                .get(0);
        assertEquals("https://b.example.org/t/8", j.item().url());
        assertEquals(new BigDecimal("4.50"), j.item().price());
    }

    @Test
    void drops_a_url_of_another_scheme_instead_of_completing_it_with_https() throws Exception {
        String base = PartnerSimulator.rdex12Journey("8", "1", 43.2965, 5.3698, 43.5297, 5.4474, DATE, "08:00:00",
                "08:30:00");
        for (String url : new String[] { "javascript:alert(1)", "JavaScript://%0aalert(1)", "data:text/html,<b>x</b>",
                "mailto:a@b.example", "ftp://b.example.org/t/8", "https://", "https://b.example.org/a|b" }) {
            LiveJourney j = LiveAnswers.rdex12(json("[" + base.replace("\"https://b.example.org/t/8\"",
                    JSON.writeValueAsString(url)) + "]"), search(null, SearchRequest.Frequency.ANY), "opb", 10).get(0);
            assertNull(j.item().url(), url);
        }
        for (String[] kept : new String[][] { { "b.example.org:8443/t/8", "https://b.example.org:8443/t/8" },
                { "HTTP://b.example.org/t/8", "HTTP://b.example.org/t/8" }, { "localhost/t", "https://localhost/t" } }) {
            LiveJourney j = LiveAnswers.rdex12(json("[" + base.replace("\"https://b.example.org/t/8\"",
                    JSON.writeValueAsString(kept[0])) + "]"), search(null, SearchRequest.Frequency.ANY), "opb", 10).get(0);
            assertEquals(kept[1], j.item().url(), kept[0]);
        }
    }

    @Test
    void skips_journeys_without_uuid_coordinates_or_the_searched_role() throws Exception {
        String base = PartnerSimulator.rdex12Journey("9", "1", 43.2965, 5.3698, 43.5297, 5.4474, DATE, "08:00:00",
                "08:30:00");
        String noUuid = base.replace("\"uuid\":\"9\"", "\"uuid\":null");
        String noLat = base.replace("\"latitude\":43.2965", "\"latitude\":\"north\"");
        List<LiveJourney> out = LiveAnswers.rdex12(json("[" + noUuid + "," + noLat + "," + base + "]"),
                search(null, SearchRequest.Frequency.ANY), "opb", 10);
        assertEquals(List.of("9"), out.stream().map(j -> j.item().uuid()).toList());
        assertEquals(0, LiveAnswers.rdex12(json("[" + base + "]"), search(SearchRequest.Role.PASSENGER,
                SearchRequest.Frequency.ANY), "opb", 10).size());
        assertEquals(0, LiveAnswers.rdex12(json("[" + base + "]"), search(null, SearchRequest.Frequency.REGULAR), "opb",
                10).size());
    }

    @Test
    void maps_a_regular_rdex12_journey_day_by_day() throws Exception {
        String day = DATE.getDayOfWeek().name().toLowerCase();
        String regular = """
                [{"journeys":{"uuid":"r1","operator":"b","origin":"b.example.org","url":null,
                "driver":{"uuid":"5","alias":"Max","state":1,"seats":2},"passenger":{"uuid":"5","state":0},
                "from":{"city":"Marseille","latitude":43.2965,"longitude":5.3698},
                "to":{"city":"Aix","latitude":43.5297,"longitude":5.4474},"frequency":"regular",
                "outward":{"mindate":"2099-01-01","maxdate":"2099-12-31","%s":{"mintime":"08:00:00","maxtime":"08:20:00"}},
                "return":{"%s":{"mintime":"17:30:00","maxtime":"18:00:00"}}}}]""".formatted(day, day);
        LiveJourney j = LiveAnswers.rdex12(json(regular), search(null, SearchRequest.Frequency.ANY), "opb", 10).get(0);
        assertEquals("regular", j.item().frequency());
        assertNull(j.item().punctual());
        assertEquals(Map.of("depMin", "08:00", "depMax", "08:20", "retMin", "17:30", "retMax", "18:00"),
                j.item().regular().get(day));
        assertEquals(LocalDate.of(2099, 12, 31), j.item().validTo());
    }

    @Test
    void refuses_answers_that_are_not_the_documented_array() throws Exception {
        SearchRequest r = search(null, SearchRequest.Frequency.ANY);
        assertThrows(PartnerHttp.BadAnswer.class, () -> LiveAnswers.rdex12(json("{\"error\":{}}"), r, "p", 10));
        assertThrows(PartnerHttp.BadAnswer.class, () -> LiveAnswers.rdex12(json("[{\"nojourneys\":1}]"), r, "p", 10));
        assertThrows(PartnerHttp.BadAnswer.class, () -> LiveAnswers.standard(json("[1]"), r, "p", true, PARIS, 10));
    }

    @Test
    void reads_standard_pickup_times_in_the_journeys_zone_and_keeps_the_searched_window() throws Exception {
        String in = PartnerSimulator.standardJourney("s1", "d1", 43.2965, 5.3698, 43.5297, 5.4474, DATE, "08:20");
        String out = PartnerSimulator.standardJourney("s2", "d2", 43.2965, 5.3698, 43.5297, 5.4474, DATE, "10:20");
        List<LiveJourney> found = LiveAnswers.standard(json("[" + in + "," + out + "]"),
                search(null, SearchRequest.Frequency.ANY), "ops", false, PARIS, 10);
        assertEquals(1, found.size());
        LiveJourney j = found.get(0);
        assertEquals(LocalTime.of(8, 20), j.item().punctual().minTime());
        assertTrue(j.item().passenger() && !j.item().driver());
        assertEquals("PASSENGER", j.recipientRole());
        assertEquals("b.example.org", j.item().site());
    }

    @Test
    void caps_the_journeys_kept_from_one_answer() throws Exception {
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            many.append(i == 0 ? "" : ",").append(PartnerSimulator.standardJourney("m" + i, "d", 43.2965, 5.3698, 43.5297,
                    5.4474, DATE, "08:20"));
        }
        assertEquals(5, LiveAnswers.standard(json(many.append("]").toString()), search(null, SearchRequest.Frequency.ANY),
                "ops", true, PARIS, 5).size());
    }

    @Test
    void skips_a_journey_with_a_value_beyond_its_field_limit_and_keeps_the_others() throws Exception {
        String base = PartnerSimulator.rdex12Journey("10", "1", 43.2965, 5.3698, 43.5297, 5.4474, DATE, "08:00:00",
                "08:30:00");
        String fatPostal = base.replace("\"uuid\":\"10\"", "\"uuid\":\"11\"")
                .replace("\"postalcode\":\"13001\"", "\"postalcode\":\"" + "1".repeat(65_000) + "\"");
        String fatOperator = base.replace("\"uuid\":\"10\"", "\"uuid\":\"12\"")
                .replace("\"operator-b\"", "\"" + "o".repeat(254) + "\"");
        String fatAlias = base.replace("\"uuid\":\"10\"", "\"uuid\":\"13\"")
                .replace("\"Camille D.\"", "\"" + "c".repeat(201) + "\"");
        List<LiveJourney> out = LiveAnswers.rdex12(json("[" + fatPostal + "," + fatOperator + "," + fatAlias + ","
                + base + "]"), search(null, SearchRequest.Frequency.ANY), "opb", 10);
        assertEquals(List.of("10"), out.stream().map(j -> j.item().uuid()).toList());

        String driver = PartnerSimulator.standardJourney("20", "d", 43.2965, 5.3698, 43.5297, 5.4474, DATE, "08:30");
        String fatAddress = driver.replace("\"id\":\"20\"", "\"id\":\"21\"")
                .replace("Gare Saint-Charles", "g".repeat(65_000));
        String fatUrl = driver.replace("\"id\":\"20\"", "\"id\":\"22\"")
                .replace("https://b.example.org/j/", "https://b.example.org/" + "u".repeat(2100));
        List<LiveJourney> standard = LiveAnswers.standard(json("[" + fatAddress + "," + fatUrl + "," + driver + "]"),
                search(null, SearchRequest.Frequency.ANY), "opb", true, PARIS, 10);
        assertEquals(List.of("20"), standard.stream().map(j -> j.item().uuid()).toList());
    }
}
