package org.rdex.server.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rdex.server.imports.ImportService;
import org.rdex.server.partner.ImportReport;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.support.ServerTestBase;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * Search over own journeys (pushed through the platform API) and a partner's (imported), in areas of the
 * oceans no other test uses: origin S (10, -30), destination D about 55 km north; for return legs home H
 * (20, -40) and work W about 45 km north; across the antimeridian near (-17, +-180).
 */
@QuarkusTest
class SearchTest extends ServerTestBase {

    private static final double S_LAT = 10.0, S_LON = -30.0, D_LAT = 10.5, D_LON = -30.0;
    /** About one kilometre of latitude. */
    private static final double KM = 1 / 111.2;
    private static final double H_LAT = 20.0, H_LON = -40.0, W_LAT = 20.4, W_LON = -40.0;
    /** A Monday at least a week ahead. */
    private static final LocalDate MONDAY = LocalDate.now().plusDays(7).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    private static boolean loaded;

    @Inject
    PartnerService partners;
    @Inject
    ImportService imports;

    @BeforeEach
    void load() throws Exception {
        if (loaded) {
            return;
        }
        own("own-near", S_LAT + KM, D_LAT + KM, "driver", MONDAY, "08:00", "08:30");
        own("own-other-date", S_LAT, D_LAT, "driver", MONDAY.plusDays(1), "08:00", "08:30");
        own("own-passenger", S_LAT, D_LAT, "passenger", MONDAY, "08:00", "08:30");
        own("own-out-of-radius", S_LAT - 15 * KM, D_LAT, "driver", MONDAY, "08:00", "08:30");

        String file = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><document><title>t</title>"
                + partner("p-far", S_LAT + 5 * KM, D_LAT - 4 * KM, LocalDate.now(), MONDAY.plusDays(1),
                        punctual(MONDAY, "08:00", "08:30"))
                + partner("p-late", S_LAT + KM, D_LAT + KM, LocalDate.now(), MONDAY.plusDays(1),
                        punctual(MONDAY, "10:00", "10:30"))
                + partner("p-regular", S_LAT, D_LAT, LocalDate.now(), MONDAY.plusDays(60),
                        "<regular><monday><depmintime>07:30</depmintime><depmaxtime>08:00</depmaxtime></monday>"
                                + "<wednesday><depmintime>07:30</depmintime><depmaxtime>08:00</depmaxtime></wednesday>"
                                + "</regular>")
                + partner("p-regular-evening", S_LAT, D_LAT, LocalDate.now(), MONDAY.plusDays(60),
                        "<regular><monday><depmintime>18:00</depmintime><depmaxtime>18:30</depmaxtime></monday></regular>")
                + partner("p-regular-ended", S_LAT, D_LAT, LocalDate.now(), MONDAY.minusDays(1),
                        "<regular><monday><depmintime>07:30</depmintime><depmaxtime>08:00</depmaxtime></monday></regular>")
                + partner("p-regular-later", S_LAT, D_LAT, MONDAY.plusDays(7), MONDAY.plusDays(60),
                        "<regular><monday><depmintime>07:30</depmintime><depmaxtime>08:00</depmaxtime></monday></regular>")
                // Home to work on weekdays, back in the evening on Monday only.
                + partner("p-commute", "H", H_LAT, H_LON, "W", W_LAT, W_LON, LocalDate.now(), MONDAY.plusDays(60),
                        "<regular><monday><depmintime>07:30</depmintime><depmaxtime>08:00</depmaxtime>"
                                + "<retmintime>17:30</retmintime><retmaxtime>18:00</retmaxtime></monday>"
                                + "<tuesday><depmintime>07:30</depmintime><depmaxtime>08:00</depmaxtime></tuesday>"
                                + "</regular>")
                // From just west of the antimeridian to just east of it, 65 km south.
                + partner("p-dateline", "X", -17.0, 179.97, "Y", -17.6, -179.96, LocalDate.now(), MONDAY.plusDays(1),
                        punctual(MONDAY, "09:00", "09:30"))
                + "</document>";
        Path path = Files.createTempFile("search-partner", ".xml");
        Files.writeString(path, file, StandardCharsets.UTF_8);
        partners.add(new NewPartner("search-partner", "searchco", null, List.of("search.example"), null, null));
        ImportReport report = imports.importPartner("search-partner", Optional.of(path), Optional.empty());
        assertEquals(8, report.accepted(), report.describe());
        ownRegular("own-commute", H_LAT + KM, W_LAT, "passenger", """
                "wednesday": {"depMin": "08:00", "depMax": "08:30", "retMin": "18:00", "retMax": "18:30"}""");
        loaded = true;
    }

