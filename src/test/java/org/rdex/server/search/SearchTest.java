package org.rdex.server.search;

import static io.restassured.RestAssured.given;
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
import org.rdex.server.imports.ImportReport;
import org.rdex.server.imports.ImportService;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * Search over own journeys (pushed through the platform API) and a partner's (imported), in an area of
 * the Atlantic no other test uses: origin S (10, -30), destination D about 55 km north.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class SearchTest {

    private static final String TOKEN = "Bearer test-platform-token";
    private static final double S_LAT = 10.0, S_LON = -30.0, D_LAT = 10.5, D_LON = -30.0;
    /** About one kilometre of latitude. */
    private static final double KM = 1 / 111.2;
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
                + "</document>";
        Path path = Files.createTempFile("search-partner", ".xml");
        Files.writeString(path, file, StandardCharsets.UTF_8);
        partners.add(new NewPartner("search-partner", "searchco", null, List.of("search.example"), null, null));
        ImportReport report = imports.importPartner("search-partner", Optional.of(path), Optional.empty());
        assertEquals(6, report.accepted(), report.describe());
        loaded = true;
    }

    private static void own(String name, double fromLat, double toLat, String role, LocalDate date, String min,
            String max) {
        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body("""
                {"from": {"city": "S", "insee": "99001", "lat": %s, "lon": %s},
                 "to": {"city": "D", "insee": "99002", "lat": %s, "lon": %s}, "distanceKm": 55, "durationMinutes": 50,
                 "role": "%s", "frequency": "punctual", "pseudonym": "alice", "url": "https://own.example/%s",
                 "punctual": {"date": "%s", "minTime": "%s", "maxTime": "%s"}}"""
                .formatted(fromLat, S_LON, toLat, D_LON, role, name, date, min, max))
                .when().put("/api/v1/journeys/search-" + name).then().statusCode(201);
    }

    private static String punctual(LocalDate date, String min, String max) {
        return "<punctual><date>" + date + "</date><mintime>" + min + "</mintime><maxtime>" + max
                + "</maxtime></punctual>";
    }

    private static String partner(String name, double fromLat, double toLat, LocalDate from, LocalDate to,
            String schedule) {
        return "<journey><operator>searchco</operator><site>search.example</site><uuid>" + name + "</uuid>"
                + "<from><location>S</location><coords>" + fromLat + "," + S_LON + "</coords></from>"
                + "<to><location>D</location><coords>" + toLat + "," + D_LON + "</coords></to>"
                + "<url>https://search.example/" + name + "</url><name>bob</name><driver>1</driver>"
                + "<activefrom>" + from + "</activefrom><activeto>" + to + "</activeto>" + schedule + "</journey>";
    }

    private static ValidatableResponse search(Map<String, Object> extra) {
        var request = given().header("Authorization", TOKEN).queryParam("fromLat", S_LAT).queryParam("fromLon", S_LON)
                .queryParam("toLat", D_LAT).queryParam("toLon", D_LON);
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            request = request.queryParam(e.getKey(), String.valueOf(e.getValue()));
        }
        return request.when().get("/api/v1/journeys/search").then().log().ifValidationFails().statusCode(200);
    }

    private static List<String> names(Map<String, Object> extra) {
        List<String> urls = search(extra).extract().jsonPath().getList("results.url", String.class);
        return urls.stream().map(u -> u.substring(u.lastIndexOf('/') + 1)).toList();
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
                .body("results[0].regular.monday.depMin", is("07:30"))
                .body("results[0].detourKm", is(0.0f));
        search(Map.of("date", MONDAY, "timeFrom", "07:00", "timeTo", "09:00", "role", "driver", "size", 5, "page", 2))
                .body("hasMore", is(false)).body("results.size()", is(0));
    }

    @Test
    void requires_the_platform_token_and_valid_parameters() {
        given().queryParam("fromLat", S_LAT).queryParam("fromLon", S_LON).when().get("/api/v1/journeys/search")
                .then().statusCode(401).body("error.name", is("access_denied"));
        given().header("Authorization", TOKEN).queryParam("fromLat", 95).queryParam("toLat", 1)
                .queryParam("date", "2025-02-30").queryParam("role", "pilot").queryParam("timeFrom", "10:00")
                .queryParam("timeTo", "09:00").queryParam("fromRadiusKm", 5000)
                .when().get("/api/v1/journeys/search").then().statusCode(400)
                .body("error.fields.field", hasItems("fromLat", "fromLon", "toLon", "date", "role", "timeTo",
                        "fromRadiusKm"));
    }
}
