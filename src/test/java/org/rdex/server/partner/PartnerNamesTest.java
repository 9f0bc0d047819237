package org.rdex.server.partner;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rdex.server.imports.ImportCommand;
import org.rdex.server.key.KeysCommand;
import org.rdex.server.support.Cli;
import org.rdex.server.support.ServerTestBase;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** Every command and admin route taking a partner name finds the partner whatever the case of the name. */
@QuarkusTest
class PartnerNamesTest extends ServerTestBase {

    @Inject
    PartnerService partners;

    @Test
    void every_command_accepts_the_partner_name_in_any_case() {
        Cli.Run added = Cli.run(PartnersCommand.class, "add", "Case-CLI", "--operator", "CaseCo", "--site", "case.example");
        assertEquals(0, added.exit(), added.err());
        assertTrue(partners.findByName("case-cli").isPresent(), "stored lower-case");

        Cli.Run issued = Cli.run(KeysCommand.class, "issue", "--partner", "CASE-CLI", "--ip", "127.0.0.1");
        assertEquals(0, issued.exit(), issued.err());
        assertTrue(issued.out().contains("for partner case-cli"), issued.out());

        Cli.Run setKey = Cli.run(PartnersCommand.class, "set-key", "Case-Cli", "--key", "their-key");
        assertEquals(0, setKey.exit(), setKey.err());
        assertTrue(partners.findByName("case-cli").orElseThrow().outboundKeyEncrypted != null);

        Cli.Run updated = Cli.run(PartnersCommand.class, "update", "CASE-cli", "--contact-url", "https://case.example/");
        assertEquals(0, updated.exit(), updated.err());
        assertEquals("https://case.example/", partners.findByName("case-cli").orElseThrow().contactUrl);

        Cli.Run imported = Cli.run(ImportCommand.class, "--partner", "Case-CLI", "--file",
                Path.of("src/test/resources/rdex/spec-example.xml").toString());
        assertEquals(0, imported.exit(), imported.out() + imported.err());

        Cli.Run removed = Cli.run(PartnersCommand.class, "remove", "CASE-CLI");
        assertEquals(0, removed.exit(), removed.err());
        assertTrue(partners.findByName("case-cli").isEmpty());
    }

    @Test
    void every_admin_route_accepts_the_partner_name_in_any_case() {
        admin().contentType(ContentType.JSON).body("{\"name\":\"Case-API\",\"operator\":\"CaseCo\",\"sites\":[\"c.example\"]}")
                .when().post("/admin/partners").then().statusCode(201).body("name", is("case-api"));
        admin().when().get("/admin/partners/CASE-API").then().statusCode(200).body("name", is("case-api"));
        admin().contentType(ContentType.JSON).body("{\"contactUrl\":\"https://c.example/\"}")
                .when().patch("/admin/partners/Case-Api").then().statusCode(200).body("contactUrl", is("https://c.example/"));
        admin().contentType(ContentType.JSON).body("{\"key\":\"k\"}")
                .when().put("/admin/partners/CASE-API/key").then().statusCode(200).body("hasKey", is(true));
        admin().when().delete("/admin/partners/Case-API/key").then().statusCode(200).body("hasKey", is(false));
        admin().contentType(ContentType.JSON).body(Map.of("partner", "CASE-API", "ips", List.of("127.0.0.1")))
                .when().post("/admin/keys").then().statusCode(201).body("details.partner", is("case-api"));
        admin().when().post("/admin/partners/CASE-API/import").then().statusCode(200)
                .body("partner", is("case-api"));
        admin().when().get("/admin/partners/Case-Api/imports").then().statusCode(200).body("size()", is(1));
        admin().when().delete("/admin/partners/CASE-API").then().statusCode(204);
        assertTrue(partners.findByName("case-api").isEmpty());
    }
}
