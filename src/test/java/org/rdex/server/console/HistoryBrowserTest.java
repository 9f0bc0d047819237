package org.rdex.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rdex.server.export.ExportResult;
import org.rdex.server.export.ExportService;
import org.rdex.server.imports.ImportCommand;
import org.rdex.server.support.Cli;
import org.rdex.server.support.PostgresResource;
import org.rdex.server.support.ProtocolFixtures;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * The History and Audit pages in headless Chromium: each chart drawn from data this test made through the API
 * (exports, a partner's imports, a refused key, a failed live call, the relay), and the audit entries that the
 * admin API and the console's forms leave. Skipped without chromium like {@link ConsoleBrowserTest}.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class HistoryBrowserTest {

    private static final int DAYS = 8;
    private static WebDriver browser;
    private static Path profile;

    @ConfigProperty(name = "quarkus.management.test-port", defaultValue = "9001")
    int managementPort;
    @Inject
    ExportService exports;
    @Inject
    org.rdex.server.overview.DemoHistory demo;

    @BeforeAll
    static void startBrowser() throws IOException {
        Optional<Path> chromium = ConsoleBrowserTest.find("CHROMIUM_BIN", "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Optional<Path> driver = ConsoleBrowserTest.find("CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        if (chromium.isEmpty() || driver.isEmpty()) {
            String missing = "Browser tests need chromium and chromium-driver (apt-get install -y chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(missing + ": CI=true, so they fail rather than skip");
            }
            Assumptions.abort(missing + "; skipped outside CI");
        }
        profile = Files.createTempDirectory("rdex-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort().build(), options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + managementPort + path);
    }

    private WebElement id(String id) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.findElement(By.id(id)));
    }

    private void signIn() {
        browser.manage().deleteAllCookies();
        open("/console");
        id("token").sendKeys("test-admin-token");
        submit("sign-in");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().endsWith("/console"));
    }

    private void submit(String buttonId) {
        WebElement page = browser.findElement(By.tagName("html"));
        id(buttonId).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> {
            try {
                page.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                return e.getMessage() != null && e.getMessage().contains("does not belong to the document");
            }
        });
    }

    private void screenshot(String name) {
        String dir = System.getProperty("console.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, "console-" + name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<WebElement> in(String chartId, String css) {
        return id("chart-" + chartId).findElements(By.cssSelector(css));
    }

    private static String newPartner() {
        String name = ProtocolFixtures.unique("hb");
        ProtocolFixtures.admin().contentType(ContentType.JSON).body(Map.of("name", name, "operator", "Op " + name,
                "sites", List.of(name + ".example"))).when().post("/admin/partners").then().statusCode(201);
        return name;
    }

    @Test
    void draws_each_chart_from_the_data_made_through_the_api() {
        String partner = newPartner();
        for (int i = 0; i < 2; i++) {
            Cli.Run imported = Cli.run(ImportCommand.class, "--partner", partner, "--file",
                    Path.of("src/test/resources/rdex/spec-example.xml").toString());
            assertEquals(0, imported.exit(), imported.out() + imported.err());
            ExportResult export = exports.export(Optional.empty());
            assertEquals(ExportResult.Status.PUBLISHED, export.status(), export.summary());
        }
        io.restassured.path.json.JsonPath issued = ProtocolFixtures.key(partner, "10.9.9.9");
        String keyId = issued.getString("id");
        String key = issued.getString("key");
        ProtocolFixtures.https().contentType("application/x-www-form-urlencoded").formParam("Key", key)
                .formParam("Id", "x").formParam("From", "a@b.example").formParam("Site", partner + ".example")
                .formParam("Message", "hi").when().post("/rdex/contact").then().statusCode(403);
        // Port 9 on loopback refuses the connection: one failed live call, recorded as unreachable.
        ProtocolFixtures.admin().contentType(ContentType.JSON).body(Map.of("rdex12Url", "http://127.0.0.1:9/rdex",
                "rdex12Apikey", "pub", "rdex12PrivateKey", "private", "timeoutMs", 2000)).when()
                .put("/admin/partners/" + partner + "/protocol").then().statusCode(200);
        io.restassured.RestAssured.given().header("Authorization", ProtocolFixtures.PLATFORM).when()
                .get("/api/v1/journeys/search?fromLat=48.85&fromLon=2.35&toLat=45.76&toLon=4.83&live=true")
                .then().statusCode(200);
        int exportRuns = ProtocolFixtures.admin().queryParam("days", DAYS).when().get("/admin/history/export").then()
                .statusCode(200).extract().jsonPath().getList("$").size();

        signIn();
        open("/console/history?days=" + DAYS);
        assertTrue(exportRuns >= 2, "two exports made here");
        for (String chart : List.of("export-journeys", "export-size", "export-duration")) {
            // rect.bar matches failed bars too (class "bar failed").
            assertEquals(exportRuns, in(chart, "svg rect.bar").size(), chart);
        }
        String importChart = "import-" + partner;
        assertEquals(3 * 2, in(importChart, "svg circle.point").size(), "accepted, rejected, expired for 2 imports");
        assertEquals(3, in(importChart, "svg polyline.line").size());
        assertEquals(3 * DAYS, in("relay-messages", "svg circle").size(), "received, delivered, failed per day");
        assertEquals(DAYS, in("relay-latency", "svg rect.bar").size());
        String live = OverviewChartsIds.live(partner);
        assertEquals(List.of("calls", "unreachable"), in(live, "svg text.legend").stream().map(WebElement::getText).toList());
        assertEquals(2 * DAYS, in(live, "svg circle").size());
        assertTrue(id("chart-" + live).getAttribute("class").contains("attention"), "a failed call asks for attention");
        assertTrue(in("keys-refused", "svg text.legend").stream().anyMatch(t -> t.getText().equals("wrong ip")));
        WebElement refused = id("refused-keys").findElements(By.tagName("tr")).stream()
                .filter(r -> r.getText().contains(keyId)).findFirst().orElseThrow();
        assertTrue(refused.getText().contains("wrong_ip") && refused.getText().endsWith("1"), refused.getText());
        assertFalse(browser.getPageSource().contains("style="), "no style attribute under the CSP");

        open("/console/history?days=0");
        assertTrue(browser.getPageSource().contains("The period must be"), "a period out of range is refused");
    }

    @Test
    void lists_the_audit_trail_filtered_by_partner_with_the_consoles_own_changes() {
        String partner = newPartner();
        String other = newPartner();
        String keyId = ProtocolFixtures.key(partner, "10.9.9.9").getString("id");
        signIn();
        open("/console/partners/" + partner);
        WebElement operator = id("operator");
        operator.clear();
        operator.sendKeys("Changed in the console");
        submit("save");

        open("/console/audit");
        new org.openqa.selenium.support.ui.Select(id("audit-partner")).selectByValue(partner);
        submit("audit-apply");
        assertTrue(browser.getCurrentUrl().contains("partner=" + partner), browser.getCurrentUrl());
        List<WebElement> rows = browser.findElements(By.cssSelector("#audit tr.audit-entry"));
        List<String> actions = rows.stream().map(r -> r.findElement(By.className("action")).getText()).toList();
        List<String> actors = rows.stream().map(r -> r.findElement(By.className("actor")).getText()).toList();
        assertEquals(List.of("partner.update", "key.issue", "partner.add"), actions);
        assertEquals(List.of("console", "admin token", "admin token"), actors);
        assertTrue(rows.get(0).getText().contains("Changed in the console") && rows.get(0).getText().contains("Op " + partner),
                "before and after: " + rows.get(0).getText());
        assertTrue(rows.get(1).getText().contains(keyId));
        assertFalse(id("audit").getText().contains(other), "only the partner asked for");
    }

    @Test
    void each_console_form_leaves_its_audit_entry_and_no_secret() {
        String partner = newPartner();
        signIn();
        open("/console/partners/" + partner);
        type("key", "their-audited-key-77");
        submit("store-key");
        submit("remove-key");
        type("rdex12Url", "https://" + partner + ".example/rdex");
        type("rdex12Apikey", "pub-audited");
        type("rdex12PrivateKey", "signing-audited-secret");
        submit("save-protocols");
        open("/console/keys");
        new org.openqa.selenium.support.ui.Select(id("partner")).selectByValue(partner);
        type("ips", "127.0.0.1");
        submit("issue");
        String issued = id("secret").getText();
        String keyId = issued.split("_")[1];
        open("/console/keys");
        submit("revoke-" + keyId);

        open("/console/audit?partner=" + partner);
        List<WebElement> rows = browser.findElements(By.cssSelector("#audit tr.audit-entry"));
        List<String> actions = rows.stream().map(r -> r.findElement(By.className("action")).getText()).toList();
        List<String> actors = rows.stream().map(r -> r.findElement(By.className("actor")).getText()).toList();
        assertEquals(List.of("key.revoke", "key.issue", "protocol.set", "partner.key.remove", "partner.key.set",
                "partner.add"), actions);
        assertEquals(List.of("console", "console", "console", "console", "console", "admin token"), actors);
        String page = browser.getPageSource();
        for (String secret : List.of("their-audited-key-77", "signing-audited-secret", issued)) {
            assertFalse(page.contains(secret), "no secret typed in a form is on the audit page: " + secret);
        }
        assertTrue(rows.get(2).getText().contains("https://" + partner + ".example/rdex")
                && rows.get(2).getText().contains("\"hasRdex12PrivateKey\":true"), "what changed: " + rows.get(2).getText());
    }

    private void type(String id, String text) {
        WebElement field = id(id);
        field.clear();
        field.sendKeys(text);
    }

    /**
     * With {@code -Dconsole.screenshots=DIR} only ({@code scripts/screenshots.sh}): the seeded week of {@code demo
     * history}, as the README's screenshots show it. The partner whose last import failed comes first, then the one
     * whose rejections jumped.
     */
    @Test
    void screenshots_a_seeded_week_of_history() throws Exception {
        Assumptions.assumeTrue(System.getProperty("console.screenshots") != null, "only when taking screenshots");
        demo.seed(DAYS);
        signIn();
        open("/console/history?days=" + DAYS);
        List<String> imports = browser.findElements(By.cssSelector("#imports figure")).stream()
                .map(f -> f.getAttribute("id")).toList();
        assertTrue(imports.indexOf("chart-import-demo-ride-sud") < imports.indexOf("chart-import-demo-trajets-ouest"),
                imports.toString());
        assertTrue(id("chart-import-demo-ride-sud").getAttribute("class").contains("attention"));
        assertTrue(id("chart-import-demo-trajets-ouest").getAttribute("class").contains("attention"));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1600, 5200));
        try {
            screenshot("history-week");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
        // A few changes through the admin API, so that the audit page shows before and after.
        ProtocolFixtures.admin().contentType(ContentType.JSON).body(Map.of("operator", "Covoit Nord SAS")).when()
                .patch("/admin/partners/demo-covoit-nord").then().statusCode(200);
        ProtocolFixtures.admin().contentType(ContentType.JSON).body(Map.of("rdex12Url", "https://demo-covoit-nord.example/rdex",
                "rdex12Apikey", "their-public-half", "rdex12PrivateKey", "their-private-half")).when()
                .put("/admin/partners/demo-covoit-nord/protocol").then().statusCode(200);
        ProtocolFixtures.key("demo-covoit-nord", "203.0.113.7");
        open("/console/audit?partner=demo-covoit-nord");
        assertFalse(id("audit").getText().contains("their-private-half"), "never a secret");
        screenshot("audit");
    }
}
