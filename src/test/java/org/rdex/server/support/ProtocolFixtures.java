package org.rdex.server.support;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Partners, keys and own journeys for the tests of the protocols we serve (RDEX 1.2, standard-covoiturage). */
public final class ProtocolFixtures {

    public static final String PLATFORM = ServerTestBase.PLATFORM_TOKEN;
    public static final String ADMIN = ServerTestBase.ADMIN_TOKEN;

    private ProtocolFixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static int httpsPort() {
        return ServerTestBase.httpsPort();
    }

    public static String httpsBase() {
        return "https://localhost:" + httpsPort();
    }

    public static RequestSpecification https() {
        return ServerTestBase.https();
    }

    public static RequestSpecification admin() {
        return ServerTestBase.admin();
    }

    /** A partner row publishing under {@code sites}; returns its name. */
    public static String partner(String name, String... sites) {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "insert into partner (name, operator, sites) values (?, ?, ?)")) {
            s.setString(1, name);
            s.setString(2, name + "-operator");
            s.setArray(3, c.createArrayOf("text", sites));
            s.executeUpdate();
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Issues a key through the admin API: {@code key}, {@code id}, {@code rdex12.apikey}, {@code rdex12.privateKey}. */
    public static JsonPath key(String partner, String... ips) {
        return admin().contentType(ContentType.JSON).body(Map.of("partner", partner, "ips", List.of(ips)))
                .when().post("/admin/keys").then().statusCode(201).extract().jsonPath();
    }

    /** An own journey pushed through the platform API; returns its published uuid. */
    public static String journey(String externalId, String json) {
        return given().header("Authorization", PLATFORM).contentType(ContentType.JSON).body(json)
                .when().put("/api/v1/journeys/" + externalId).then().log().ifValidationFails().statusCode(201).extract().path("uuid");
    }

    public static Connection db() throws SQLException {
        return DriverManager.getConnection(PostgresResource.jdbcUrl());
    }

    public static long count(String sql, Object... args) {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String sql, Object... args) {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A punctual journey of the platform API between two points, with its window on {@code date}. */
    public static String punctual(String role, String date, double fromLat, double fromLon, double toLat, double toLon,
            String minTime, String maxTime) {
        return """
                {"from": {"city": "Départ", "insee": "17300", "postalCode": "17000", "lat": %s, "lon": %s},
                 "to": {"city": "Arrivée", "insee": "17299", "lat": %s, "lon": %s},
                 "role": "%s", "frequency": "punctual", "distanceKm": 31.5, "durationMinutes": 35,
                 "pseudonym": "camille", "url": "https://covoiturage.example.org/trajets/42", "price": 4.5, "seats": 3,
                 "punctual": {"date": "%s", "minTime": "%s", "maxTime": "%s"},
                 "owner": {"ref": "user-42", "email": "camille@example.org"}}
                """.formatted(fromLat, fromLon, toLat, toLon, role, date, minTime, maxTime);
    }

    /** A regular journey of the platform API: monday and friday, {@code depMin}-{@code depMax}, back on monday. */
    public static String regular(String role, double fromLat, double fromLon, double toLat, double toLon, String depMin,
            String depMax) {
        return """
                {"from": {"city": "Départ", "insee": "17300", "lat": %s, "lon": %s},
                 "to": {"city": "Arrivée", "insee": "17299", "lat": %s, "lon": %s},
                 "role": "%s", "frequency": "regular", "distanceKm": 35.5, "durationMinutes": 33,
                 "pseudonym": "olivier", "url": "https://covoiturage.example.org/trajets/43",
                 "validFrom": "2026-01-01", "validTo": "2099-12-31",
                 "regular": {"monday": {"depMin": "%s", "depMax": "%s", "retMin": "17:30", "retMax": "18:00"},
                             "friday": {"depMin": "%s", "depMax": "%s"}},
                 "owner": {"ref": "user-43", "email": "olivier@example.org"}}
                """.formatted(fromLat, fromLon, toLat, toLon, role, depMin, depMax, depMin, depMax);
    }
}
