package org.rdex.server.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;

/** A signed-in operator of the console, over plain HTTP on the management port, as a browser would be. */
public final class ConsoleClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;
    private final String session;

    private ConsoleClient(int port, String session) {
        this.port = port;
        this.session = session;
    }

    /** Signs in with {@code %test.rdex.admin.token}. */
    public static ConsoleClient signIn(int managementPort) {
        Response page = given().port(managementPort).get("/console/login");
        Matcher csrf = CSRF.matcher(page.asString());
        assertTrue(csrf.find(), page.asString());
        Response login = given().port(managementPort).redirects().follow(false)
                .cookie("rdex_console_pre", page.cookie("rdex_console_pre"))
                .formParam("_csrf", csrf.group(1)).formParam("token", "test-admin-token").post("/console/login");
        assertEquals(303, login.statusCode(), login.asString());
        return new ConsoleClient(managementPort, login.cookie("rdex_console"));
    }

    /** A page, asserted to render (200, not the console's error page); returns its HTML. */
    public String page(String path) {
        Response response = given().port(port).cookie("rdex_console", session).redirects().follow(false).get(path);
        String html = response.asString();
        assertEquals(200, response.statusCode(), path + ": " + html);
        assertTrue(!html.contains("Something went wrong"), path + ": " + html);
        return html;
    }
}