    private static void own(String name, double fromLat, double toLat, String role, LocalDate date, String min,
            String max) {
        platform().contentType(ContentType.JSON).body("""
                {"from": {"city": "S", "insee": "99001", "lat": %s, "lon": %s},
                 "to": {"city": "D", "insee": "99002", "lat": %s, "lon": %s}, "distanceKm": 55, "durationMinutes": 50,
                 "role": "%s", "frequency": "punctual", "pseudonym": "alice", "url": "https://own.example/%s",
                 "punctual": {"date": "%s", "minTime": "%s", "maxTime": "%s"}}"""
                .formatted(fromLat, S_LON, toLat, D_LON, role, name, date, min, max))
                .when().put("/api/v1/journeys/search-" + name).then().statusCode(201);
    }

    /** An own regular journey from near H to near W. */
    private static void ownRegular(String name, double fromLat, double toLat, String role, String days) {
        platform().contentType(ContentType.JSON).body("""
                {"from": {"city": "H", "insee": "99003", "lat": %s, "lon": %s},
                 "to": {"city": "W", "insee": "99004", "lat": %s, "lon": %s}, "distanceKm": 45, "durationMinutes": 40,
                 "role": "%s", "frequency": "regular", "pseudonym": "carol", "url": "https://own.example/%s",
                 "validFrom": "%s", "validTo": "%s", "regular": {%s}}"""
                .formatted(fromLat, H_LON, toLat, W_LON, role, name, LocalDate.now(), MONDAY.plusDays(60), days))
                .when().put("/api/v1/journeys/search-" + name).then().statusCode(201);
    }

    private static String punctual(LocalDate date, String min, String max) {
        return "<punctual><date>" + date + "</date><mintime>" + min + "</mintime><maxtime>" + max
                + "</maxtime></punctual>";
    }

    private static String partner(String name, double fromLat, double toLat, LocalDate from, LocalDate to,
            String schedule) {
        return partner(name, "S", fromLat, S_LON, "D", toLat, D_LON, from, to, schedule);
    }

    private static String partner(String name, String fromName, double fromLat, double fromLon, String toName,
            double toLat, double toLon, LocalDate from, LocalDate to, String schedule) {
        return "<journey><operator>searchco</operator><site>search.example</site><uuid>" + name + "</uuid>"
                + "<from><location>" + fromName + "</location><coords>" + fromLat + "," + fromLon + "</coords></from>"
                + "<to><location>" + toName + "</location><coords>" + toLat + "," + toLon + "</coords></to>"
                + "<url>https://search.example/" + name + "</url><name>bob</name><driver>1</driver>"
                + "<activefrom>" + from + "</activefrom><activeto>" + to + "</activeto>" + schedule + "</journey>";
    }

    private static ValidatableResponse search(Map<String, Object> extra) {
        return search(S_LAT, S_LON, D_LAT, D_LON, extra);
    }

