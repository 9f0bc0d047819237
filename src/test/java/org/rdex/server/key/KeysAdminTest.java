package org.rdex.server.key;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.net.ssl.SSLSocket;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.support.PostgresResource;
import org.rdex.server.tls.ServerCertificate;
import org.rdex.server.tls.TlsCertificates;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class KeysAdminTest {

    @Inject
    TlsCertificates certificates;
    @Inject
    PartnerService partners;

    private static RequestSpecification admin(String token) {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
        RequestSpecification spec = given().baseUri("http://127.0.0.1").port(port);
        return token == null ? spec : spec.header("Authorization", "Bearer " + token);
    }

    private String partner() {
        String name = "keys-" + UUID.randomUUID().toString().substring(0, 8);
        partners.add(new NewPartner(name, "op", null, List.of("keys.example"), null, null));
        return name;
    }

    @Test
    void admin_key_api_fails_closed_without_the_admin_token() {
        admin(null).when().get("/admin/keys").then().statusCode(401).body("error.name", is("access_denied"));
        admin("wrong").contentType(ContentType.JSON).body(Map.of("partner", "x", "ips", List.of("127.0.0.1")))
                .when().post("/admin/keys").then().statusCode(401);
    }

    @Test
    void issues_lists_without_secrets_and_revokes() throws Exception {
        String partner = partner();
        String key = admin("test-admin-token").contentType(ContentType.JSON)
                .body(Map.of("partner", partner, "ips", List.of("192.0.2.0/24", "2001:db8::1"), "expires", "2099-12-31"))
                .when().post("/admin/keys").then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("key", matchesPattern("rdex_[0-9a-f]{16}_[A-Za-z0-9_-]{43}"))
                .body("details.ips", is(List.of("192.0.2.0/24", "2001:db8:0:0:0:0:0:1/128")))
                .body("details.expiresAt", is("2100-01-01T00:00:00Z"))
                .extract().path("key");
        String id = key.substring(5, 21);
        String listing = admin("test-admin-token").when().get("/admin/keys").then().statusCode(200)
                .body("keys.id", hasItem(id)).extract().asString();
        assertEquals(false, listing.contains(key.substring(22)), "the secret is never listed");
        admin("test-admin-token").when().delete("/admin/keys/" + id).then().statusCode(200).body("state", is("revoked"));
        admin("test-admin-token").when().delete("/admin/keys/0000000000000000").then().statusCode(404);
        // Read from the table: revoking must be stored, not only answered.
        try (var c = DriverManager.getConnection(PostgresResource.jdbcUrl());
                var s = c.prepareStatement("select count(*) from partner_key where id = ? and revoked_at is not null")) {
            s.setString(1, id);
            var rs = s.executeQuery();
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }

    @Test
    void refuses_bad_addresses_past_expiry_and_unknown_partners() throws Exception {
        String partner = partner();
        admin("test-admin-token").contentType(ContentType.JSON)
                .body(Map.of("partner", partner, "ips", List.of("example.org", "10.0.0.0/40"), "expires", "2001-01-01"))
                .when().post("/admin/keys").then().statusCode(400)
                .body("error.fields.field", hasItem("ips")).body("error.fields.field", hasItem("expires"));
        admin("test-admin-token").contentType(ContentType.JSON)
                .body(Map.of("partner", partner, "ips", List.of()))
                .when().post("/admin/keys").then().statusCode(400).body("error.field", is("ips"));
        admin("test-admin-token").contentType(ContentType.JSON)
                .body(Map.of("partner", "no-such-partner", "ips", List.of("127.0.0.1")))
                .when().post("/admin/keys").then().statusCode(404).body("error.message_user", not(containsString("Exception")));
    }

    @Test
    void serves_over_https_the_certificate_whose_fingerprint_is_printed() throws Exception {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-ssl-port", Integer.class).orElse(8444);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        java.security.cert.X509Certificate[][] seen = new java.security.cert.X509Certificate[1][];
        context.init(null, new javax.net.ssl.TrustManager[] { new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
                seen[0] = c;
            }

            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        } }, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
        }
        assertEquals(certificates.fingerprint(), ServerCertificate.fingerprint(seen[0][0].getEncoded()));
    }
}
