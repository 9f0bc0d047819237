package org.rdex.server.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

/** The console's security at the HTTP level; ConsoleBrowserTest drives it in a real browser. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class ConsoleHttpTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @ConfigProperty(name = "quarkus.management.test-port", defaultValue = "9001")
    int managementPort;
    @ConfigProperty(name = "quarkus.http.test-port", defaultValue = "8081")
    int publicPort;

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertTrue(m.find(), html);
        return m.group(1);
    }

    /** Signs in and returns the session cookie. */
    private String signIn() {
        Response page = given().port(managementPort).get("/console/login");
        Response login = given().port(managementPort).redirects().follow(false).cookie("rdex_console_pre", page.cookie("rdex_console_pre"))
                .formParam("_csrf", csrf(page.asString())).formParam("token", "test-admin-token").post("/console/login");
        assertEquals(303, login.statusCode(), login.asString());
        String cookie = login.cookie("rdex_console");
        assertNotNull(cookie);
        return cookie;
    }

    @Test
    void the_console_is_not_served_on_the_public_port() {
        given().port(publicPort).redirects().follow(false).get("/console").then().statusCode(404);
        given().port(publicPort).get("/console/login").then().statusCode(404);
        given().port(publicPort).get("/console/static/console.css").then().statusCode(404);
        given().port(managementPort).get("/console/login").then().statusCode(200).body(containsString("Admin token"));
    }

    @Test
    void sign_in_sets_a_strict_http_only_session_cookie_that_is_not_the_token() {
        Response page = given().port(managementPort).get("/console/login");
        Response login = given().port(managementPort).redirects().follow(false).cookie("rdex_console_pre", page.cookie("rdex_console_pre"))
                .formParam("_csrf", csrf(page.asString())).formParam("token", "test-admin-token").post("/console/login");
        String header = login.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith("rdex_console="))
                .findFirst().orElseThrow();
        assertTrue(header.toLowerCase().contains("httponly"), header);
        assertTrue(header.contains("SameSite=Strict"), header);
        assertFalse(header.toLowerCase().contains("secure"), "plain HTTP on loopback: no Secure flag, " + header);
        assertFalse(header.contains("test-admin-token"), header);
        given().port(managementPort).cookie("rdex_console", login.cookie("rdex_console")).get("/console")
                .then().statusCode(200).body(containsString("Health"))
                .body(containsString("rdex-database-sessions"), containsString("lockHoldersOverLimit: 0"));
    }

    @Test
    void refuses_a_wrong_token_a_forged_cookie_and_a_sign_in_without_csrf() {
        Response page = given().port(managementPort).get("/console/login");
        given().port(managementPort).cookie("rdex_console_pre", page.cookie("rdex_console_pre"))
                .formParam("_csrf", csrf(page.asString())).formParam("token", "wrong").post("/console/login")
                .then().statusCode(401).body(containsString("Wrong admin token"));
        given().port(managementPort).formParam("token", "test-admin-token").post("/console/login").then().statusCode(403);
        given().port(managementPort).redirects().follow(false).cookie("rdex_console", "abc.9999999999.def")
                .get("/console/partners").then().statusCode(303);
        given().port(managementPort).redirects().follow(false).get("/console/keys").then().statusCode(303);
    }

    @Test
    void answers_429_to_an_address_after_repeated_wrong_tokens_and_still_signs_in_others() throws Exception {
        // Another loopback address than the other tests', so that its failures hold up no one else.
        RestAssuredConfig from = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.route.local-address", InetAddress.getByName("127.0.0.66")));
        Response page = given().config(from).port(managementPort).get("/console/login");
        String pre = page.cookie("rdex_console_pre");
        String csrf = csrf(page.asString());
        for (int i = 0; i < 5; i++) {
            given().config(from).port(managementPort).cookie("rdex_console_pre", pre).formParam("_csrf", csrf)
                    .formParam("token", "wrong-" + i).post("/console/login").then().statusCode(401);
        }
        Response throttled = given().config(from).port(managementPort).cookie("rdex_console_pre", pre)
                .formParam("_csrf", csrf).formParam("token", "wrong-5").post("/console/login");
        assertEquals(429, throttled.statusCode(), throttled.asString());
        assertTrue(Long.parseLong(throttled.header("Retry-After")) >= 1, throttled.header("Retry-After"));
        // Even the right token: otherwise the answer would tell a guesser when it hit.
        given().config(from).port(managementPort).redirects().follow(false).cookie("rdex_console_pre", pre)
                .formParam("_csrf", csrf).formParam("token", "test-admin-token").post("/console/login")
                .then().statusCode(429);
        assertNotNull(signIn(), "127.0.0.1 is not held up by 127.0.0.66's failures");
    }

    @Test
    void refuses_a_form_without_the_csrf_token() {
        String session = signIn();
        given().port(managementPort).cookie("rdex_console", session).formParam("name", "csrf-less")
                .formParam("operator", "x").formParam("sites", "x.example").post("/console/partners")
                .then().statusCode(403).body(containsString("CSRF"));
        given().port(managementPort).cookie("rdex_console", session).formParam("_csrf", "forged")
                .formParam("name", "csrf-less").formParam("operator", "x").formParam("sites", "x.example")
                .post("/console/partners").then().statusCode(403);
        String html = given().port(managementPort).cookie("rdex_console", session).get("/console/partners").asString();
        assertFalse(html.contains("csrf-less"));
        given().port(managementPort).cookie("rdex_console", session).formParam("_csrf", csrf(html))
                .formParam("name", "csrf-ok").formParam("operator", "<b>x</b>").formParam("sites", "x.example")
                .post("/console/partners").then().statusCode(201)
                .body(containsString("&lt;b&gt;x&lt;/b&gt;")).body(not(containsString("<b>x</b>")));
    }

    @Test
    void every_page_renders_for_a_signed_in_operator() {
        String session = signIn();
        for (String path : new String[] { "/console", "/console/partners", "/console/keys", "/console/relay" }) {
            given().port(managementPort).cookie("rdex_console", session).get(path).then().statusCode(200)
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Cache-Control", "no-store");
        }
    }

    @Test
    void the_partners_page_names_the_live_protocols_a_partner_speaks() {
        given().port(managementPort).header("Authorization", "Bearer test-admin-token").contentType("application/json")
                .body("{\"name\":\"console-live\",\"operator\":\"LiveCo\",\"feedUrl\":\"https://live.example.org/rdex/journeys.xml.gz\","
                        + "\"sites\":[\"live.example.org\"]}")
                .post("/admin/partners").then().statusCode(201);
        given().port(managementPort).header("Authorization", "Bearer test-admin-token").contentType("application/json")
                .body("{\"rdex12Url\":\"https://live.example.org/rdex\",\"rdex12Apikey\":\"pub\",\"rdex12PrivateKey\":\"priv\","
                        + "\"contactVia\":\"rdex12\"}")
                .put("/admin/partners/console-live/protocol").then().statusCode(200);

        given().port(managementPort).cookie("rdex_console", signIn()).get("/console/partners/console-live").then().statusCode(200)
                .body(containsString("RDEX 1.0 file, RDEX 1.2; contacts over RDEX 1.2"))
                .body(not(containsString("priv")));
    }
}
