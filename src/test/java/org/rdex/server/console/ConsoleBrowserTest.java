package org.rdex.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rdex.server.contact.RelayWorker;
import org.rdex.server.export.ExportResult;
import org.rdex.server.export.ExportService;
import org.rdex.server.imports.ImportCommand;
import org.rdex.server.support.Cli;
import org.rdex.server.support.PostgresResource;
import org.rdex.server.support.ProtocolFixtures;
import org.rdex.server.support.TestJourneys;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The console in a real headless Chromium, through Selenium. Needs Debian's {@code chromium} and
 * {@code chromium-driver} ({@code .ci/run} installs them); without them the tests are skipped on a developer's
 * machine, and fail when {@code CI=true}. With {@code -Dconsole.screenshots=DIR} they also save screenshots
 * of the main pages there ({@code scripts/screenshots.sh}).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class ConsoleBrowserTest {

    private static WebDriver browser;
    private static Path profile;

    @ConfigProperty(name = "quarkus.management.test-port", defaultValue = "9001")
    int managementPort;
    @Inject
    DataSource dataSource;
    @Inject
    ExportService exports;
    @Inject
    RelayWorker worker;
    @ConfigProperty(name = "rdex.relay.webhook-url")
    String webhookUrl;

    /** Whether this server has done what a real one does before the console is looked at. */
    private static boolean active;

    static Optional<Path> find(String env, String... candidates) {
        String configured = System.getenv(env);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return Stream.of(candidates).map(Path::of).filter(Files::isExecutable).findFirst();
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        Optional<Path> chromium = find("CHROMIUM_BIN", "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Optional<Path> driver = find("CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
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
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
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

    @BeforeEach
    void signedOut() {
        open("/console/login");
        browser.manage().deleteAllCookies();
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + managementPort + path);
    }

    /** Clicks a form's button and waits until the browser has left the page it was on. */
    private void submit(String buttonId) {
        WebElement page = browser.findElement(By.tagName("html"));
        id(buttonId).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> left(page));
    }

    /** Whether {@code page}'s document is gone. */
    private static boolean left(WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            // Chrome may answer a probe of the previous document's node with this unknown error, not a stale reference.
            String message = e.getMessage();
            if (message != null && message.contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Waits for the element: after a click the next page may still be loading. */
    private WebElement id(String id) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.findElement(By.id(id)));
    }

    private void type(String id, String text) {
        WebElement field = id(id);
        field.clear();
        field.sendKeys(text);
    }

    /**
     * Once per run, before the first page: an export, a partner's file imported, one message delivered to our
     * platform's webhook and one waiting with its error, so that pages (and the screenshots) show a working server.
     */
    private void activity() throws IOException {
        if (active) {
            return;
        }
        active = true;
        String uuid = ProtocolFixtures.journey(ProtocolFixtures.unique("browser-j"), TestJourneys.punctualJson("2099-03-01"));
        ExportResult export = exports.export(Optional.empty());
        assertEquals(ExportResult.Status.PUBLISHED, export.status(), export.summary());
        String partner = ProtocolFixtures.partner(ProtocolFixtures.unique("browser-p"), "browser-p.example.org");
        Cli.Run imported = Cli.run(ImportCommand.class, "--partner", partner, "--file",
                Path.of("src/test/resources/rdex/spec-example.xml").toString());
        assertEquals(0, imported.exit(), imported.out() + imported.err());
        String key = ProtocolFixtures.key(partner, "127.0.0.1", "::1").getString("key");
        java.net.URI hookUri = java.net.URI.create(webhookUrl);
        HttpServer hook = HttpServer.create(new java.net.InetSocketAddress(hookUri.getHost(), hookUri.getPort()), 10);
        hook.createContext(hookUri.getPath(), exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        try {
            contact(key, uuid, "Bonjour, une place ?");
            worker.runOnce();
        } finally {
            hook.stop(0);
        }
        contact(key, uuid, "Bonjour, toujours une place ?");
        worker.runOnce();
    }

    private static void contact(String key, String uuid, String message) {
        ProtocolFixtures.https().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("Key", key)
                .formParam("Id", uuid).formParam("From", "Baptiste <baptiste@example.net>")
                .formParam("Site", "browser-p.example.org").formParam("Message", message)
                .when().post("/rdex/contact").then().statusCode(201);
    }

    private void signIn() {
        try {
            activity();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        open("/console");
        assertTrue(browser.getCurrentUrl().endsWith("/console/login"), browser.getCurrentUrl());
        type("token", "test-admin-token");
        submit("sign-in");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().endsWith("/console"));
        screenshot("overview");
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

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }

    @Test
    void refuses_sign_in_without_the_right_token_then_signs_in_and_out() {
        open("/console/partners");
        assertTrue(browser.getCurrentUrl().endsWith("/console/login"), "a page needs a session");
        type("token", "not-the-token");
        submit("sign-in");
        assertTrue(id("error").getText().contains("Wrong admin token"));
        assertTrue(browser.manage().getCookieNamed("rdex_console") == null);

        signIn();
        assertTrue(id("health").getText().matches("UP|DOWN"), id("health").getText());
        assertTrue(browser.manage().getCookieNamed("rdex_console").isHttpOnly());
        submit("sign-out");
        open("/console/keys");
        assertTrue(browser.getCurrentUrl().endsWith("/console/login"), "signed out");
    }

    @Test
    void adds_and_edits_a_partner() {
        signIn();
        open("/console/partners");
        type("name", "Browser-Partner");
        type("operator", "BrowserCo");
        type("feedUrl", "http://127.0.0.1:9/rdex.xml");
        type("sites", "browser.example");
        submit("add");
        assertEquals("Partner browser-partner", browser.findElement(By.tagName("h1")).getText());
        assertEquals("BrowserCo", id("p-operator").getText());

        type("contactUrl", "https://browser.example/");
        type("sites", "browser.example\nbrowser2.example");
        type("pins", "ab".repeat(32) + "\n" + "cd".repeat(32));
        submit("save");
        assertTrue(id("notice").getText().contains("Partner saved"));
        assertEquals("https://browser.example/", id("p-contact").getText());
        assertEquals("browser.example, browser2.example", id("p-sites").getText());
        assertTrue(id("p-pins").getText().contains("CD:".repeat(31) + "CD"), "two pins during a rotation, with colons as the CLI prints them");
        screenshot("partner");

        type("sites", "");
        id("sites").sendKeys(" ");
        submit("save");
        assertTrue(id("field-errors").getText().contains("sites"), "a partner keeps at least one site");
        open("/console/partners");
        assertTrue(id("partners").getText().contains("browser-partner"));
        screenshot("partners");
    }

    @Test
    void issues_a_key_shown_once_and_revokes_it() {
        signIn();
        open("/console/partners");
        type("name", "key-partner");
        type("operator", "KeyCo");
        type("sites", "key.example");
        submit("add");

        open("/console/keys");
        new Select(id("partner")).selectByValue("key-partner");
        type("ips", "127.0.0.1");
        submit("issue");
        String secret = id("secret").getText();
        assertTrue(secret.startsWith("rdex_"), secret);
        assertTrue(id("copy").isDisplayed(), "a copy button beside the key");
        screenshot("keys-issued");

        open("/console/keys");
        assertTrue(browser.findElements(By.id("secret")).isEmpty());
        assertFalse(browser.getPageSource().contains(secret), "the key is never shown again");
        String keyId = secret.split("_")[1];
        WebElement row = id("key-" + keyId);
        assertTrue(row.getText().contains("active"), row.getText());
        submit("revoke-" + keyId);
        assertTrue(id("notice").getText().contains("Key revoked"));
        assertTrue(id("key-" + keyId).getText().contains("revoked"));
        assertTrue(browser.findElements(By.id("revoke-" + keyId)).isEmpty());
    }

    @Test
    void shows_the_relay_queue_without_message_texts_and_retries_a_failed_message() throws Exception {
        execute("""
                insert into contact_message (journey_uuid, key_id, sender_pseudonym, sender_email, site, message,
                    caller_ip, state, attempts, last_error)
                values ('browser-journey', 'k', 'carol', 'carol@example.org', 'relay.example',
                    'Secret words of Carol', '127.0.0.1', 'FAILED', 8, 'SMTP 550 mailbox unavailable')""");
        long id;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select max(id) from contact_message where journey_uuid = 'browser-journey'"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }
        signIn();
        open("/console/relay");
        long pendingBefore = Long.parseLong(id("count-PENDING").getText());
        WebElement row = id("message-" + id);
        assertTrue(row.getText().contains("SMTP 550 mailbox unavailable"), row.getText());
        assertFalse(browser.getPageSource().contains("Secret words of Carol"), "never the message text");
        assertFalse(browser.getPageSource().contains("carol@example.org"), "never the sender");
        screenshot("relay");

        submit("retry-" + id);
        assertTrue(id("notice").getText().contains("queued again"));
        assertEquals(pendingBefore + 1, Long.parseLong(id("count-PENDING").getText()));
        assertTrue(browser.findElements(By.id("message-" + id)).isEmpty());
    }

    @Test
    void stores_and_removes_the_key_a_partner_issued_to_us_without_ever_showing_it() {
        signIn();
        open("/console/partners");
        type("name", "their-key-partner");
        type("operator", "TheirCo");
        type("sites", "their.example");
        submit("add");
        assertEquals("none", id("p-key").getText());

        submit("store-key");
        assertTrue(id("error-key").getText().contains("Type the key"), "a blank key changes nothing and says so");
        type("key", "their-secret-key-42");
        submit("store-key");
        assertTrue(id("notice").getText().contains("key is stored"), id("notice").getText());
        assertEquals("held", id("p-key").getText());
        assertFalse(browser.getPageSource().contains("their-secret-key-42"), "never shown back");

        submit("remove-key");
        assertTrue(id("notice").getText().contains("key is removed"), id("notice").getText());
        assertEquals("none", id("p-key").getText());
        assertTrue(browser.findElements(By.id("remove-key")).isEmpty());
    }

    @Test
    void configures_a_partners_live_protocols_keeping_what_was_typed_after_an_error() {
        signIn();
        open("/console/partners");
        type("name", "live-form-partner");
        type("operator", "LiveFormCo");
        type("sites", "live-form.example");
        submit("add");

        type("rdex12Url", "https://live-form.example/rdex");
        type("rdex12Apikey", "pub-half");
        type("timeoutMs", "fast");
        submit("save-protocols");
        assertTrue(id("error-timeoutMs").getText().contains("number of milliseconds"), id("error-timeoutMs").getText());
        assertEquals("https://live-form.example/rdex", id("rdex12Url").getAttribute("value"), "what was typed stays");
        assertEquals("fast", id("timeoutMs").getAttribute("value"));

        type("timeoutMs", "");
        submit("save-protocols");
        assertTrue(id("error-rdex12PrivateKey").isDisplayed(), "RDEX 1.2 needs its private key, said beside it");
        assertEquals("pub-half", id("rdex12Apikey").getAttribute("value"));

        type("rdex12PrivateKey", "s3cr3t-private-half");
        new Select(id("contactVia")).selectByValue("rdex12");
        submit("save-protocols");
        assertTrue(id("notice").getText().contains("Live protocols saved"), id("notice").getText());
        assertTrue(id("p-protocol").getText().contains("RDEX 1.2; contacts over RDEX 1.2"), id("p-protocol").getText());
        assertFalse(browser.getPageSource().contains("s3cr3t-private-half"), "the private key is never shown back");
        assertTrue(id("protocols").getText().contains("held; type to replace"));

        type("rdex12Url", "");
        type("rdex12Apikey", "");
        new Select(id("contactVia")).selectByValue("auto");
        submit("save-protocols");
        assertEquals("-", id("p-protocol").getText(), "emptying the URL and apikey removes RDEX 1.2 with its key");

        // Every registered protocol has its inputs, RDEX+ included, though the form names none of them.
        type("rdexplusUrl", "https://live-form.example/rdexplus");
        type("rdexplusApiKey", "plus-s3cr3t");
        new Select(id("contactVia")).selectByValue("rdexplus");
        submit("save-protocols");
        assertTrue(id("p-protocol").getText().contains("RDEX+ 2.0.1; contacts over RDEX+ 2.0.1"),
                id("p-protocol").getText());
        assertFalse(browser.getPageSource().contains("plus-s3cr3t"), "the RDEX+ key is never shown back");
        assertEquals("https://live-form.example/rdexplus", id("rdexplusUrl").getAttribute("value"));
    }

    @Test
    void shows_the_rdex12_halves_once_and_keeps_the_issue_form_after_an_error() {
        signIn();
        open("/console/partners");
        type("name", "halves-partner");
        type("operator", "HalvesCo");
        type("sites", "halves.example");
        submit("add");

        open("/console/keys");
        new Select(id("partner")).selectByValue("halves-partner");
        type("ips", "not-an-address");
        submit("issue");
        assertTrue(id("error-ips").getText().contains("not-an-address"), id("error-ips").getText());
        assertEquals("not-an-address", id("ips").getAttribute("value"), "what was typed stays");
        assertEquals("halves-partner", new Select(id("partner")).getFirstSelectedOption().getAttribute("value"));

        type("ips", "2001:0db8:0:0:0:0:0:1");
        submit("issue");
        String secret = id("secret").getText();
        String apikey = id("rdex12-apikey").getText();
        String privateHalf = id("rdex12-private").getText();
        assertTrue(secret.startsWith(apikey + "_") || secret.startsWith(apikey), secret + " / " + apikey);
        assertTrue(secret.endsWith(privateHalf) && !privateHalf.isEmpty(), "the private half is the key's secret");
        String keyId = apikey.substring("rdex_".length());
        assertTrue(id("key-" + keyId).getText().contains("2001:db8::1"), "IPv6 compressed: " + id("key-" + keyId).getText());

        open("/console/keys");
        assertFalse(browser.getPageSource().contains(privateHalf), "the halves are shown once");
    }

    @Test
    void drops_a_waiting_message_and_tries_another_now() throws Exception {
        // Waiting messages with a back-off far ahead: no call makes one, and the relay does not run in tests.
        long drop = waiting("drop-me-journey");
        long now = waiting("try-me-journey");
        signIn();
        open("/console/relay");
        assertTrue(id("pending-" + drop).getText().contains("SMTP 451 try later"), id("pending-" + drop).getText());

        submit("drop-" + drop);
        assertTrue(id("notice").getText().contains("dropped"), id("notice").getText());
        assertTrue(browser.findElements(By.id("pending-" + drop)).isEmpty());
        assertTrue(id("message-" + drop).getText().contains("dropped by the operator"), id("message-" + drop).getText());

        String before = id("pending-" + now).getText();
        assertTrue(before.contains("(in "), "the next attempt with how long until it: " + before);
        submit("retry-" + now);
        assertTrue(id("notice").getText().contains("queued again"), id("notice").getText());
        assertFalse(id("pending-" + now).getText().contains("(in "), "due now: " + id("pending-" + now).getText());
    }

    private long waiting(String journey) throws Exception {
        execute("""
                insert into contact_message (journey_uuid, key_id, sender_pseudonym, sender_email, site, message,
                    caller_ip, state, attempts, last_error, next_attempt_at)
                values ('%s', 'k', 'dan', 'dan@example.org', 'relay.example', 'Words of Dan', '127.0.0.1', 'PENDING', 2,
                    'SMTP 451 try later', now() + interval '2 hours')""".formatted(journey));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select max(id) from contact_message where journey_uuid = ?")) {
            ps.setString(1, journey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void refuses_a_form_whose_csrf_token_was_tampered_with() {
        signIn();
        open("/console/partners");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.querySelector('#add-partner input[name=_csrf]').value = 'forged';");
        type("name", "csrf-partner");
        type("operator", "CsrfCo");
        type("sites", "csrf.example");
        submit("add");
        assertTrue(id("error").getText().contains("CSRF"), id("error").getText());
        open("/console/partners");
        assertFalse(id("partners").getText().contains("csrf-partner"));
        List<WebElement> forms = browser.findElements(By.cssSelector("form[method=post]"));
        assertTrue(forms.stream().allMatch(f -> !f.findElements(By.name("_csrf")).isEmpty()), "every form carries the token");
    }
}
