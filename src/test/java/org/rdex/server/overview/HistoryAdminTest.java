package org.rdex.server.overview;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.rdex.server.export.ExportResult;
import org.rdex.server.export.ExportService;
import org.rdex.server.support.ProtocolFixtures;
import org.rdex.server.support.ServerTestBase;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

@QuarkusTest
class HistoryAdminTest extends ServerTestBase {

    @Inject
    ExportService exports;

    private static String newPartner() {
        String name = ProtocolFixtures.unique("hist");
        admin().contentType(ContentType.JSON).body(Map.of("name", name, "operator", "Op " + name,
                "sites", List.of(name + ".example"))).when().post("/admin/partners").then().statusCode(201);
        return name;
    }

    @Test
    void audit_lists_admin_api_changes_by_partner_with_before_and_after_and_never_a_secret() {
        String name = newPartner();
        String other = newPartner();
        admin().contentType(ContentType.JSON).body(Map.of("operator", "Renamed op")).when()
                .patch("/admin/partners/" + name).then().statusCode(200);
        admin().contentType(ContentType.JSON).body(Map.of("key", "their-secret-key-4242")).when()
                .put("/admin/partners/" + name + "/key").then().statusCode(200);
        JsonPath issued = ProtocolFixtures.key(name, "10.1.2.3");
        admin().when().delete("/admin/keys/" + issued.getString("id")).then().statusCode(200);

        String body = admin().queryParam("partner", name).when().get("/admin/audit").then().statusCode(200)
                .extract().asString();
        JsonPath audit = JsonPath.from(body);
        List<String> actions = audit.getList("action");
        assertEquals(List.of("key.revoke", "key.issue", "partner.key.set", "partner.update", "partner.add"), actions);
        assertEquals(List.of("admin token"), audit.getList("actor").stream().distinct().toList());
        assertEquals("Op " + name, audit.getString("find { it.action == 'partner.update' }.before.operator"));
        assertEquals("Renamed op", audit.getString("find { it.action == 'partner.update' }.after.operator"));
        assertEquals(issued.getString("id"), audit.getString("find { it.action == 'key.revoke' }.subject"));
        assertEquals("revoked", audit.getString("find { it.action == 'key.revoke' }.after.state"));
        assertFalse(body.contains("their-secret-key-4242"), body);
        String secret = issued.getString("key").substring(issued.getString("key").lastIndexOf('_') + 1);
        assertFalse(body.contains(secret), body);
        assertFalse(body.contains(other), "filtered by partner");
        admin().queryParam("limit", "1").when().get("/admin/audit").then().statusCode(200).body("size()", is(1));
    }

    @Test
    void a_change_refused_leaves_no_audit_entry() {
        String name = newPartner();
        admin().contentType(ContentType.JSON).body(Map.of("feedUrl", "not a url")).when()
                .patch("/admin/partners/" + name).then().statusCode(400);
        admin().queryParam("partner", name).when().get("/admin/audit").then().statusCode(200)
                .body("action", is(List.of("partner.add")));
    }

    @Test
    void refused_keys_are_counted_by_reason_and_key() throws Exception {
        String name = newPartner();
        JsonPath issued = ProtocolFixtures.key(name, "10.1.2.3");
        String form = "Key=" + issued.getString("key") + "&Id=x&From=a%40b.c&Site=" + name + ".example&Message=hi";
        ProtocolFixtures.https().contentType("application/x-www-form-urlencoded").body(form).when()
                .post("/rdex/contact").then().statusCode(403);
        JsonPath keys = admin().queryParam("days", "1").queryParam("bucket", "hour").when().get("/admin/history/keys")
                .then().statusCode(200).extract().jsonPath();
        assertTrue(keys.getList("refusals.reason").contains("wrong_ip"), keys.prettify());
        assertEquals(1, keys.getInt("byKey.find { it.keyId == '" + issued.getString("id") + "' }.calls"));
        assertEquals(name, keys.getString("byKey.find { it.keyId == '" + issued.getString("id") + "' }.partner"));
    }

    @Test
    void export_runs_appear_in_the_export_history() {
        ExportResult result = exports.export(Optional.empty());
        admin().when().get("/admin/history/export").then().statusCode(200)
                .body("journeys", hasItem((int) result.journeys()))
                .body("status", hasItem(result.status().name()));
    }

    @Test
    void history_series_answer_for_hours_and_days_and_refuse_bad_parameters() {
        admin().queryParam("bucket", "hour").when().get("/admin/history/relay").then().statusCode(200);
        admin().when().get("/admin/history/live").then().statusCode(200);
        admin().when().get("/admin/history/imports").then().statusCode(200);
        admin().queryParam("days", "0").when().get("/admin/history/relay").then().statusCode(400)
                .body("error.name", is("invalid_input"));
        admin().queryParam("days", "91").when().get("/admin/history/live").then().statusCode(400);
        admin().queryParam("bucket", "week").when().get("/admin/history/live").then().statusCode(400);
        admin().queryParam("limit", "0").when().get("/admin/audit").then().statusCode(400);
        io.restassured.RestAssured.given().baseUri("http://127.0.0.1").port(managementPort()).when()
                .get("/admin/audit").then().statusCode(401);
    }
}
