package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
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
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.api.AdminToken;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app in Debian's headless Chromium against a real server: log in, set a policy, enrol the
 * browser as a terminal, send it a mail over SMTP, see it arrive, mark it read, and see the Activity page
 * explain the decision. Every page is kept as a screenshot under {@code target/screenshots}, and no page
 * may log a console error.
 */
class WebAppBrowserIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String PASSWORD = "alice-web-password";

    @TempDir
    Path directory;

    private Path data;
    private MailpushServer server;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private final List<String> consoleErrors = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        data = directory.resolve("data");
        server = MailpushServer.start(ServerConfig.read(Settings.of(Map.of(), "", Map.of(),
                Map.of("data-dir", data.toString(), "smtp.port", "0", "http.port", "0"))), InstantSource.system());
        Admin.addUser(server.httpPort(), data, "alice", "alice@example.com");
        setPassword(data, "alice", PASSWORD);
        browser = chromium(directory.resolve("chromium-profile"));
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
    void aMailPushedToTheBrowserTerminalIsShownReadAndExplained() throws Exception {
        open("/index.html");
        screenshot("login");
        browser.findElement(By.id("user")).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/devices.html"));

        open("/policy.html");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("add-rule"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rules li .r-kind")));
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Policy saved"));

        open("/terminal.html");
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("enrol-name")));
        name.clear();
        name.sendKeys("Test browser");
        browser.findElement(By.cssSelector("#enrol-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("link-state"), "connected as browser-"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-state"), "Reported"));

        OtherTerminal phone = OtherTerminal.connect(server.httpPort(), data, "alice", "alice-phone");
        try (Mailer mailer = new Mailer(server.smtpPort())) {
            assertThat(mailer.send("carol@example.org", "alice@example.com", "Lunch on Friday?", 0, 0)).isEqualTo(250);
        }
        WebElement mail = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#inbox li[data-mail]")));
        assertThat(mail.getText()).contains("Lunch on Friday?", "carol@example.org", "Hello from carol@example.org.");
        screenshot("terminal-mail");
        mail.findElement(By.cssSelector("button.mark-read")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#inbox li[data-mail] .flag-state"), "read"));
        // Read in the browser is read on the user's other terminal too (SPEC M7).
        assertThat(phone.awaitMessage("flags").path("seen").asBoolean()).isTrue();
        phone.close();

        sendHtmlMail();
        WebElement html = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#inbox li[data-mail] .html-body")));
        assertThat(html.findElement(By.tagName("b")).getText()).isEqualTo("bold words");
        assertThat(html.findElements(By.cssSelector("script, style, iframe, [onerror], [onclick], [style], img"))).isEmpty();
        assertThat(html.findElement(By.tagName("a")).getAttribute("href")).isEqualTo("https://example.org/");
        assertThat(html.findElement(By.tagName("a")).getAttribute("rel")).contains("noopener");
        assertThat(browser.findElements(By.cssSelector("#inbox li[data-mail] > img"))).hasSize(1);
        assertThat(browser.executeScript("return window.mailpushPwned === undefined")).isEqualTo(true);
        screenshot("terminal-html");

        open("/activity.html");
        By lunch = By.xpath("//ol[@id='mails']/li[.//h2[text()='Lunch on Friday?']]");
        WebElement explained = wait.until(ExpectedConditions.visibilityOfElementLocated(lunch));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(lunch, "rule 1 'in use'"));
        wait.until(driver -> driver.findElement(lunch).findElement(By.cssSelector(".flags")).getText().equals("read"));
        explained = browser.findElement(lunch);
        WebElement browserRow = explained.findElement(By.cssSelector("tr[data-device^='browser-']"));
        assertThat(browserRow.findElement(By.cssSelector("td.reason")).getText()).startsWith("Test browser: input").contains("rule 1 'in use'");
        assertThat(browserRow.findElement(By.cssSelector(".badge")).getText()).isEqualTo("FULL");
        WebElement phoneRow = explained.findElement(By.cssSelector("tr[data-device='alice-phone']"));
        assertThat(phoneRow.findElement(By.cssSelector(".badge")).getText()).isEqualTo("NONE");
        assertThat(phoneRow.findElement(By.cssSelector("td.reason")).getText())
                .isEqualTo("alice-phone: no report yet; not picked by rule 1 'in use'");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(lunch, "acknowledged"));
        screenshot("activity");

        open("/devices.html");
        WebElement device = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#devices li[data-device^='browser-']")));
        wait.until(ExpectedConditions.textToBePresentInElement(device, "in use"));
        assertThat(device.getText()).contains("Test browser", "connected", "last report");
        screenshot("devices");

        open("/policy.html");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rules li .r-kind")));
        browser.findElement(By.cssSelector("#preview-form button[type=submit]")).click();
        WebElement preview = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#preview .card")));
        assertThat(preview.getText()).contains("would go to", "Test browser");
        screenshot("policy");

        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        open("/devices.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#devices li[data-device]")));
        screenshot("devices-phone");

        collectConsoleErrors();
        assertThat(consoleErrors).as("console errors").isEmpty();
    }

    /** A mail with only HTML — with a script, handlers, a style and a remote image in it — and a picture attached. */
    private void sendHtmlMail() throws Exception {
        var properties = new java.util.Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(server.smtpPort()));
        var session = jakarta.mail.Session.getInstance(properties);
        var message = new jakarta.mail.internet.MimeMessage(session);
        message.setFrom("dave@example.org");
        message.setRecipients(jakarta.mail.Message.RecipientType.TO, "alice@example.com");
        message.setSubject("Newsletter");
        var html = new jakarta.mail.internet.MimeBodyPart();
        html.setContent("<html><head><style>body{display:none}</style><script>window.mailpushPwned=1</script></head><body>"
                + "<p style=\"color:red\" onclick=\"window.mailpushPwned=2\">Some <b>bold words</b> and"
                + " <a href=\"https://example.org/\" onmouseover=\"window.mailpushPwned=3\">a link</a>,"
                + " <a href=\"javascript:window.mailpushPwned=4\">another</a>.</p>"
                + "<img src=\"https://tracker.example.net/pixel.gif\" onerror=\"window.mailpushPwned=5\">"
                + "<iframe src=\"https://example.net/\"></iframe></body></html>", "text/html; charset=UTF-8");
        var picture = new jakarta.mail.internet.MimeBodyPart();
        picture.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(java.util.Base64.getDecoder()
                .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), "image/png")));
        picture.setFileName("pixel.png");
        var mixed = new jakarta.mail.internet.MimeMultipart("mixed");
        mixed.addBodyPart(html);
        mixed.addBodyPart(picture);
        message.setContent(mixed);
        jakarta.mail.Transport.send(message);
    }

    private void open(String path) {
        collectConsoleErrors();
        browser.get("http://127.0.0.1:" + server.httpPort() + path);
    }

    private void collectConsoleErrors() {
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static ChromeDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private void setPassword(Path data, String user, String password) throws Exception {
        AdminToken token = AdminToken.load(data.resolve(AdminToken.FILE_NAME));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/api/admin/users/" + user + "/password"))
                        .header("Authorization", "Bearer " + token.value())
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"password\": \"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }
}