    /** {@code toLat} null: no destination. */
    private static ValidatableResponse search(double fromLat, double fromLon, Double toLat, Double toLon,
            Map<String, Object> extra) {
        var request = platform().queryParam("fromLat", fromLat)
                .queryParam("fromLon", fromLon);
        if (toLat != null) {
            request = request.queryParam("toLat", toLat).queryParam("toLon", toLon);
        }
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            request = request.queryParam(e.getKey(), String.valueOf(e.getValue()));
        }
        return request.when().get("/api/v1/journeys/search").then().log().ifValidationFails().statusCode(200);
    }

    private static List<String> names(Map<String, Object> extra) {
        return names(search(extra));
    }

    /** Name and leg of each result, from work W towards home H. */
    private static List<String> workToHome(Map<String, Object> extra) {
        return legs(search(W_LAT, W_LON, H_LAT, H_LON, extra));
    }

    private static List<String> names(ValidatableResponse response) {
        List<String> urls = response.extract().jsonPath().getList("results.url", String.class);
        return urls.stream().map(u -> u.substring(u.lastIndexOf('/') + 1)).toList();
    }

    private static List<String> legs(ValidatableResponse response) {
        List<String> names = names(response);
        List<String> legs = response.extract().jsonPath().getList("results.leg", String.class);
        return java.util.stream.IntStream.range(0, names.size()).mapToObj(i -> names.get(i) + " " + legs.get(i))
                .toList();
    }

    @Test
    void finds_punctual_and_regular_journeys_on_the_date_and_window_ordered_by_detour() {
        assertEquals(List.of("p-regular", "own-near", "p-far"),
                names(Map.of("date", MONDAY, "timeFrom", "07:00", "timeTo", "09:00", "role", "driver")));
    }

    @Test
    void regular_journeys_match_only_their_weekdays_within_validity() {
        assertEquals(List.of("own-other-date"), names(Map.of("date", MONDAY.plusDays(1), "timeFrom", "07:00",
                "timeTo", "09:00")));
        assertEquals(List.of("p-regular"), names(Map.of("date", MONDAY.plusDays(2), "timeFrom", "07:00",
                "timeTo", "09:00")));
        assertEquals(List.of("p-regular"), names(Map.of("dateFrom", MONDAY, "dateTo", MONDAY.plusDays(6),
                "days", "wednesday,sunday", "timeFrom", "07:00", "timeTo", "09:00")));
        assertEquals(List.of("p-regular-evening"), names(Map.of("date", MONDAY, "timeFrom", "17:00",
                "timeTo", "19:00", "frequency", "regular")));
    }

    @Test
    void radius_role_and_frequency_narrow_the_results() {
        assertEquals(List.of("p-regular", "own-near", "p-far", "own-out-of-radius"), names(Map.of("date", MONDAY,
                "timeFrom", "07:00", "timeTo", "09:00", "role", "driver", "fromRadiusKm", 20)));
        assertEquals(List.of("own-passenger"), names(Map.of("date", MONDAY, "timeFrom", "07:00",
                "timeTo", "09:00", "role", "passenger")));
        assertEquals(List.of("p-regular"), names(Map.of("date", MONDAY, "timeFrom", "07:00", "timeTo", "09:00",
                "frequency", "regular")));
        assertEquals(List.of("own-near"), names(Map.of("date", MONDAY, "timeFrom", "07:00", "timeTo", "09:00",
                "frequency", "punctual", "role", "driver", "toRadiusKm", 2)));
    }

    @Test
    void equal_detours_are_ordered_by_time_difference() {
        assertEquals(List.of("p-regular", "own-near", "p-late", "p-far"),
                names(Map.of("date", MONDAY, "timeFrom", "07:00", "timeTo", "11:00", "role", "driver")));
    }

    @Test
    void results_say_whose_journey_it_is_and_page() {
        search(Map.of("date", MONDAY, "timeFrom", "07:00", "timeTo", "09:00", "role", "driver", "size", 1, "page", 2))
                .body("hasMore", is(true))
                .body("results.size()", is(1))
                .body("results[0].url", is("https://own.example/own-near"))
                .body("results[0].partner", is(false))
                .body("results[0].operator", is("demo-operator"));
        search(Map.of("date", MONDAY, "timeFrom", "07:00", "timeTo", "09:00", "role", "driver", "size", 1))
                .body("results[0].uuid", is("p-regular"))
                .body("results[0].partner", is(true))
                .body("results[0].partnerName", is("search-partner"))
                .body("results[0].site", is("search.example"))
                .body("results[0].frequency", is("regular"))
                // Rebuilt from the window arrays: the import stores no schedule text for it.
                .body("results[0].regular", is(Map.of("monday", Map.of("depMin", "07:30", "depMax", "08:00"),
                        "wednesday", Map.of("depMin", "07:30", "depMax", "08:00"))))
                .body("results[0].detourKm", is(0.0f));
        search(Map.of("date", MONDAY, "timeFrom", "07:00", "timeTo", "09:00", "role", "driver", "size", 5, "page", 2))
                .body("hasMore", is(false)).body("results.size()", is(0));
    }

    @Test
    void finds_return_leg_of_regular_journey_with_places_as_travelled() {
        search(W_LAT, W_LON, H_LAT, H_LON, Map.of("date", MONDAY, "timeFrom", "17:00", "timeTo", "19:00"))
                .body("results.size()", is(1))
                .body("results[0].uuid", is("p-commute"))
                .body("results[0].leg", is("return"))
                .body("results[0].from.location", is("W"))
                .body("results[0].from.lat", is((float) W_LAT))
                .body("results[0].from.distanceKm", is(0.0f))
                .body("results[0].to.location", is("H"))
                .body("results[0].to.lat", is((float) H_LAT))
                .body("results[0].regular.monday.retMin", is("17:30"))
                .body("results[0].regular.monday.depMin", is("07:30"))
                // 18:00 against the return window's middle, 17:45.
                .body("results[0].timeDifferenceMinutes", is(15));
    }

    @Test
    void return_leg_matches_only_within_its_window_on_a_day_it_runs() {
        assertEquals(List.of(), workToHome(Map.of("date", MONDAY, "timeFrom", "18:30", "timeTo", "21:00")));
        // Tuesday has an outward window only; Sunday nothing.
        assertEquals(List.of(), workToHome(Map.of("date", MONDAY.plusDays(1), "timeFrom", "17:00", "timeTo", "19:00")));
        assertEquals(List.of(), workToHome(Map.of("date", MONDAY.plusDays(6), "timeFrom", "17:00", "timeTo", "19:00")));
        // The outward window (07:30) does not serve the trip back.
        assertEquals(List.of(), workToHome(Map.of("date", MONDAY, "timeFrom", "07:00", "timeTo", "09:00")));
        assertEquals(List.of(), workToHome(Map.of("date", MONDAY, "timeFrom", "17:00", "timeTo", "19:00",
                "frequency", "punctual")));
    }

    @Test
    void finds_return_leg_of_own_regular_journey_and_over_a_date_range() {
        assertEquals(List.of("own-commute return"), workToHome(Map.of("date", MONDAY.plusDays(2), "timeFrom", "18:00",
                "timeTo", "19:00")));
        // Both 15 minutes off 18:00; own-commute's arrival is a kilometre from H.
        assertEquals(List.of("p-commute return", "own-commute return"), workToHome(Map.of("dateFrom", MONDAY,
                "dateTo", MONDAY.plusDays(6), "timeFrom", "17:00", "timeTo", "19:00")));
    }

    @Test
    void outward_leg_still_matches_the_departure_window() {
        assertEquals(List.of("p-commute outward"), legs(search(H_LAT, H_LON, W_LAT, W_LON,
                Map.of("date", MONDAY, "timeFrom", "07:00", "timeTo", "09:00"))));
        assertEquals(List.of("p-commute outward"), legs(search(H_LAT, H_LON, W_LAT, W_LON,
                Map.of("date", MONDAY.plusDays(1), "timeFrom", "07:00", "timeTo", "09:00"))));
        assertEquals(List.of(), legs(search(H_LAT, H_LON, W_LAT, W_LON,
                Map.of("date", MONDAY, "timeFrom", "17:00", "timeTo", "19:00"))));
    }

    @Test
    void without_a_destination_a_return_leg_departs_from_the_journeys_destination() {
        assertEquals(List.of("p-commute return"), legs(search(W_LAT, W_LON, null, null,
                Map.of("date", MONDAY, "timeFrom", "17:00", "timeTo", "19:00"))));
        assertEquals(List.of("p-commute outward"), legs(search(H_LAT, H_LON, null, null,
                Map.of("date", MONDAY, "timeFrom", "07:00", "timeTo", "09:00"))));
        assertEquals(List.of(), legs(search(H_LAT, H_LON, null, null,
                Map.of("date", MONDAY, "timeFrom", "17:00", "timeTo", "19:00"))));
    }

    @Test
    void punctual_results_are_outward_legs() {
        search(Map.of("date", MONDAY, "timeFrom", "07:00", "timeTo", "09:00", "frequency", "punctual", "role",
                "driver")).body("results.leg", everyItem(is("outward")))
                .body("results.uuid", hasItems("p-far"))
                .body("results.find { it.uuid == 'p-far' }.timeDifferenceMinutes", is(15));
    }

    @Test
    void a_radius_across_the_antimeridian_finds_the_journey_on_the_other_side() {
        // Origin just east of -180, the journey's origin 3 km west of +180; destination the other way round.
        assertEquals(List.of("p-dateline outward"), legs(search(-17.0, -179.999, -17.6, 179.99,
                Map.of("date", MONDAY, "timeFrom", "08:00", "timeTo", "10:00"))));
        assertEquals(List.of("p-dateline outward"), legs(search(-17.0, -179.999, null, null, Map.of("date", MONDAY))));
        search(-17.0, -179.999, -17.6, 179.99, Map.of("date", MONDAY))
                .body("results[0].from.distanceKm", is(3.3f))
                .body("results[0].to.distanceKm", is(5.3f));
        assertEquals(List.of(), legs(search(-17.0, -179.9, null, null, Map.of("date", MONDAY, "fromRadiusKm", 5))));
    }

    @Test
    void requires_the_platform_token_and_valid_parameters() {
        given().queryParam("fromLat", S_LAT).queryParam("fromLon", S_LON).when().get("/api/v1/journeys/search")
                .then().statusCode(401).body("error.name", is("access_denied"));
        platform().queryParam("fromLat", 95).queryParam("toLat", 1)
                .queryParam("date", "2025-02-30").queryParam("role", "pilot").queryParam("timeFrom", "10:00")
                .queryParam("timeTo", "09:00").queryParam("fromRadiusKm", 5000)
                .when().get("/api/v1/journeys/search").then().statusCode(400)
                .body("error.fields.field", hasItems("fromLat", "fromLon", "toLon", "date", "role", "timeTo",
                        "fromRadiusKm"));
        // The declared defaults stand for absent parameters only: an empty live is still refused.
        platform().queryParam("fromLat", S_LAT).queryParam("fromLon", S_LON).queryParam("live", "")
                .when().get("/api/v1/journeys/search").then().statusCode(400).body("error.field", is("live"));
        // Only the first value of a repeated parameter counts.
        platform().queryParam("fromLat", S_LAT, "north").queryParam("fromLon", S_LON)
                .when().get("/api/v1/journeys/search").then().statusCode(200);
    }
}
