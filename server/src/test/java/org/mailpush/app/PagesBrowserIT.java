package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.api.AdminToken;
import org.mailpush.ingest.upstream.UpstreamMailServer;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages that explain and manage — Policy in words, upstream Accounts, personal API Tokens — in
 * Debian's headless Chromium against a real server, with GreenMail as the upstream IMAP server; and
 * axe-core (server/src/test/axe, installed by scripts/test-services) on every page of the app at desktop
 * and phone width, failing on any serious or critical violation. No page may log a console error.
 * Screenshots go to {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesBrowserIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path AXE = Path.of("src", "test", "axe", "node_modules", "axe-core", "axe.min.js");
    private static final List<String> PAGES = List.of("devices", "policy", "activity", "terminal", "accounts", "tokens");
    private static final String PASSWORD = "alice-pages-password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path directory;

    private Path data;
    private MailpushServer server;
    private UpstreamMailServer upstream;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private String axe;
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        assertThat(AXE).as("axe-core is installed by scripts/test-services (npm ci in server/src/test/axe)").exists();
        axe = Files.readString(AXE);
        data = directory.resolve("data");
        server = MailpushServer.start(ServerConfig.read(Settings.of(Map.of(), "", Map.of(), Map.of("data-dir", data.toString(),
                "smtp.port", "0", "http.port", "0", "upstream.allow-private-addresses", "true"))), InstantSource.system());
        Admin.addUser(server.httpPort(), data, "alice", "alice@example.com");
        admin("PUT", "/api/admin/users/alice/password", "{\"password\": \"" + PASSWORD + "\"}");
        upstream = new UpstreamMailServer();
        upstream.addUser("alice", "upstream-secret-1");
        browser = Chromium.start(directory.resolve("chromium-profile"), 1280, 1000);
        Chromium.recordErrors(browser, consoleErrors);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Files.createDirectories(SCREENSHOTS);
        Files.deleteIfExists(SCREENSHOTS.resolve("axe-violations.txt"));
    }

    @BeforeEach
    void desktopWidth() {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        consoleErrors.clear();
    }

    @AfterEach
    void noConsoleErrors() {
        assertThat(consoleErrors).as("console errors").isEmpty();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (server != null) {
            server.close();
        }
    }

    // ---- accessibility

    @Test
    void everyPageHasNoSeriousAccessibilityViolationsAtDesktopAndPhoneWidth() throws Exception {
        // Something on every page: a rule, a token, an account, so that their rows are checked too.
        String session = logIn();
        apiAs(session, "PUT", "/api/policy", "{\"others\": \"hint\", \"rules\": [{\"kind\": \"prefer\", \"type\": \"laptop\"},"
                + " {\"kind\": \"in-use\", \"when\": {\"senders\": [\"@example.org\"]}}]}");
        apiAs(session, "POST", "/api/tokens", "{\"name\": \"axe check\", \"scopes\": [\"mail:read\"]}");
        String account = apiAs(session, "POST", "/api/accounts", imapAccount("upstream-secret-1")).path("id").asText();
        // A terminal with a mail shown, so that the terminal, devices and activity pages have theirs too.
        open("/terminal.html");
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("enrol-name")));
        name.clear();
        name.sendKeys("Checked browser");
        browser.findElement(By.cssSelector("#enrol-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("link-state"), "connected as browser-"));
        try (Mailer mailer = new Mailer(server.smtpPort())) {
            assertThat(mailer.send("carol@example.org", "alice@example.com", "Checked for accessibility", 0, 0)).isEqualTo(250);
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("inbox"), "Checked for accessibility"));
        List<String> violations = new ArrayList<>(axe("terminal with a mail"));
        screenshot("pages-terminal-mail");
        for (Dimension size : List.of(new Dimension(1280, 1000), new Dimension(390, 844))) {
            browser.manage().window().setSize(size);
            String width = size.getWidth() < 600 ? "phone" : "desktop";
            logOut();
            open("/index.html");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user")));
            violations.addAll(axe("index"));
            screenshot("pages-index-" + width);
            logIn();
            for (String page : PAGES) {
                open("/" + page + ".html");
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#who button")));
                settle(page);
                violations.addAll(axe(page));
                screenshot("pages-" + page + "-" + width);
            }
        }
        apiAs(logIn(), "DELETE", "/api/accounts/" + account, null);
        assertThat(violations).as("serious or critical axe-core violations").isEmpty();

        // The check itself works: a field without a label is found.
        open("/index.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user")));
        browser.executeScript("document.getElementById('login').append(document.createElement('input'))");
        assertThat(axe("index with an unlabelled field")).singleElement().asString().contains("label (critical)");
    }

    /** Waits until what the page loads has come. */
    private void settle(String page) {
        switch (page) {
            case "policy" -> wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rules li .sentence")));
            case "tokens" -> wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tokens tbody tr")));
            case "accounts" -> wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#accounts li .watcher")));
            // Logging out ended the terminal in this browser: the page offers to enrol it again.
            case "terminal" -> wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("enrol-name")));
            default -> { }
        }
    }

    /** axe-core on the page as it is: each serious or critical violation as "page: rule (impact): help — nodes". */
    private List<String> axe(String page) {
        browser.executeScript(axe);
        Object found = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " axe.run(document, { resultTypes: ['violations'] }).then(r => done(JSON.stringify(r.violations"
                + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', ')))))"
                + ".catch(e => done(JSON.stringify(['axe failed: ' + e])))");
        List<String> all = new ArrayList<>();
        try {
            JSON.readTree((String) found).forEach(v -> all.add(page + ": " + v.asText()));
            // Every violation, moderate and minor ones too, for a reader of the test output.
            Files.writeString(SCREENSHOTS.resolve("axe-violations.txt"), String.join("\n", all) + (all.isEmpty() ? "" : "\n"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return all.stream().filter(v -> v.contains(" (serious): ") || v.contains(" (critical): ")).toList();
    }

    // ---- policy in words

    @Test
    void thePolicyReadsInWordsAndAnEmptyOneExplainsTheFallback() throws Exception {
        String session = logIn();
        apiAs(session, "PUT", "/api/policy", "{\"rules\": []}");
        open("/policy.html");
        WebElement fallback = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("fallback")));
        wait.until(ExpectedConditions.textToBePresentInElement(fallback, "No rules yet"));
        assertThat(fallback.getText()).contains("every terminal that may be on");
        assertThat(text("reporting-help")).startsWith("Heartbeat:");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("reporting"))).selectByValue("probe");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reporting-help"), "Probe on each mail: when a mail arrives"));

        browser.findElement(By.id("add-rule")).click();
        WebElement sentence = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rules li .sentence")));
        assertThat(sentence.getText()).isEqualTo("Send it to the terminal in use.");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("others"))).selectByValue("hint");
        wait.until(ExpectedConditions.textToBePresentInElement(sentence, "Send it to the terminal in use; hint the others."));
        assertThat(text("others-help")).contains("a short hint naming where the mail went");
        assertThat(text("fallback")).startsWith("When no rule picks a terminal, every terminal that may be on");

        browser.findElement(By.id("add-rule")).click();
        WebElement kind = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rules li[data-index='1'] .r-kind")));
        new org.openqa.selenium.support.ui.Select(kind).selectByValue("prefer");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#rules li[data-index='1'] .sentence"),
                "If a laptop is on, send it there"));
        WebElement second = browser.findElement(By.cssSelector("#rules li[data-index='1']"));
        second.findElement(By.cssSelector("details summary")).click();
        second.findElement(By.cssSelector(".r-senders")).sendKeys("boss@example.com, @family.example");
        new org.openqa.selenium.support.ui.Select(second.findElement(By.cssSelector(".r-importance"))).selectByValue("high");
        wait.until(ExpectedConditions.textToBePresentInElement(second.findElement(By.cssSelector(".sentence")),
                "For mail from boss@example.com or anyone at family.example, of high importance: if a laptop is on, send it there"));

        browser.findElement(By.id("escalate")).click();
        WebElement after = browser.findElement(By.id("escalation-after"));
        after.clear();
        after.sendKeys("2");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("escalation-unit"))).selectByValue("H");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("escalation-help"),
                "If no terminal that got it has acknowledged it within 2 h, it also goes to the next choice."));
        List<String> summary = browser.findElements(By.cssSelector("#sentences li")).stream().map(WebElement::getText).toList();
        assertThat(summary).hasSize(2);
        screenshot("pages-policy-words");

        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Policy saved"));
        JsonNode saved = apiAs(session, "GET", "/api/policy", null);
        assertThat(saved.at("/escalation/after").asText()).isEqualTo("PT2H");
        assertThat(saved.path("reporting").asText()).isEqualTo("probe");

        open("/policy.html");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#rules li[data-index='0'] .sentence"),
                "Send it to the terminal in use; hint the others."));
        assertThat(browser.findElement(By.id("escalation-after")).getAttribute("value")).isEqualTo("2");
        assertThat(browser.findElement(By.id("escalation-unit")).getAttribute("value")).isEqualTo("H");
        // Durations in words everywhere but the JSON itself.
        String shown = (String) browser.executeScript("const form = document.getElementById('policy-form').cloneNode(true);"
                + " form.querySelector('#json').closest('details').remove(); return form.innerText");
        assertThat(shown).doesNotContain("PT2H").doesNotContain("PT5M");
    }

    // ---- upstream accounts

    @Test
    void anUpstreamAccountIsTestedAddedWatchedAndRemovedOnTheAccountsPage() throws Exception {
        logIn();
        open("/accounts.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
        browser.findElement(By.id("account-host")).sendKeys("127.0.0.1");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("account-tls"))).selectByValue("none");
        browser.findElement(By.id("account-port")).sendKeys(Integer.toString(upstream.imapPort()));
        browser.findElement(By.id("account-username")).sendKeys("alice");
        browser.findElement(By.id("account-password")).sendKeys("not-the-password");

        browser.findElement(By.id("test-new")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("test-result"), "refused the user name or password"));
        assertThat(text("test-result")).doesNotContain("not-the-password");

        WebElement password = browser.findElement(By.id("account-password"));
        password.clear();
        password.sendKeys("upstream-secret-1");
        browser.findElement(By.id("test-new")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("test-result"),
                "Logged in to 127.0.0.1 as alice; INBOX holds 0 mails."));

        browser.findElement(By.id("add-account")).click();
        By card = By.cssSelector("#accounts li[data-account]");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Added alice at 127.0.0.1"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(card, "Watching: the server tells mailpush of new mail at once"));
        assertThat(browser.findElement(card).findElement(By.cssSelector(".watcher")).getAttribute("data-status")).isEqualTo("idle");
        browser.findElement(card).findElement(By.cssSelector("button.test")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#accounts li[data-account] .test-result"),
                "Logged in to 127.0.0.1 as alice"));

        // An account whose server is gone: the watcher fails, and says why.
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String session = browser.manage().getCookieNamed("mailpush_session").getValue();
        apiAs(session, "POST", "/api/accounts", """
                {"protocol": "pop3", "host": "127.0.0.1", "port": %d, "tls": "none", "username": "bob", "password": "pop-secret-9"}"""
                .formatted(closed));
        By failing = By.xpath("//ul[@id='accounts']/li[.//p[@data-status='failed']]");
        WebElement failed = wait.until(ExpectedConditions.visibilityOfElementLocated(failing));
        assertThat(failed.getText()).contains("bob at 127.0.0.1", "Failing:", "Next try at").doesNotContain("pop-secret-9");
        screenshot("pages-accounts");

        for (int remaining = 2; remaining > 0; remaining--) {
            browser.findElement(By.cssSelector("#accounts li[data-account] button.remove")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            int left = remaining - 1;
            wait.until(driver -> driver.findElements(card).size() == left);
        }
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
        assertThat(apiAs(session, "GET", "/api/accounts", null)).isEmpty();
    }

    // ---- personal API tokens, by keyboard only

    @Test
    void aTokenIsMadeCopiedAndRevokedWithTheKeyboardOnly() throws Exception {
        logIn();
        open("/tokens.html");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#who button")));
        tabTo("token-name");
        active().sendKeys("keyboard script");
        tabTo("scope-devices");
        active().sendKeys(Keys.SPACE);
        tabTo("create-token");
        active().sendKeys(Keys.ENTER);

        WebElement value = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-token-value")));
        String token = value.getAttribute("value");
        assertThat(token).startsWith("mpt_");
        assertThat(active().getAttribute("id")).as("focus on the new token").isEqualTo("new-token-value");
        By row = By.xpath("//table[@id='tokens']//tr[td[@class='name' and text()='keyboard script']]");
        WebElement made = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(made.findElement(By.cssSelector(".scopes")).getText()).isEqualTo("mail:read, devices");
        assertThat(made.findElement(By.cssSelector(".last-used")).getText()).isEqualTo("never");
        screenshot("pages-tokens-new");
        active().sendKeys(Keys.TAB);
        assertThat(active().getAttribute("id")).isEqualTo("copy-token");
        active().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Token copied."));

        assertThat(bearer(token, "/api/mails").statusCode()).isEqualTo(200);
        assertThat(bearer(token, "/api/devices").statusCode()).isEqualTo(200);
        assertThat(bearer(token, "/api/policy").statusCode()).isEqualTo(403);

        open("/tokens.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain(token);
        tabTo(browser.findElement(row).findElement(By.cssSelector("button.revoke")));
        active().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Token \"keyboard script\" revoked."));
        assertThat(browser.findElements(row)).isEmpty();
        assertThat(bearer(token, "/api/mails").statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenWithoutANameOrScopeIsRefusedAtTheField() {
        logIn();
        open("/tokens.html");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#who button")));
        browser.findElement(By.cssSelector("#create-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("create-error"), "Give the token a name"));
        assertThat(browser.findElement(By.id("token-name")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.findElement(By.id("token-name")).sendKeys("no scope");
        browser.findElement(By.cssSelector("input[name=scope][value='mail:read']")).click();
        browser.findElement(By.cssSelector("#create-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("create-error"), "Choose at least one"));
        assertThat(browser.findElement(By.id("new-token")).isDisplayed()).isFalse();
    }

    // ---- helpers

    /** Presses Tab until the element with this id has the focus. */
    private void tabTo(String id) {
        tabTo(browser.findElement(By.id(id)));
    }

    private void tabTo(WebElement target) {
        for (int i = 0; i < 60; i++) {
            if (active().equals(target)) {
                return;
            }
            active().sendKeys(Keys.TAB);
        }
        throw new AssertionError("Tab never reaches " + target.getAttribute("outerHTML"));
    }

    private WebElement active() {
        return browser.switchTo().activeElement();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** Logs in through the page; the session cookie, for API calls as the same user. */
    private String logIn() {
        open("/index.html");
        browser.findElement(By.id("user")).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/devices.html"));
        return browser.manage().getCookieNamed("mailpush_session").getValue();
    }

    private void logOut() {
        if (browser.manage().getCookieNamed("mailpush_session") != null) {
            open("/devices.html");
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#who button"))).click();
            wait.until(ExpectedConditions.urlContains("/index.html"));
        }
    }

    private String imapAccount(String password) {
        return """
                {"protocol": "imap", "host": "127.0.0.1", "port": %d, "tls": "none", "username": "alice", "password": "%s"}"""
                .formatted(upstream.imapPort(), password);
    }

    /** The API as the logged-in user, with the session cookie and its CSRF token. */
    private JsonNode apiAs(String session, String method, String path, String body) throws Exception {
        String cookie = "mailpush_session=" + session;
        String csrf = JSON.readTree(HTTP.send(HttpRequest.newBuilder(uri("/api/me")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("csrfToken").asText();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private HttpResponse<String> bearer(String token, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void admin(String method, String path, String body) throws Exception {
        AdminToken token = AdminToken.load(data.resolve(AdminToken.FILE_NAME));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token.value())
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + path);
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + server.httpPort() + path);
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

}
