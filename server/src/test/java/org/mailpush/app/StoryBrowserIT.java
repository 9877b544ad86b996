package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.api.AdminToken;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The story pages in Debian's headless Chromium against a real server: mail sent over SMTP to a user
 * with a laptop in use and a phone asleep, and no policy, so that the fallback decides. Activity shows
 * each mail as a line of devices — the laptop got it and acknowledged it, the phone got nothing — with
 * the fallback named in the reasons, pages back to older mail, and filters by text, device and outcome;
 * with a rule and {@code "others": "hint"}, the phone's hint is part of the story too. Devices shows
 * each terminal's icon and the strip of its states. Both pages are kept as screenshots at
 * phone (390 × 844) and desktop (1280 × 900) width under {@code target/screenshots}; no page may log
 * a console error.
 */
class StoryBrowserIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String PASSWORD = "alice-story-password";
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Dimension DESKTOP = new Dimension(1280, 900);

    @TempDir
    Path directory;

    private Path data;
    private MailpushServer server;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        data = directory.resolve("data");
        server = MailpushServer.start(ServerConfig.read(Settings.of(Map.of(), "", Map.of(),
                Map.of("data-dir", data.toString(), "smtp.port", "0", "http.port", "0"))), InstantSource.system());
        Admin.addUser(server.httpPort(), data, "alice", "alice@example.com");
        admin("PUT", "/api/admin/users/alice/password", "{\"password\": \"" + PASSWORD + "\"}");
        browser = Chromium.start(directory.resolve("chromium-profile"), 1280, 900);
        Chromium.recordErrors(browser, consoleErrors);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void activityTellsEachMailsStoryAndDevicesShowTheirStatesAtAGlance() throws Exception {
        try (OtherTerminal laptop = OtherTerminal.acknowledging(server.httpPort(), data, "alice", "alice-laptop", "laptop");
                OtherTerminal phone = OtherTerminal.acknowledging(server.httpPort(), data, "alice", "alice-phone", "phone")) {
            laptop.report("{\"at\": \"" + Instant.now() + "\", \"power\": \"on\", \"lastInput\": \"" + Instant.now() + "\"}");
            phone.report("{\"at\": \"" + Instant.now() + "\", \"power\": \"asleep\"}");
            awaitStates(Map.of("alice-laptop", "in-use", "alice-phone", "asleep"));
            try (Mailer mailer = new Mailer(server.smtpPort())) {
                assertThat(mailer.send("billing@example.org", "alice@example.com", "Invoice 7781", 0, 0)).isEqualTo(250);
                for (int i = 1; i <= 24; i++) {
                    assertThat(mailer.send("carol@example.org", "alice@example.com", "Notes " + i, 0, 0)).isEqualTo(250);
                }
            }
            logIn();

            open("/activity.html");
            By newest = By.xpath("//ol[@id='mails']/li[.//h2[text()='Notes 24']]");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(newest, "acknowledged"));
            WebElement story = browser.findElement(newest);
            WebElement laptopHop = story.findElement(By.cssSelector(".story li[data-device='alice-laptop']"));
            WebElement phoneHop = story.findElement(By.cssSelector(".story li[data-device='alice-phone']"));
            assertThat(laptopHop.findElement(By.cssSelector("svg.icon-laptop")).getAttribute("aria-hidden")).isEqualTo("true");
            assertThat(laptopHop.findElement(By.cssSelector(".got")).getText()).isEqualTo("mail");
            assertThat(laptopHop.findElement(By.cssSelector(".hop-how")).getText()).matches("in [0-9.]+ (ms|s), acknowledged");
            assertThat(phoneHop.findElement(By.cssSelector("svg.icon-phone"))).isNotNull();
            assertThat(phoneHop.findElement(By.cssSelector(".got")).getText()).isEqualTo("nothing");
            assertThat(story.findElement(By.cssSelector(".flags")).getText()).isEqualTo("unread");
            WebElement received = story.findElement(By.cssSelector(".mail-head time"));
            assertThat(received.getText()).isEqualTo("just now");
            assertThat(received.getAttribute("title")).isNotBlank();

            // The reasons, one key press away.
            WebElement why = story.findElement(By.cssSelector("details.why summary"));
            assertThat(why.getText()).isEqualTo("Why");
            focus(why).sendKeys(Keys.ENTER);
            WebElement reasons = wait.until(ExpectedConditions.visibilityOf(story.findElement(By.cssSelector("details.why ul.reasons"))));
            assertThat(story.findElement(By.cssSelector("details.why")).getText())
                    .contains("No rule applied: every terminal that may be on gets it (the fallback).");
            assertThat(reasons.findElement(By.cssSelector("li[data-device='alice-laptop']")).getText())
                    .startsWith("alice-laptop was in use (input ").endsWith("so it got the mail as one that may be on (the fallback).");
            assertThat(reasons.findElement(By.cssSelector("li[data-device='alice-phone']")).getText())
                    .isEqualTo("alice-phone was asleep; the fallback sends the mail only to devices that are on, or may be.");
            assertThat(browser.findElement(By.id("main")).getText()).doesNotContainPattern("#[0-9]");
            screenshot("activity-desktop", DESKTOP);
            screenshot("activity-phone", PHONE);
            browser.manage().window().setSize(DESKTOP);

            // A page at a time: the invoice, the oldest mail, is on the second page.
            assertThat(browser.findElements(By.cssSelector("#mails > li[data-mail]"))).hasSize(20);
            WebElement text = browser.findElement(By.id("filter-text"));
            text.sendKeys("invoice");
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#mails > li[data-mail]"), 0));
            assertThat(browser.findElement(By.id("shown")).getText())
                    .isEqualTo("0 of the 20 mails loaded match. Show older mail to search further.");
            WebElement older = browser.findElement(By.id("older"));
            focus(older).sendKeys(Keys.ENTER);
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#mails > li[data-mail]"), 1));
            assertThat(browser.findElement(By.cssSelector("#mails > li[data-mail] h2")).getText()).isEqualTo("Invoice 7781");
            wait.until(ExpectedConditions.invisibilityOf(older));
            assertThat(browser.findElement(By.id("shown")).getText()).isEqualTo("1 of the 25 mails loaded match.");

            // By device and outcome: the phone got none of them, every one of them passed it over.
            text.clear();
            new Select(browser.findElement(By.id("filter-device"))).selectByVisibleText("alice-phone");
            new Select(browser.findElement(By.id("filter-outcome"))).selectByVisibleText("got the mail");
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#mails > li[data-mail]"), 0));
            new Select(browser.findElement(By.id("filter-outcome"))).selectByVisibleText("got nothing");
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#mails > li[data-mail]"), 25));
            new Select(browser.findElement(By.id("filter-device"))).selectByVisibleText("alice-laptop");
            new Select(browser.findElement(By.id("filter-outcome"))).selectByVisibleText("not acknowledged yet");
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#mails > li[data-mail]"), 0));
            assertThat(unlabelledControls()).isEmpty();

            // With a rule and hints for the others, the phone asleep gets a hint naming where the mail went.
            String policy = new ObjectMapper().readTree(Admin.post(server.httpPort(), data, "/api/admin/users/alice/tokens",
                    "{\"name\": \"policy script\", \"scopes\": [\"policy\"]}")).path("token").asText();
            HttpResponse<String> set = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/api/policy")).header("Authorization", "Bearer " + policy)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"others\": \"hint\", \"rules\": [{\"kind\": \"in-use\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            try (Mailer mailer = new Mailer(server.smtpPort())) {
                assertThat(mailer.send("carol@example.org", "alice@example.com", "Hinted", 0, 0)).isEqualTo(250);
            }
            new Select(browser.findElement(By.id("filter-device"))).selectByVisibleText("alice-phone");
            new Select(browser.findElement(By.id("filter-outcome"))).selectByVisibleText("got a hint");
            By hinted = By.cssSelector("#mails > li[data-mail] .story li[data-device='alice-phone'] .hop-how");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(hinted, "acknowledged"));
            WebElement hint = browser.findElement(By.cssSelector("#mails > li[data-mail]"));
            assertThat(browser.findElements(By.cssSelector("#mails > li[data-mail]"))).hasSize(1);
            assertThat(hint.findElement(By.cssSelector("h2")).getText()).isEqualTo("Hinted");
            assertThat(hint.findElement(By.cssSelector(".story li[data-device='alice-phone'] .got")).getText()).isEqualTo("hint");
            hint.findElement(By.cssSelector("details.why summary")).click();
            assertThat(hint.findElement(By.cssSelector("details.why")).getText()).contains("Rule 1, “in use”, decided.");
            assertThat(hint.findElement(By.cssSelector(".reasons li[data-device='alice-phone']")).getText())
                    .isEqualTo("alice-phone was asleep; it got a hint that the mail went to alice-laptop.");

            open("/devices.html");
            By laptopCard = By.cssSelector("#devices li[data-device='alice-laptop']");
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#devices li[data-device='alice-laptop'] .strip .cell"), 36));
            WebElement card = browser.findElement(laptopCard);
            List<WebElement> cells = card.findElements(By.cssSelector(".strip .cell"));
            assertThat(cells.getLast().getAttribute("class")).isEqualTo("cell state-in-use");
            assertThat(cells.getFirst().getAttribute("class")).isEqualTo("cell state-unknown");
            assertThat(cells.getLast().getAttribute("title")).endsWith(": in use");
            assertThat(card.findElement(By.cssSelector(".strip")).getAttribute("aria-label")).isEqualTo("Last 6 hours: in use 10 min");
            assertThat(card.findElement(By.cssSelector(".card-head svg.icon-laptop"))).isNotNull();
            assertThat(card.getText()).contains("alice-laptop", "in use", "connected", "last seen just now", "6 h ago", "now");
            WebElement phoneCard = browser.findElement(By.cssSelector("#devices li[data-device='alice-phone']"));
            wait.until(driver -> phoneCard.findElements(By.cssSelector(".strip .cell.state-asleep")).size() == 1);
            assertThat(phoneCard.findElement(By.cssSelector(".card-head svg.icon-phone"))).isNotNull();
            screenshot("devices-desktop", DESKTOP);
            screenshot("devices-phone", PHONE);
        }
        assertThat(consoleErrors).as("console errors").isEmpty();
    }

    /** Controls on the page without a label a screen reader would read. */
    @SuppressWarnings("unchecked")
    private List<String> unlabelledControls() {
        return (List<String>) browser.executeScript("return [...document.querySelectorAll('input, select, button, textarea')]"
                + ".filter(c => c.labels ? c.labels.length === 0 && !c.getAttribute('aria-label') && !c.textContent.trim() : false)"
                + ".map(c => c.id || c.outerHTML)");
    }

    private WebElement focus(WebElement element) {
        browser.executeScript("arguments[0].focus()", element);
        assertThat(browser.switchTo().activeElement()).isEqualTo(element);
        return element;
    }

    private void awaitStates(Map<String, String> states) throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (int attempt = 0; attempt < 500; attempt++) {
            JsonNode devices = json.readTree(Admin.get(server.httpPort(), data, "/api/admin/users/alice/devices"));
            long matching = 0;
            for (JsonNode device : devices) {
                if (device.path("state").asText().equals(states.get(device.path("id").asText()))) {
                    matching++;
                }
            }
            if (matching == states.size()) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the devices never reached " + states);
    }

    private void logIn() {
        open("/index.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user"))).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/devices.html"));
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + server.httpPort() + path);
    }

    /** What the page shows at this window size. */
    private void screenshot(String name, Dimension size) throws Exception {
        browser.manage().window().setSize(size);
        wait.until(driver -> ((Number) browser.executeScript("return window.innerWidth")).intValue() <= size.getWidth());
        Files.write(SCREENSHOTS.resolve("story-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private void admin(String method, String path, String body) throws Exception {
        AdminToken token = AdminToken.load(data.resolve(AdminToken.FILE_NAME));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                        .header("Authorization", "Bearer " + token.value())
                        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
    }
}
