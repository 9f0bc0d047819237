package org.rdex.server.partner;

import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rdex.server.support.ServerTestBase;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class PartnerUpdateTest extends ServerTestBase {

    private static final String PIN_A = "aa".repeat(32);
    private static final String PIN_B = "bb".repeat(32);
    private static final String PIN_C = "cc".repeat(32);

    /** Every request of this test sends JSON. */
    protected static RequestSpecification admin() {
        return ServerTestBase.admin().contentType(ContentType.JSON);
    }

    @Test
    void refuses_a_new_partner_without_a_site() {
        admin().body("{\"name\":\"no-site\",\"operator\":\"x\"}").when().post("/admin/partners").then()
                .statusCode(400).body("error.field", is("sites"));
    }

    @Test
    void patch_changes_only_the_fields_given_and_rotates_pins() {
        admin().body("{\"name\":\"patched\",\"operator\":\"PatchCo\",\"sites\":[\"p.example\"],"
                + "\"feedUrl\":\"https://p.example/rdex.xml\",\"tlsFingerprint\":\"" + PIN_A + "\"}")
                .when().post("/admin/partners").then().statusCode(201);

        admin().body("{\"addFingerprint\":\"" + PIN_B.toUpperCase() + "\"}").when().patch("/admin/partners/patched")
                .then().statusCode(200).body("tlsFingerprints", is(List.of(PIN_A, PIN_B)))
                .body("operator", is("PatchCo")).body("sites", is(List.of("p.example")))
                .body("feedUrl", is("https://p.example/rdex.xml"));
        admin().body("{\"addFingerprint\":\"" + PIN_C + "\"}").when().patch("/admin/partners/patched")
                .then().statusCode(400).body("error.field", is("tlsFingerprints"));
        admin().body("{\"removeFingerprint\":\"" + PIN_A + "\",\"sites\":[\"p.example\",\"q.example\"]}")
                .when().patch("/admin/partners/patched").then().statusCode(200)
                .body("tlsFingerprint", is(PIN_B)).body("tlsFingerprints", is(List.of(PIN_B)))
                .body("sites", is(List.of("p.example", "q.example")));
        admin().body("{\"feedUrl\":\"\"}").when().patch("/admin/partners/patched").then().statusCode(200)
                .body("feedUrl", is((String) null)).body("tlsFingerprint", is(PIN_B));
    }

    @Test
    void patch_names_every_invalid_or_unknown_field_and_changes_nothing() {
        admin().body("{\"name\":\"strict\",\"operator\":\"StrictCo\",\"sites\":[\"s.example\"]}")
                .when().post("/admin/partners").then().statusCode(201);
        admin().body("{\"sites\":[],\"operater\":\"typo\",\"removeFingerprint\":\"" + PIN_A + "\",\"feedUrl\":\"ftp://x/\"}")
                .when().patch("/admin/partners/strict").then().statusCode(400)
                .body("error.fields.field", hasItems("operater"));
        admin().body("{\"sites\":[],\"removeFingerprint\":\"" + PIN_A + "\",\"feedUrl\":\"ftp://x/\"}")
                .when().patch("/admin/partners/strict").then().statusCode(400)
                .body("error.fields.field", hasItems("sites", "feedUrl", "removeFingerprint"));
        admin().when().get("/admin/partners/strict").then().statusCode(200).body("sites", is(List.of("s.example")));
        admin().body("{\"operator\":\"x\"}").when().patch("/admin/partners/nobody").then().statusCode(404);
    }
}
