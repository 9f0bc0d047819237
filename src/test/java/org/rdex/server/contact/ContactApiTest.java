package org.rdex.server.contact;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdex.server.contact.ContactFixtures.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class ContactApiTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String TRUSTED_PROXY = "127.0.0.9";

    String partner;
    String uuid;
    String key;

    @BeforeEach
    void setUp() {
        partner = partner(unique("p"), "covoit.example.net", "https://www.autre.example.net/");
        uuid = journey(unique("j"), "owner@example.org");
        key = key(partner, "127.0.0.1", "::1");
    }

    private String ok() {
        return form(key, uuid, "Baptiste <baptiste@example.net>", "covoit.example.net", "Bonjour, reste-t-il une place ?");
    }

    @Test
    void stores_a_form_encoded_message_with_capitalized_field_names_and_answers_201() {
        long before = count("select count(*) from contact_message where journey_uuid = ?", uuid);
        https().contentType(FORM).body(ok()).when().post("/rdex/contact")
                .then().statusCode(201).body("status", is("stored"));
        assertEquals(before + 1, count("select count(*) from contact_message where journey_uuid = ? and sender_email = ?"
                + " and sender_pseudonym = ? and site = ?", uuid, "baptiste@example.net", "Baptiste", "covoit.example.net"));
    }

    @Test
    void accepts_json_with_separate_pseudonym_and_email_and_a_url_site() {
        https().contentType(ContentType.JSON)
                .body(Map.of("KEY", key, "id", uuid, "pseudonym", "Zoé", "email", "zoe@example.net",
                        "site", "http://autre.example.net/contact", "message", "Ligne 1\r\nLigne 2"))
                .when().post("/rdex/contact").then().statusCode(201);
        assertEquals(1, count("select count(*) from contact_message where journey_uuid = ? and sender_pseudonym = 'Zoé'"
                + " and message = E'Ligne 1\\nLigne 2' and site = 'autre.example.net'", uuid));
    }

    @Test
    void refuses_plain_http() {
        RestAssured.given().contentType(FORM).body(ok()).when().post("/rdex/contact")
                .then().statusCode(403).body("error.name", is("insufficient_permissions"))
                .body("error.message_user", containsString("HTTPS"));
        assertEquals(0, count("select count(*) from contact_message where journey_uuid = ?", uuid));
    }

    @Test
    void answers_405_with_allow_for_other_methods() {
        https().when().get("/rdex/contact").then().statusCode(405)
                .body("error.name", is("unsupported_http_verb")).header("Allow", containsString("POST"));
        https().contentType(FORM).body(ok()).when().put("/rdex/contact").then().statusCode(405)
                .body("error.name", is("unsupported_http_verb"));
    }

    @Test
    void answers_options_with_allow_and_head_with_405_and_no_body() {
        https().when().options("/rdex/contact").then().statusCode(204).header("Allow", is(ContactResource.ALLOW));
        https().when().head("/rdex/contact").then().statusCode(405).header("Allow", is(ContactResource.ALLOW));
    }

    @Test
    void answers_head_over_http2_with_405_instead_of_resetting_the_stream() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(trustAll()).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + httpsPort() + "/rdex/contact"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, head.version());
        assertEquals(405, head.statusCode());
        assertEquals(ContactResource.ALLOW, head.headers().firstValue("Allow").orElse(null));
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + httpsPort() + "/rdex/contact"))
                .header("Content-Type", FORM).POST(HttpRequest.BodyPublishers.ofString(ok()))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, post.statusCode(), post.body());
    }

    @Test
    void answers_415_for_other_content_types() {
        https().contentType("text/plain").body(ok()).when().post("/rdex/contact")
                .then().statusCode(415).body("error.name", is("unsupported_media_type"));
    }

    @Test
    void answers_401_without_key_or_with_an_unknown_one() {
        https().contentType(FORM).body("id=" + uuid + "&from=a%20%3Ca@b.fr%3E&site=covoit.example.net&message=hi")
                .when().post("/rdex/contact").then().statusCode(401).body("error.name", is("access_denied"));
        String forged = key.substring(0, key.length() - 4) + "AAAA";
        https().contentType(FORM).body(ok().replace(enc(key), enc(forged)))
                .when().post("/rdex/contact").then().statusCode(401).body("error.name", is("access_denied"));
        https().contentType(FORM).body(ok().replace(enc(key), "nonsense"))
                .when().post("/rdex/contact").then().statusCode(401);
    }

    @Test
    void answers_400_naming_each_bad_or_missing_field() {
        https().contentType(FORM).body("key=" + enc(key) + "&id=" + uuid + "&from=" + enc("Bob <not-an-email>"))
                .when().post("/rdex/contact").then().statusCode(400)
                .body("error.fields.field", hasItems("from", "site", "message"));
        https().contentType(FORM).body("key=" + enc(key) + "&message=hi")
                .when().post("/rdex/contact").then().statusCode(400)
                .body("error.name", is("missing_mandatory_field"))
                .body("error.fields.field", hasItems("id", "from", "site"));
    }

    @Test
    void answers_400_to_a_json_body_naming_a_field_twice() {
        String body = "{\"key\":\"" + key + "\",\"id\":\"" + uuid + "\",\"from\":\"A <a@example.net>\","
                + "\"site\":\"covoit.example.net\",\"message\":\"first\",\"message\":\"second\"}";
        https().contentType(ContentType.JSON).body(body).when().post("/rdex/contact")
                .then().statusCode(400).body("error.name", is("invalid_input")).body("error.field", is("message"));
        https().contentType(ContentType.JSON).body(body.replace("\"message\":\"second\"", "\"Message\":\"second\""))
                .when().post("/rdex/contact").then().statusCode(400).body("error.field", is("message"));
        https().contentType(ContentType.JSON).body(body.replace(",\"message\":\"second\"", ""))
                .when().post("/rdex/contact").then().statusCode(201);
        assertEquals(1, count("select count(*) from contact_message where journey_uuid = ?", uuid));
    }

    @Test
    void refuses_header_injection_and_control_characters_in_every_field() {
        https().contentType(FORM).body(form(key, uuid, "Eve <eve@example.net>\r\nBcc: all@example.org",
                "covoit.example.net", "hello")).when().post("/rdex/contact")
                .then().statusCode(400).body("error.field", is("from"));
        https().contentType(FORM).body(form(key, uuid, "Eve\nBcc: x <eve@example.net>", "covoit.example.net", "hello"))
                .when().post("/rdex/contact").then().statusCode(400).body("error.field", is("from"));
        https().contentType(FORM).body(form(key, uuid, "Eve <eve@example.net>", "covoit.example.net\r\nX: y", "hello"))
                .when().post("/rdex/contact").then().statusCode(400).body("error.field", is("site"));
        https().contentType(FORM).body(form(key, uuid, "Eve <eve@example.net>", "covoit.example.net", "bell\u0007"))
                .when().post("/rdex/contact").then().statusCode(400).body("error.field", is("message"));
        assertEquals(0, count("select count(*) from contact_message where journey_uuid = ?", uuid));
    }

    @Test
    void answers_413_for_a_long_message_or_an_oversized_body() {
        // The escapes are UTF-8: say so, or RestAssured declares its default, ISO-8859-1, and "é" counts twice.
        https().contentType(FORM + "; charset=UTF-8").body(form(key, uuid, "A <a@example.net>", "covoit.example.net", "é".repeat(1001)))
                .when().post("/rdex/contact").then().statusCode(413).body("error.field", is("message"));
        https().contentType(FORM + "; charset=UTF-8").body(form(key, uuid, "A <a@example.net>", "covoit.example.net", "é".repeat(1000)))
                .when().post("/rdex/contact").then().statusCode(201);
        https().contentType(FORM).body(ok() + "&padding=" + "x".repeat(20000))
                .when().post("/rdex/contact").then().statusCode(413);
    }

    @Test
    void answers_404_for_unknown_expired_or_partner_journeys() throws Exception {
        https().contentType(FORM).body(ok().replace(uuid, "0".repeat(40)))
                .when().post("/rdex/contact").then().statusCode(404).body("error.name", is("resource_not_found"));
        try (var c = db(); var s = c.createStatement()) {
            s.executeUpdate("update journey set active_from = date '2020-01-01', active_to = date '2020-01-02',"
                    + " punctual_date = date '2020-01-02' where uuid = '" + uuid + "'");
        }
        https().contentType(FORM).body(ok()).when().post("/rdex/contact").then().statusCode(404);
    }

    @Test
    void answers_403_for_a_site_that_is_not_the_partners() {
        https().contentType(FORM).body(form(key, uuid, "A <a@example.net>", "evil.example.com", "hello"))
                .when().post("/rdex/contact").then().statusCode(403).body("error.name", is("origin_mismatch"));
    }

    @Test
    void rejects_key_from_other_ip() throws Exception {
        Raw refused = post("127.0.0.2", "/rdex/contact", FORM, ok());
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.body().contains("insufficient_permissions"), refused.body());
        Raw accepted = post("127.0.0.1", "/rdex/contact", FORM, ok());
        assertEquals(201, accepted.status(), accepted.body());
        String cidrKey = key(partner, "127.0.0.0/30");
        assertEquals(201, post("127.0.0.2", "/rdex/contact", FORM, ok().replace(enc(key), enc(cidrKey))).status());
        assertEquals(403, post("127.0.0.5", "/rdex/contact", FORM, ok().replace(enc(key), enc(cidrKey))).status());
    }

    @Test
    void ignores_forwarded_for_from_an_untrusted_peer() {
        String otherKey = key(partner, "203.0.113.7");
        https().contentType(FORM).header("X-Forwarded-For", "203.0.113.7").body(ok().replace(enc(key), enc(otherKey)))
                .when().post("/rdex/contact").then().statusCode(403);
    }

    @Test
    void reads_every_x_forwarded_for_line_from_a_trusted_proxy() throws Exception {
        // 127.0.0.9 is the trusted proxy of the test profile; the key is bound to the user's address behind it.
        String behind = key(partner, "198.51.100.7");
        String body = ok().replace(enc(key), enc(behind));
        Raw proxied = post(TRUSTED_PROXY, true, "/rdex/contact", List.of("X-Forwarded-For: 198.51.100.7"), FORM, body);
        assertEquals(201, proxied.status(), proxied.body());
        // A caller at 203.0.113.66 writes its own line first; the proxy adds the address it really saw.
        Raw forged = post(TRUSTED_PROXY, true, "/rdex/contact",
                List.of("X-Forwarded-For: 198.51.100.7", "X-Forwarded-For: 203.0.113.66"), FORM, body);
        assertEquals(403, forged.status(), forged.body());
        assertTrue(forged.body().contains("insufficient_permissions"), forged.body());
        assertEquals(1, count("select count(*) from contact_message where journey_uuid = ? and caller_ip = '198.51.100.7'", uuid));
    }

    @Test
    void refuses_an_unreadable_right_most_forwarded_for_entry_from_a_trusted_proxy() throws Exception {
        // A key bound to the proxy's own address must not pass because the proxy's entry could not be read.
        String proxyKey = key(partner, TRUSTED_PROXY);
        String body = ok().replace(enc(key), enc(proxyKey));
        for (String line : new String[] { "203.0.113.9, garbage", "unknown", "fe80::1%eth0" }) {
            Raw refused = post(TRUSTED_PROXY, true, "/rdex/contact", List.of("X-Forwarded-For: " + line), FORM, body);
            assertEquals(400, refused.status(), line + ": " + refused.body());
            assertTrue(refused.body().contains("\"invalid_input\""), refused.body());
            assertTrue(refused.body().contains("X-Forwarded-For"), refused.body());
        }
        assertEquals(0, count("select count(*) from contact_message where journey_uuid = ?", uuid));
    }

    @Test
    void https_answers_carry_strict_transport_security_and_plain_http_answers_do_not() {
        https().when().get("/rdex/contact").then().statusCode(405)
                .header("Strict-Transport-Security", is("max-age=31536000"));
        https().contentType(FORM).body(ok()).when().post("/rdex/contact").then().statusCode(201)
                .header("Strict-Transport-Security", is("max-age=31536000"));
        RestAssured.given().when().get("/rdex/contact").then().header("Strict-Transport-Security", nullValue());
    }

    @Test
    void decodes_a_form_in_its_declared_charset_and_refuses_bytes_that_are_not_in_it() throws Exception {
        // Raw requests: RestAssured would add a charset of its own to a Content-Type without one.
        String body = form(key, uuid, "Baptiste <baptiste@example.net>", "covoit.example.net", "x")
                .replace("Message=x", "Message=caf%E9");
        Raw latin1 = post("127.0.0.1", "/rdex/contact", FORM + "; charset=iso-8859-1", body);
        assertEquals(201, latin1.status(), latin1.body());
        assertEquals(1, count("select count(*) from contact_message where journey_uuid = ? and message = 'café'", uuid));
        for (String type : new String[] { FORM + "; charset=UTF-8", FORM, FORM + "; charset=x-no-such-charset",
                FORM + "; charset=utf-16" }) {
            Raw refused = post("127.0.0.1", "/rdex/contact", type, body);
            assertEquals(400, refused.status(), type + ": " + refused.body());
            assertTrue(refused.body().contains("\"invalid_input\""), refused.body());
        }
        assertEquals(1, count("select count(*) from contact_message where journey_uuid = ?", uuid));
    }

    @Test
    void believes_forwarded_proto_only_when_every_line_of_a_trusted_proxy_says_https() throws Exception {
        String behind = key(partner, "198.51.100.7");
        String body = ok().replace(enc(key), enc(behind));
        List<String> client = List.of("X-Forwarded-For: 198.51.100.7");
        Raw viaTls = post(TRUSTED_PROXY, false, "/rdex/contact",
                List.of(client.get(0), "X-Forwarded-Proto: https"), FORM, body);
        assertEquals(201, viaTls.status(), viaTls.body());
        Raw plain = post(TRUSTED_PROXY, false, "/rdex/contact",
                List.of(client.get(0), "X-Forwarded-Proto: https", "X-Forwarded-Proto: http"), FORM, body);
        assertEquals(403, plain.status(), plain.body());
        assertTrue(plain.body().contains("HTTPS"), plain.body());
        Raw untrusted = post("127.0.0.1", false, "/rdex/contact", List.of("X-Forwarded-Proto: https"), FORM, ok());
        assertEquals(403, untrusted.status(), untrusted.body());
    }

    @Test
    void revocation_on_another_instance_is_seen_within_one_second() throws Exception {
        https().contentType(FORM).body(ok()).when().post("/rdex/contact").then().statusCode(201);
        String id = key.substring(5, 21);
        // As another instance would: its own transaction, its own NOTIFY.
        try (var c = db(); var s = c.prepareStatement(
                "update partner_key set revoked_at = now() where id = ?; select pg_notify('rdex_keys', ?)")) {
            s.setString(1, id);
            s.setString(2, id);
            s.execute();
        }
        Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                https().contentType(FORM).body(ok()).when().post("/rdex/contact").then().statusCode(403)
                        .body("error.message_user", containsString("revoked")));
    }

    @Test
    void revocation_through_the_admin_api_and_expiry_are_enforced() throws Exception {
        https().contentType(FORM).body(ok()).when().post("/rdex/contact").then().statusCode(201);
        String id = key.substring(5, 21);
        admin().when().delete("/admin/keys/" + id).then().statusCode(200).body("state", is("revoked"));
        https().contentType(FORM).body(ok()).when().post("/rdex/contact").then().statusCode(403);
        admin().when().get("/admin/keys").then().statusCode(200)
                .body("keys.find { it.id == '" + id + "' }.state", is("revoked"))
                .body("keys.find { it.id == '" + id + "' }.key", org.hamcrest.Matchers.nullValue());

        String expiring = key(partner, "127.0.0.1", "::1");
        https().contentType(FORM).body(ok().replace(enc(key), enc(expiring))).when().post("/rdex/contact").then().statusCode(201);
        try (var c = db(); var s = c.prepareStatement("update partner_key set expires_at = now() - interval '1 second' where id = ?")) {
            s.setString(1, expiring.substring(5, 21));
            s.executeUpdate();
        }
        // No NOTIFY here: a key that reaches its expiry date is refused on the clock alone... once the cache
        // knows the date. An expiry set behind the server's back is seen after notification or cache TTL.
        try (var c = db(); var s = c.prepareStatement("select pg_notify('rdex_keys', ?)")) {
            s.setString(1, expiring.substring(5, 21));
            s.execute();
        }
        Awaitility.await().atMost(Duration.ofSeconds(1)).untilAsserted(() ->
                https().contentType(FORM).body(ok().replace(enc(key), enc(expiring))).when().post("/rdex/contact")
                        .then().statusCode(403).body("error.message_user", containsString("expired")));
    }

    @Test
    void answers_429_with_retry_after_over_the_rate_limit() {
        io.restassured.response.Response last = null;
        for (int i = 0; i < 80 && (last == null || last.statusCode() != 429); i++) {
            last = https().contentType(FORM).body(ok()).when().post("/rdex/contact");
        }
        last.then().statusCode(429).header("Retry-After", notNullValue()).body("error.name", is("too_many_post"));
        assertTrue(Integer.parseInt(last.header("Retry-After")) >= 1);
    }

    @Test
    void answers_503_and_stores_nothing_when_the_database_cannot_take_the_message() throws Exception {
        https().contentType(FORM).body(ok()).when().post("/rdex/contact").then().statusCode(201);
        try (var c = db(); var s = c.createStatement()) {
            c.setAutoCommit(false);
            // Another session holds the table: the INSERT waits, is cancelled at the store timeout.
            s.execute("lock table contact_message in access exclusive mode");
            https().contentType(FORM).body(ok()).when().post("/rdex/contact").then().statusCode(503)
                    .header("Retry-After", notNullValue()).body("error.name", is("service_unavailable"));
            c.rollback();
        }
        assertEquals(1, count("select count(*) from contact_message where journey_uuid = ?", uuid));
    }
}
