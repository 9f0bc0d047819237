package org.rdex.server.partner;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.rdex.server.support.ServerTestBase;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

@QuarkusTest
class PartnerAdminTest extends ServerTestBase {

    @Inject
    PartnerService partners;

    @Test
    void refuses_every_partner_route_without_the_admin_token() {
        management().when().get("/admin/partners").then().statusCode(401)
                .body("error.name", is("access_denied"));
        management().header("Authorization", "Bearer wrong").contentType(ContentType.JSON)
                .body("{\"name\":\"nope\",\"operator\":\"x\"}").when().post("/admin/partners").then().statusCode(401);
        management().when().delete("/admin/partners/anything").then().statusCode(401);
        management().contentType(ContentType.JSON).body("{\"key\":\"k\"}")
                .when().put("/admin/partners/anything/key").then().statusCode(401);
        management().when().get("/admin/partners/anything/imports").then().statusCode(401);
        assertTrue(partners.findByName("nope").isEmpty());
    }

    @Test
    void adds_lists_keys_and_removes_a_partner_without_ever_showing_the_key() {
        admin().contentType(ContentType.JSON).body("""
                {"name":"Admin-Partner","operator":"OtherCo","feedUrl":"https://other.example/rdex.xml.gz",
                 "sites":["other.example","other.example"],"contactUrl":"https://other.example/contact",
                 "tlsFingerprint":"%s"}""".formatted("AB:".repeat(31) + "AB"))
                .when().post("/admin/partners").then().statusCode(201)
                .body("name", is("admin-partner")).body("sites", is(List.of("other.example")))
                .body("tlsFingerprint", is("ab".repeat(32))).body("hasKey", is(false));

        admin().contentType(ContentType.JSON).body("{\"name\":\"Admin-Partner\",\"operator\":\"x\",\"sites\":[\"x.example\"]}")
                .when().post("/admin/partners").then().statusCode(409).body("error.name", is("already_exists"));

        admin().contentType(ContentType.JSON).body("{\"key\":\"their-key-for-us\"}")
                .when().put("/admin/partners/admin-partner/key").then().statusCode(200).body("hasKey", is(true));
        String listed = admin().when().get("/admin/partners").then().statusCode(200)
                .body("name", hasItem("admin-partner")).extract().asString();
        assertTrue(!listed.contains("their-key-for-us"), "the key never leaves the server through the admin API");

        Partner stored = partners.findByName("admin-partner").orElseThrow();
        assertNotEquals("their-key-for-us", stored.outboundKeyEncrypted);
        assertEquals(Optional.of("their-key-for-us"), partners.outboundKey(stored));

        admin().when().get("/admin/partners/admin-partner/imports").then().statusCode(200).body("size()", is(0));
        admin().when().delete("/admin/partners/admin-partner/key").then().statusCode(200).body("hasKey", is(false));
        assertEquals(Optional.empty(), partners.outboundKey(partners.findByName("admin-partner").orElseThrow()));

        admin().when().delete("/admin/partners/admin-partner").then().statusCode(204);
        admin().when().delete("/admin/partners/admin-partner").then().statusCode(404)
                .body("error.name", is("resource_not_found"));
        admin().when().get("/admin/partners/admin-partner/imports").then().statusCode(404);
    }

    @Test
    void names_every_invalid_field_of_a_new_partner() {
        admin().contentType(ContentType.JSON).body("""
                {"name":"bad name!","feedUrl":"ftp://x/y","contactUrl":"https://user:pw@x.example/",
                 "tlsFingerprint":"12:34"}""")
                .when().post("/admin/partners").then().statusCode(400)
                .body("error.fields.field", hasItems("name", "operator", "feedUrl", "contactUrl", "tlsFingerprint"));
        admin().contentType(ContentType.JSON).body("not json").when().post("/admin/partners").then().statusCode(400)
                .body("error.message_user", not(containsString("Unrecognized")));
        admin().contentType(ContentType.JSON).body("{\"key\":\"\"}").when().put("/admin/partners/nobody/key")
                .then().statusCode(400).body("error.field", is("key"));
    }

    @Test
    void reports_of_an_import_are_listed_newest_first() {
        partners.add(new NewPartner("admin-reports", "RepCo", null, List.of("rep.example"), null, null));
        admin().when().post("/admin/partners/admin-reports/import").then().statusCode(200)
                .body("outcome", is("FAILED")).body("message", is("the partner has no feed URL"));
        admin().when().get("/admin/partners/admin-reports/imports").then().statusCode(200)
                .body("[0].outcome", is("FAILED")).body("[0].partner", is("admin-reports"));
        admin().when().get("/admin/partners").then().statusCode(200)
                .body("find { it.name == 'admin-reports' }.lastImport.outcome", is("FAILED"))
                .body("find { it.name == 'admin-reports' }.lastImport.rejections", is(List.of()))
                .body("find { it.name == 'admin-reports' }.feedUrl", nullValue());
    }
}
