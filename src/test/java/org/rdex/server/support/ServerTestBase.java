package org.rdex.server.support;

import static io.restassured.RestAssured.given;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * What the {@code @QuarkusTest}s that talk to a running server share: the embedded database, the tokens of
 * the {@code %test} profile, a request for each interface (platform API, management interface with the admin
 * token, TLS port), and the data source for tests that check what the database holds.
 *
 * <p>Subclasses still carry {@code @QuarkusTest} (and their own {@code @TestProfile}, if any).
 */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
public abstract class ServerTestBase {

    /** {@code %test.rdex.platform.token}. */
    public static final String PLATFORM_TOKEN = "Bearer test-platform-token";
    /** {@code %test.rdex.admin.token}. */
    public static final String ADMIN_TOKEN = "Bearer test-admin-token";

    /** For reads that check the database itself; test data comes through services or the API. */
    @Inject
    protected DataSource dataSource;

    /** The platform API on the test HTTP port, with our platform's token. */
    protected static RequestSpecification platform() {
        return given().header("Authorization", PLATFORM_TOKEN);
    }

    /** The management interface, without a token. */
    protected static RequestSpecification management() {
        return given().baseUri("http://127.0.0.1").port(managementPort());
    }

    /** The admin API on the management interface, with the admin token. */
    protected static RequestSpecification admin() {
        return management().header("Authorization", ADMIN_TOKEN);
    }

    /** The TLS port, whose certificate is self-signed in tests. */
    protected static RequestSpecification https() {
        return given().relaxedHTTPSValidation().baseUri("https://localhost").port(httpsPort());
    }

    protected static int managementPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
    }

    protected static int httpsPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-ssl-port", Integer.class).orElse(8444);
    }
}
