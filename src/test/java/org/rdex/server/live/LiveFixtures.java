package org.rdex.server.live;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.rdex.server.support.ProtocolFixtures;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Partners with live protocols, set through the admin API, for the live tests. */
final class LiveFixtures {

    static final String PLATFORM = ProtocolFixtures.PLATFORM;
    static final String ADMIN = ProtocolFixtures.ADMIN;
    /** A searched date far enough ahead for every test run. */
    static final LocalDate DATE = LocalDate.of(2099, 3, 2);
    static final double FROM_LAT = 43.2965;
    static final double FROM_LON = 5.3698;
    static final double TO_LAT = 43.5297;
    static final double TO_LON = 5.4474;

    private LiveFixtures() {
    }

    static String unique(String prefix) {
        return ProtocolFixtures.unique(prefix);
    }

    static RequestSpecification admin() {
        return ProtocolFixtures.admin();
    }

    static RequestSpecification platform() {
        return given().header("Authorization", PLATFORM);
    }

    /** Only the partners a test configures are asked: earlier tests' live settings are removed. */
    static void forgetLivePartners() {
        ProtocolFixtures.execute("delete from partner_protocol");
        ProtocolFixtures.execute("delete from partner_live");
    }

    static String partner(String prefix) {
        String name = unique(prefix);
        admin().contentType(ContentType.JSON).body(Map.of("name", name, "operator", "operator-b", "sites", List.of(name + ".example")))
                .when().post("/admin/partners").then().statusCode(201);
        return name;
    }

    static void rdex12(String partner, String url, String apikey, String privateKey, Integer timeoutMs) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("rdex12Url", url, "rdex12Apikey", apikey,
                "rdex12PrivateKey", privateKey));
        if (timeoutMs != null) {
            body.put("timeoutMs", timeoutMs);
        }
        admin().contentType(ContentType.JSON).body(body).when().put("/admin/partners/" + partner + "/protocol")
                .then().statusCode(200);
    }

    static void standard(String partner, String url, String apiKey, Integer timeoutMs) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("standardUrl", url, "standardApiKey", apiKey));
        if (timeoutMs != null) {
            body.put("timeoutMs", timeoutMs);
        }
        admin().contentType(ContentType.JSON).body(body).when().put("/admin/partners/" + partner + "/protocol")
                .then().statusCode(200);
    }

    static String searchPath(boolean live) {
        return "/api/v1/journeys/search?fromLat=" + FROM_LAT + "&fromLon=" + FROM_LON + "&toLat=" + TO_LAT + "&toLon="
                + TO_LON + "&date=" + DATE + "&timeFrom=08:00&timeTo=09:00" + (live ? "&live=true" : "");
    }
}
