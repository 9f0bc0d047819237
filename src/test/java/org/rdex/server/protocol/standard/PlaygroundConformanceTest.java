package org.rdex.server.protocol.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdex.server.support.ProtocolFixtures.count;
import static org.rdex.server.support.ProtocolFixtures.httpsPort;
import static org.rdex.server.support.ProtocolFixtures.journey;
import static org.rdex.server.support.ProtocolFixtures.key;
import static org.rdex.server.support.ProtocolFixtures.partner;
import static org.rdex.server.support.ProtocolFixtures.unique;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rdex.server.support.PostgresResource;
import org.rdex.server.support.TrustAllTls;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The peer-shaped conformance layer of our standard-covoiturage server: a Java port of the test cases and
 * assertions of the Fabrique des Mobilités' playground (github.com/fabmob/playground-standard-covoiturage,
 * read at eb829ba), the tool partners use to check a server. It calls us the way the playground does, not the
 * way our own client does: Java's {@link HttpClient} over TLS, which negotiates HTTP/2 by ALPN as Go's client
 * does, with {@code X-API-Key} and {@code Content-Type: application/json} on every request and the query
 * parameters the playground's generated commands send.
 *
 * <p>Where things come from in the playground:
 * <ul>
 * <li>the cases and their data: {@code cmd/service/api_test.go} ({@code tripTestCases}: No data, Departure
 * radius 1-4, Arrival radius 1-4, Count 1-4; {@code journeyScheduleTestCases}: TimeDelta 1-3;
 * {@code TestPostMessage}), its coordinates (reference point, points at 900 m, 1100 m and 2100 m, {@code 0,0}
 * where a place does not matter) and one week per case ({@code commands_file_generation.go});</li>
 * <li>the requests: {@code cmd/test/commands/testCommands.gen.sh} ({@code --expectNonEmpty},
 * {@code --expectResponseCode});</li>
 * <li>which assertions run on which route: {@code cmd/test/test_implementation.go};</li>
 * <li>the assertions: {@code cmd/test/assert/assertion_implementation.go} and {@code helpers.go} (haversine
 * with R = 6371 km and a 1 % margin, {@code timeDelta} with its 900 s default and no margin, {@code count},
 * unique ids, {@code operator} a bare host); the format check, {@code validate_format.go} (kin-openapi),
 * here {@link StandardSchema#format} over networknt's validator and the reference OpenAPI document.</li>
 * </ul>
 *
 * <p>Adapted, and why: the playground's data sit in 1970 weeks, ours in weeks of 2093 (a journey in the past
 * is not searchable), one week per case as there; its pickup at a week's start is ours at 08:00 (Paris) on
 * that week's first day, so that a time window never crosses midnight. A regular trip of ours runs on one
 * day of its case's week and is valid that day only, so that a case's one-week window (whose last day is the
 * next case's first) never sees the next case's trip. The playground runs fewer assertions on
 * {@code /passenger_regular_trips} (format, status, non-empty) and {@code /driver_regular_trips} (no
 * {@code timeDelta}, no unique ids); we run every assertion that applies to a route's answer on all four.
 * Beyond the playground, each case also checks that the trip it expects is among those returned and the one
 * it excludes is not (other tests' data may share the database, so no case asks for exactly one list).
 * Messages: the playground's users are ids in its own store; ours are our journeys' uuids, and the sender's
 * operator must be a site of the calling partner, so the partner here publishes under the playground's
 * {@code default.operator.com}.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class PlaygroundConformanceTest {

    /** A place, in decimal degrees. */
    record Coord(double lat, double lng) {
    }

    // The playground's places (api_test.go); the reference as its generated requests send it (float32).
    static final Coord QUERY_REF = new Coord(46.160454, -1.2219607);
    static final Coord AT_900M = new Coord(46.1613442, -1.2103736);
    static final Coord AT_1100M = new Coord(46.1613679, -1.2086563);
    static final Coord AT_2100M = new Coord(46.1649225, -1.1954497);
    static final Coord IGNORE = new Coord(0, 0);

    static final String PARTNER_SITE = "default.operator.com";
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final LocalDate FIRST_WEEK = LocalDate.of(2093, 1, 5);
    static final long WEEK = 604_800;
    /** The week of the messages' journeys, after every search case's. */
    static final int MESSAGES_WEEK = 4 * 16;

    enum Route {
        DRIVER_JOURNEYS("/driver_journeys", "driver", false),
        PASSENGER_JOURNEYS("/passenger_journeys", "passenger", false),
        DRIVER_REGULAR_TRIPS("/driver_regular_trips", "driver", true),
        PASSENGER_REGULAR_TRIPS("/passenger_regular_trips", "passenger", true);

        final String path;
        final String role;
        final boolean regular;

        Route(String path, String role, boolean regular) {
            this.path = path;
            this.role = role;
            this.regular = regular;
        }
    }

    static HttpClient client;
    String apiKey;

    @BeforeAll
    static void peerClient() throws GeneralSecurityException {
        // Go's net/http negotiates h2 by ALPN over TLS; so does this client. Loopback only.
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(TrustAllTls.context())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @BeforeEach
    void partnerKey() {
        apiKey = key(partner(unique("playground"), PARTNER_SITE), "127.0.0.1", "::1").getString("key");
    }

    // --- The week of a case, its request, its data --------------------------------------------------------

    /** A case's own week: case {@code n} of a route. */
    static int week(Route route, int n) {
        return route.ordinal() * 16 + n;
    }

    static LocalDate firstDay(int week) {
        return FIRST_WEEK.plusWeeks(week);
    }

    /** The week's start, the playground's {@code departureDate} and {@code minDepartureDate}. */
    static long weekStart(int week) {
        return firstDay(week).atTime(8, 0).atZone(ZONE).toEpochSecond();
    }

    /**
     * The playground's request of a case (NewGetDriverJourneysParams and the generated commands): both places,
     * both radii, {@code timeDelta} 900, and the week (journeys: {@code departureDate}; regular trips:
     * {@code departureTimeOfDay} 08:00:00 and a one-week {@code minDepartureDate}/{@code maxDepartureDate}).
     */
    static Map<String, String> request(Route route, int week, Coord departure, Coord arrival) {
        Map<String, String> q = new TreeMap<>();
        q.put("departureLat", num(departure.lat()));
        q.put("departureLng", num(departure.lng()));
        q.put("arrivalLat", num(arrival.lat()));
        q.put("arrivalLng", num(arrival.lng()));
        q.put("departureRadius", "1");
        q.put("arrivalRadius", "1");
        q.put("timeDelta", "900");
        if (route.regular) {
            q.put("departureTimeOfDay", "08:00:00");
            q.put("minDepartureDate", Long.toString(weekStart(week)));
            q.put("maxDepartureDate", Long.toString(weekStart(week) + WEEK));
        } else {
            q.put("departureDate", Long.toString(weekStart(week)));
        }
        return q;
    }

    static Map<String, String> with(Map<String, String> q, String name, String value) {
        q.put(name, value);
        return q;
    }

    /**
     * A trip of the route's kind in the case's week, picked up at {@code pickup} and dropped at {@code drop},
     * {@code seconds} after the week's start (punctual) or at 08:00 on the week's third day (regular); returns
     * its uuid, the {@code id} of its driver or passenger in our answers.
     */
    static String trip(Route route, int week, Coord pickup, Coord drop, int seconds) {
        String place = """
                "from": {"city": "Départ", "insee": "17300", "lat": %s, "lon": %s},
                "to": {"city": "Arrivée", "insee": "17299", "lat": %s, "lon": %s},
                "role": "%s", "distanceKm": 12.5, "durationMinutes": 20, "pseudonym": "bob",
                "url": "https://covoiturage.example.org/trajets/1", "seats": 3, "price": 2,
                "owner": {"ref": "user-1", "email": "bob@example.org"}
                """.formatted(pickup.lat(), pickup.lng(), drop.lat(), drop.lng(), route.role);
        String json;
        if (route.regular) {
            LocalDate day = firstDay(week).plusDays(2);
            json = """
                    {%s, "frequency": "regular", "validFrom": "%s", "validTo": "%s",
                     "regular": {"%s": {"depMin": "08:00", "depMax": "08:00"}}}
                    """.formatted(place, day, day, day.getDayOfWeek().name().toLowerCase(Locale.ROOT));
        } else {
            String time = LocalTime.of(8, 0).plusSeconds(seconds).toString();
            time = time.length() == 5 ? time + ":00" : time;
            json = """
                    {%s, "frequency": "punctual", "punctual": {"date": "%s", "minTime": "%s", "maxTime": "%s"}}
                    """.formatted(place, firstDay(week), time, time);
        }
        return journey(unique("playground"), json);
    }

    // --- The playground's client and assertions ---------------------------------------------------------

    /** One answer, as the playground's assertions read it. */
    record Answer(int status, String contentType, String body, HttpClient.Version version) {
    }

    Answer call(String method, String path, Map<String, String> query, String body) {
        return call(method, path, query, body, List.of(apiKey));
    }

    /** {@code keyLines}: the {@code X-API-Key} lines sent (the playground sends one, empty by default). */
    Answer call(String method, String path, Map<String, String> query, String body, List<String> keyLines) {
        StringBuilder url = new StringBuilder("https://localhost:" + httpsPort() + "/standard/v1" + path);
        String sep = "?";
        for (Map.Entry<String, String> p : query.entrySet()) {
            url.append(sep).append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            sep = "&";
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        keyLines.forEach(k -> builder.header("X-API-Key", k));
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), response.version());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * A search, checked as the playground checks it: format (status declared, JSON content type, body valid
     * against the reference document), status 200, {@code Content-Type} containing {@code application/json},
     * not empty when {@code expectNonEmpty}, then departure and arrival radius, {@code timeDelta} (journeys),
     * {@code count}, unique ids and {@code operator}. Returns the items.
     */
    List<Map<String, Object>> search(Route route, Map<String, String> q, boolean expectNonEmpty) {
        Answer answer = call("GET", route.path, q, null);
        String where = route.path + " " + q + " -> " + answer.status() + " " + answer.body();
        assertEquals(HttpClient.Version.HTTP_2, answer.version(), "the peer's client speaks HTTP/2");
        assertEquals(List.of(), StandardSchema.format(route.path, "get", answer.status(), answer.contentType(),
                answer.body()), "format: " + where);
        assertEquals(200, answer.status(), where);
        assertTrue(answer.contentType() != null && answer.contentType().contains("application/json"), where);
        List<Map<String, Object>> items = JsonPath.from(answer.body()).getList("$");
        if (expectNonEmpty) {
            assertFalse(items.isEmpty(), "empty response not accepted with expectNonEmpty: " + where);
        }
        assertRadius(q, items, "departure", "passengerPickup", where);
        assertRadius(q, items, "arrival", "passengerDrop", where);
        if (!route.regular) {
            long delta = q.containsKey("timeDelta") ? Long.parseLong(q.get("timeDelta")) : 900;
            long date = Long.parseLong(q.get("departureDate"));
            for (Map<String, Object> item : items) {
                long pickup = ((Number) item.get("passengerPickupDate")).longValue();
                assertTrue(Math.abs(pickup - date) <= delta, "timeDelta: " + item + " in " + where);
            }
        }
        if (q.containsKey("count")) {
            assertTrue(items.size() <= Integer.parseInt(q.get("count")), "count: " + where);
        }
        Set<Object> ids = new HashSet<>();
        for (Map<String, Object> item : items) {
            if (item.get("id") != null) {
                assertTrue(ids.add(item.get("id")), "IDs should be unique: " + where);
            }
            assertTrue(StandardConformanceTest.bareHostName((String) item.get("operator")),
                    "operator: " + item.get("operator") + " in " + where);
        }
        return items;
    }

    /** The playground's radius assertion: every item within radius x 1.01 km (haversine, R = 6371 km). */
    static void assertRadius(Map<String, String> q, List<Map<String, Object>> items, String end, String field,
            String where) {
        double radius = q.containsKey(end + "Radius") ? Double.parseDouble(q.get(end + "Radius")) : 1;
        Coord asked = new Coord(Double.parseDouble(q.get(end + "Lat")), Double.parseDouble(q.get(end + "Lng")));
        for (Map<String, Object> item : items) {
            Coord given = new Coord(((Number) item.get(field + "Lat")).doubleValue(),
                    ((Number) item.get(field + "Lng")).doubleValue());
            assertTrue(haversineKm(given, asked) <= radius * 1.01,
                    "a journey does not comply to maximum '" + end + "Radius' distance: " + item + " in " + where);
        }
    }

    /** umahmood/haversine, which the playground uses: R = 6371 km. */
    static double haversineKm(Coord a, Coord b) {
        double lat1 = Math.toRadians(a.lat());
        double lat2 = Math.toRadians(b.lat());
        double dLat = lat2 - lat1;
        double dLng = Math.toRadians(b.lng()) - Math.toRadians(a.lng());
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLng / 2), 2);
        return 6371 * 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
    }

    static List<Object> ids(Route route, List<Map<String, Object>> items) {
        List<Object> ids = new ArrayList<>();
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            Map<String, Object> user = (Map<String, Object>) item.get(route.role);
            ids.add(user == null ? null : user.get("id"));
        }
        return ids;
    }

    static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    // --- The assertions themselves refuse what they must ----------------------------------------------------

    @Test
    void the_format_check_refuses_an_undeclared_status_a_wrong_content_type_and_a_bad_body() {
        assertEquals(List.of(), StandardSchema.format("/driver_journeys", "get", 200, "application/json;charset=UTF-8", "[]"));
        assertFalse(StandardSchema.format("/driver_journeys", "get", 404, "application/json", "{\"error\":\"x\"}").isEmpty());
        assertFalse(StandardSchema.format("/driver_journeys", "get", 200, "text/html", "[]").isEmpty());
        assertFalse(StandardSchema.format("/driver_journeys", "get", 200, "application/json", "[{}]").isEmpty());
        assertFalse(StandardSchema.format("/messages", "post", 400, "application/json", "{\"error\":1}").isEmpty());
        assertEquals(List.of(), StandardSchema.format("/messages", "post", 201, null, ""));
        assertEquals(List.of(), StandardSchema.format("/messages", "post", 404, "application/json", "{\"error\":\"x\"}"));
    }

    @Test
    void the_playgrounds_haversine_puts_its_points_where_its_cases_say() {
        // The "1100 m" point is 1030 m from the reference as requested: outside radius 1 by 2 % only, so a
        // server's distance must be close to the haversine's to pass both cases.
        assertEquals(0.898, haversineKm(AT_900M, QUERY_REF), 0.001);
        assertEquals(1.030, haversineKm(AT_1100M, QUERY_REF), 0.001);
        assertEquals(2.101, haversineKm(AT_2100M, QUERY_REF), 0.001);
        assertTrue(haversineKm(AT_1100M, QUERY_REF) > 1.01);
        assertTrue(haversineKm(AT_2100M, QUERY_REF) > 2.02);
    }

    // --- tripTestCases, on the four search routes --------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Route.class)
    void no_data(Route route) {
        // An empty result is fine, and so is any other that passes the assertions (data of other tests).
        search(route, request(route, week(route, 0), IGNORE, IGNORE), false);
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void departure_radius_1_to_4(Route route) {
        // Departure radius 1: radius 1, trips at 900 m and 1100 m; not empty (the 1100 m one is out).
        int w = week(route, 1);
        String near = trip(route, w, AT_900M, IGNORE, 0);
        String far = trip(route, w, AT_1100M, IGNORE, 0);
        List<Object> found = ids(route, search(route, request(route, w, QUERY_REF, IGNORE), true));
        assertTrue(found.contains(near) && !found.contains(far), found + " has " + near + ", not " + far);
        // Departure radius 2: radius 2, trips at 900 m and 2100 m.
        w = week(route, 2);
        near = trip(route, w, AT_900M, IGNORE, 0);
        far = trip(route, w, AT_2100M, IGNORE, 0);
        found = ids(route, search(route, with(request(route, w, QUERY_REF, IGNORE), "departureRadius", "2"), true));
        assertTrue(found.contains(near) && !found.contains(far), found + " has " + near + ", not " + far);
        // Departure radius 3: radius 1, only a trip at 1100 m.
        w = week(route, 3);
        far = trip(route, w, AT_1100M, IGNORE, 0);
        assertFalse(ids(route, search(route, request(route, w, QUERY_REF, IGNORE), false)).contains(far));
        // Departure radius 3 (the second, "#01" in the commands): radius 1, only a trip at 900 m.
        w = week(route, 4);
        near = trip(route, w, AT_900M, IGNORE, 0);
        assertTrue(ids(route, search(route, request(route, w, QUERY_REF, IGNORE), true)).contains(near));
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void arrival_radius_1_to_4(Route route) {
        // Arrival radius 1: radius 1, trips dropping at 900 m and 1100 m.
        int w = week(route, 5);
        String near = trip(route, w, IGNORE, AT_900M, 0);
        String far = trip(route, w, IGNORE, AT_1100M, 0);
        List<Object> found = ids(route, search(route, request(route, w, IGNORE, QUERY_REF), true));
        assertTrue(found.contains(near) && !found.contains(far), found + " has " + near + ", not " + far);
        // Arrival radius 2: radius 2, trips at 2100 m and 900 m.
        w = week(route, 6);
        far = trip(route, w, IGNORE, AT_2100M, 0);
        near = trip(route, w, IGNORE, AT_900M, 0);
        found = ids(route, search(route, with(request(route, w, IGNORE, QUERY_REF), "arrivalRadius", "2"), true));
        assertTrue(found.contains(near) && !found.contains(far), found + " has " + near + ", not " + far);
        // Arrival radius 3: radius 1, only 1100 m.
        w = week(route, 7);
        far = trip(route, w, IGNORE, AT_1100M, 0);
        assertFalse(ids(route, search(route, request(route, w, IGNORE, QUERY_REF), false)).contains(far));
        // Arrival radius 4: radius 1, only 900 m.
        w = week(route, 8);
        near = trip(route, w, IGNORE, AT_900M, 0);
        assertTrue(ids(route, search(route, request(route, w, IGNORE, QUERY_REF), true)).contains(near));
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void count_1_to_4(Route route) {
        // Count 1: count=1, one trip; not empty.
        int w = week(route, 9);
        trip(route, w, IGNORE, IGNORE, 0);
        List<Object> one = ids(route, search(route, with(request(route, w, IGNORE, IGNORE), "count", "1"), true));
        assertEquals(1, one.size(), one.toString());
        // Count 2: count=0, one trip; [] by the count assertion.
        w = week(route, 10);
        trip(route, w, IGNORE, IGNORE, 0);
        assertEquals(List.of(), search(route, with(request(route, w, IGNORE, IGNORE), "count", "0"), false));
        // Count 3: count=2, four trips; not empty, at most two.
        w = week(route, 11);
        Set<String> four = new HashSet<>();
        for (int k = 0; k < 4; k++) {
            four.add(trip(route, w, IGNORE, IGNORE, 0));
        }
        List<Object> two = ids(route, search(route, with(request(route, w, IGNORE, IGNORE), "count", "2"), true));
        assertEquals(2, two.size());
        assertTrue(four.containsAll(two), two.toString());
        // Count 4: count=1, no trip; an empty result is fine.
        w = week(route, 12);
        search(route, with(request(route, w, IGNORE, IGNORE), "count", "1"), false);
    }

    // --- journeyScheduleTestCases, on the two journey routes ------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = Route.class, names = { "DRIVER_JOURNEYS", "PASSENGER_JOURNEYS" })
    void time_delta_1_to_3(Route route) {
        // TimeDelta 1: timeDelta=10, a pickup 5 s after departureDate; not empty.
        int w = week(route, 13);
        String in = trip(route, w, IGNORE, IGNORE, 5);
        assertTrue(ids(route, search(route, with(request(route, w, IGNORE, IGNORE), "timeDelta", "10"), true)).contains(in));
        // TimeDelta 2: timeDelta=10, a pickup at +15 s; [] by the timeDelta assertion.
        w = week(route, 14);
        String out = trip(route, w, IGNORE, IGNORE, 15);
        assertFalse(ids(route, search(route, with(request(route, w, IGNORE, IGNORE), "timeDelta", "10"), false)).contains(out));
        // TimeDelta 3: timeDelta=20, pickups at +25 s and +15 s; not empty, the +25 s one out.
        w = week(route, 15);
        out = trip(route, w, IGNORE, IGNORE, 25);
        in = trip(route, w, IGNORE, IGNORE, 15);
        List<Object> found = ids(route, search(route, with(request(route, w, IGNORE, IGNORE), "timeDelta", "20"), true));
        assertTrue(found.contains(in) && !found.contains(out), found + " has " + in + ", not " + out);
    }

    /**
     * The playground's regular-trip windows start and end at midnight UTC (n x 604800): a trip departing on
     * the window's last day, but after {@code maxDepartureDate}, or on its first day before
     * {@code minDepartureDate}, is out of it.
     */
    @ParameterizedTest
    @EnumSource(value = Route.class, names = { "DRIVER_REGULAR_TRIPS", "PASSENGER_REGULAR_TRIPS" })
    void a_regular_trip_outside_min_and_max_departure_dates_by_its_time_of_day_is_not_returned(Route route) {
        int w = MESSAGES_WEEK + 1 + route.ordinal();
        String id = trip(route, w, IGNORE, IGNORE, 0);
        LocalDate day = firstDay(w).plusDays(2);
        long midnightUtc = day.atStartOfDay(ZoneId.of("UTC")).toEpochSecond();
        Map<String, String> q = request(route, w, IGNORE, IGNORE);
        q.put("minDepartureDate", Long.toString(midnightUtc - WEEK));
        q.put("maxDepartureDate", Long.toString(midnightUtc));
        assertFalse(ids(route, search(route, q, false)).contains(id), "departs at 08:00 Paris, after the window's end");
        q.put("minDepartureDate", Long.toString(day.atTime(12, 0).atZone(ZONE).toEpochSecond()));
        q.put("maxDepartureDate", Long.toString(midnightUtc + WEEK));
        assertFalse(ids(route, search(route, q, false)).contains(id), "departs at 08:00 Paris, before the window's start");
        q.put("minDepartureDate", Long.toString(midnightUtc));
        assertTrue(ids(route, search(route, q, true)).contains(id), "inside the window");
    }

    // --- Refusals, in the statuses and bodies the document declares ------------------------------------------

    @ParameterizedTest
    @EnumSource(Route.class)
    void refusals_are_declared_statuses_with_declared_bodies(Route route) {
        Map<String, String> q = request(route, week(route, 0), IGNORE, IGNORE);
        String other = key(partner(unique("playground"), "other.example.net"), "127.0.0.1", "::1").getString("key");
        Map<List<String>, Integer> keys = new LinkedHashMap<>();
        keys.put(List.of(""), 401); // the playground's --auth default
        keys.put(List.of(), 401);
        keys.put(List.of(apiKey, other), 401);
        keys.put(List.of(apiKey, apiKey), 200);
        for (Map.Entry<List<String>, Integer> k : keys.entrySet()) {
            Answer answer = call("GET", route.path, q, null, k.getKey());
            String where = route.path + " with X-API-Key " + k.getKey().size() + " line(s) -> " + answer.status();
            assertEquals(k.getValue(), answer.status(), where + " " + answer.body());
            assertEquals(List.of(), StandardSchema.format(route.path, "get", answer.status(), answer.contentType(),
                    answer.body()), where);
        }
        q.remove(route.regular ? "departureTimeOfDay" : "departureDate");
        Answer answer = call("GET", route.path, q, null);
        assertEquals(400, answer.status(), answer.body());
        assertEquals(List.of(), StandardSchema.format(route.path, "get", 400, answer.contentType(), answer.body()));
        assertTrue(answer.body().contains(route.regular ? "departureTimeOfDay" : "departureDate"), answer.body());
    }

    // --- TestPostMessage and GET /status --------------------------------------------------------------------

    /** The playground's makeMessage: "some message" to a DRIVER, users of {@code default.operator.com}. */
    static String message(String fromId, String fromAlias, String toId, String toAlias) {
        return """
                {"from":{"alias":"%s","id":"%s","operator":"%s"},"message":"some message",\
                "recipientCarpoolerType":"DRIVER","to":{"alias":"%s","id":"%s","operator":"%s"}}"""
                .formatted(fromAlias, fromId, PARTNER_SITE, toAlias, toId, "covoiturage.example.org");
    }

    Answer post(String body, int expected) {
        Answer answer = call("POST", "/messages", Map.of(), body);
        String where = "/messages " + body + " -> " + answer.status() + " " + answer.body();
        assertEquals(List.of(), StandardSchema.format("/messages", "post", answer.status(), answer.contentType(),
                answer.body()), "format: " + where);
        assertEquals(expected, answer.status(), where);
        return answer;
    }

    @Test
    void posting_a_message_with_both_users_known_succeeds_with_201() {
        String bob = trip(Route.DRIVER_JOURNEYS, MESSAGES_WEEK, QUERY_REF, IGNORE, 0);
        post(message("2", "alice", bob, "bob"), 201);
        assertEquals(1, count(
                "select count(*) from contact_message where journey_uuid = ? and site = ?", bob, PARTNER_SITE));
    }

    @Test
    void posting_a_message_with_the_recipient_unknown_fails_with_404() {
        post(message("3", "carole", "4", "david"), 404);
    }

    @Test
    void posting_a_message_with_the_sender_unknown_succeeds_with_201() {
        // Whoever the sender is at the partner, we know none of its users: only the recipient matters.
        String fanny = trip(Route.DRIVER_JOURNEYS, MESSAGES_WEEK, QUERY_REF, IGNORE, 0);
        post(message("5", "eve", fanny, "fanny"), 201);
    }

    @Test
    void a_message_the_standard_refuses_is_a_400_in_the_standards_format() {
        String bob = trip(Route.DRIVER_JOURNEYS, MESSAGES_WEEK, QUERY_REF, IGNORE, 0);
        Answer answer = post(message("2", "alice", bob, "bob").replace("\"recipientCarpoolerType\":\"DRIVER\",", ""), 400);
        assertTrue(answer.body().contains("recipientCarpoolerType"), answer.body());
    }

    @Test
    void status_answers_200() {
        Answer answer = call("GET", "/status", Map.of(), null);
        assertEquals(200, answer.status(), answer.body());
    }
}
