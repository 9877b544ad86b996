package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.api.AdminToken;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.v156.serviceworker.ServiceWorker;
import org.openqa.selenium.devtools.v156.serviceworker.model.RegistrationID;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app in Debian's headless Chromium against a real server: log in, set a policy, enrol the
 * browser as a terminal, send it a mail over SMTP, see it arrive, mark it read, and see the Activity page
 * explain the decision. Every page is kept as a screenshot under {@code target/screenshots}, and no page
 * may log a console error: every {@code console.error}, uncaught exception and error the browser logs
 * (a Content-Security-Policy violation, say) is collected over the DevTools protocol and fails the test.
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
    private final List<String> consoleErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private DevTools devTools;

    @BeforeEach
    void start() throws Exception {
        data = directory.resolve("data");
        server = MailpushServer.start(ServerConfig.read(Settings.of(Map.of(), "", Map.of(),
                Map.of("data-dir", data.toString(), "smtp.port", "0", "http.port", "0"))), InstantSource.system());
        Admin.addUser(server.httpPort(), data, "alice", "alice@example.com");
        setPassword(data, "alice", PASSWORD);
        browser = Chromium.start(directory.resolve("chromium-profile"), 1280, 1000);
        devTools = Chromium.recordErrors(browser, consoleErrors);
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
        // The PNG is shown; the SVG, which could run script as this origin, is only offered as a file of no type.
        assertThat(browser.findElements(By.cssSelector("#inbox li[data-mail] > img"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("#inbox li[data-mail] > img")).getAttribute("alt")).isEqualTo("pixel.png");
        WebElement drawing = browser.findElement(By.cssSelector("#inbox li[data-mail] .attachment a[download]"));
        assertThat(drawing.getAttribute("download")).isEqualTo("drawing.svg");
        assertThat(drawing.getAttribute("href")).startsWith("blob:http://127.0.0.1:");
        assertThat(drawing.getAttribute("type")).isEqualTo("application/octet-stream");
        assertThat(browser.executeScript("return window.mailpushPwned === undefined")).isEqualTo(true);
        screenshot("terminal-html");

        open("/activity.html");
        By lunch = By.xpath("//ol[@id='mails']/li[.//h2[text()='Lunch on Friday?']]");
        wait.until(ExpectedConditions.visibilityOfElementLocated(lunch));
        wait.until(driver -> driver.findElement(lunch).findElement(By.cssSelector(".flags")).getText().equals("read"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(lunch, "acknowledged"));
        WebElement explained = browser.findElement(lunch);
        assertThat(explained.findElement(By.cssSelector(".story li[data-device^='browser-'] .got")).getText()).isEqualTo("mail");
        assertThat(explained.findElement(By.cssSelector(".story li[data-device='alice-phone'] .got")).getText()).isEqualTo("nothing");
        explained.findElement(By.cssSelector("details.why summary")).click();
        assertThat(explained.findElement(By.cssSelector(".reasons li[data-device^='browser-']")).getText())
                .startsWith("Test browser was in use (input").endsWith("and rule 1 picked it.");
        assertThat(explained.findElement(By.cssSelector(".reason[data-device^='browser-']")).getText())
                .startsWith("Test browser: input").contains("rule 1 'in use'");
        assertThat(explained.findElement(By.cssSelector(".reason[data-device='alice-phone']")).getText())
                .isEqualTo("alice-phone: no report yet; not picked by rule 1 'in use'");
        screenshot("activity");

        open("/devices.html");
        WebElement device = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#devices li[data-device^='browser-']")));
        wait.until(ExpectedConditions.textToBePresentInElement(device, "in use"));
        assertThat(device.getText()).contains("Test browser", "connected", "last seen");
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

        assertThat(consoleErrors).as("console errors").isEmpty();
    }

    /**
     * The installable terminal: its service worker and manifest; a push message the push service hands
     * to the service worker (Chromium's DevTools stand in for the push service, which needs the
     * internet) shows a notification while no terminal page is open, and a retraction takes it away;
     * and enrolling the browser again renews the same device.
     */
    @Test
    void aPushReachesTheClosedTerminalAsANotificationAndEnrollingAgainKeepsTheDevice() throws Exception {
        logIn();
        open("/terminal.html");
        String device = enrol("Push browser");
        assertThat(browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " navigator.serviceWorker.ready.then(r => done(r.active.state))")).isIn("activating", "activated");
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = (Map<String, Object>) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " fetch('/manifest.webmanifest').then(r => r.json()).then(done)");
        assertThat(manifest).containsEntry("display", "standalone").containsEntry("start_url", "/terminal.html");

        String origin = "http://127.0.0.1:" + server.httpPort();
        devTools.send(org.openqa.selenium.devtools.v156.browser.Browser.grantPermissions(
                List.of(org.openqa.selenium.devtools.v156.browser.model.PermissionType.NOTIFICATIONS), Optional.of(origin), Optional.empty()));
        var registration = new java.util.concurrent.CompletableFuture<RegistrationID>();
        devTools.addListener(ServiceWorker.workerRegistrationUpdated(), registrations -> registrations.stream()
                .filter(r -> r.getScopeURL().equals(origin + "/")).findFirst()
                .ifPresent(r -> registration.complete(r.getRegistrationId())));
        devTools.send(ServiceWorker.enable());
        RegistrationID id = registration.get(20, java.util.concurrent.TimeUnit.SECONDS);

        browser.get("about:blank"); // no page of mailpush open any more
        devTools.send(ServiceWorker.deliverPushMessage(origin, id, "{\"type\": \"mail\", \"mail\": \"41\", \"seq\": 3,"
                + " \"from\": \"carol@example.org\", \"subject\": \"Lunch on Friday?\", \"preview\": \"Are you free?\","
                + " \"importance\": \"normal\", \"fetch\": \"/api/link/mails/41/raw\", \"url\": \"/terminal.html#mail-41\"}"));
        open("/devices.html"); // to look at the notifications shown meanwhile
        wait.until(driver -> notifications().contains("Lunch on Friday?|carol@example.org: Are you free?|mail-41"));
        devTools.send(ServiceWorker.deliverPushMessage(origin, id, "{\"type\": \"retract\", \"mail\": \"41\", \"seq\": 4}"));
        wait.until(driver -> notifications().isEmpty());

        browser.executeScript("localStorage.removeItem('mailpush.terminal.alice')");
        open("/terminal.html");
        assertThat(enrol("Push browser again")).as("the same device, renewed").isEqualTo(device);
        List<String> browsers = new ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(Admin.get(server.httpPort(), data, "/api/admin/users/alice/devices"))
                .forEach(d -> browsers.add(d.path("id").asText()));
        assertThat(browsers).containsExactly(device);
        assertThat(consoleErrors).as("console errors").isEmpty();
    }

    /**
     * Logging out leaves nothing of the terminal in the browser: neither its device token nor the mail it
     * showed; logged in again, the browser is enrolled again as the same device.
     */
    @Test
    void loggingOutLeavesNeitherTheTerminalsTokenNorItsMailInTheBrowser() throws Exception {
        logIn();
        open("/terminal.html");
        String device = enrol("Shared browser");
        try (Mailer mailer = new Mailer(server.smtpPort())) {
            assertThat(mailer.send("carol@example.org", "alice@example.com", "Private matters", 0, 0)).isEqualTo(250);
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("inbox"), "Private matters"));
        assertThat(storage()).containsKeys("mailpush.terminal.alice", "mailpush.terminal.alice.inbox");

        browser.findElement(By.cssSelector("#who button")).click();
        wait.until(ExpectedConditions.urlContains("/index.html"));

        assertThat(storage()).containsOnlyKeys("mailpush.terminal.alice.id");
        assertThat(String.join(" ", storage().values())).doesNotContain("Private matters");
        logIn();
        open("/terminal.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("enrol-name")));
        assertThat(browser.findElement(By.id("inbox")).getText()).doesNotContain("Private matters");
        assertThat(enrol("Shared browser")).isEqualTo(device);
        assertThat(consoleErrors).as("console errors").isEmpty();
    }

    /** A page of the app opened without a session sends the visitor to the login, and logs no error on the way. */
    @Test
    void pagesOpenedWithoutASessionGoToTheLoginWithoutAnError() {
        for (String page : List.of("devices", "policy", "activity", "terminal")) {
            open("/" + page + ".html");
            wait.until(ExpectedConditions.urlContains("/index.html?next=%2F" + page + ".html"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user")));
        }
        assertThat(consoleErrors).as("console errors").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> storage() {
        return (Map<String, String>) browser.executeScript("return Object.fromEntries(Object.entries(localStorage))");
    }

    @SuppressWarnings("unchecked")
    private List<String> notifications() {
        return (List<String>) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                // getRegistration, not ready: ready may wait on a page just loaded, past the script's timeout.
                + " navigator.serviceWorker.getRegistration().then(r => r ? r.getNotifications() : [])"
                + ".then(shown => done(shown.map(n => n.title + '|' + n.body + '|' + n.tag)))");
    }

    private void logIn() {
        open("/index.html");
        browser.findElement(By.id("user")).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/devices.html"));
    }

    /** Enrols the browser on the Terminal page under this name; the device id it got. */
    private String enrol(String deviceName) {
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("enrol-name")));
        name.clear();
        name.sendKeys(deviceName);
        browser.findElement(By.cssSelector("#enrol-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("link-state"), "connected as browser-"));
        String state = browser.findElement(By.id("link-state")).getText();
        return state.substring(state.indexOf("browser-")).strip();
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
        html.setContent("<html><head><base href=\"https://example.net/\"><style>body{display:none}</style>"
                + "<script>window.mailpushPwned=1</script></head><body>"
                + "<p style=\"color:red\" onclick=\"window.mailpushPwned=2\">Some <b>bold words</b> and"
                + " <a href=\"https://example.org/\" onmouseover=\"window.mailpushPwned=3\">a link</a>,"
                + " <a href=\"javascript:window.mailpushPwned=4\">another</a>.</p>"
                + "<img src=\"https://tracker.example.net/pixel.gif\" onerror=\"window.mailpushPwned=5\">"
                + "<iframe src=\"https://example.net/\"></iframe></body></html>", "text/html; charset=UTF-8");
        var picture = new jakarta.mail.internet.MimeBodyPart();
        picture.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(java.util.Base64.getDecoder()
                .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), "image/png")));
        picture.setFileName("pixel.png");
        var drawing = new jakarta.mail.internet.MimeBodyPart();
        drawing.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>window.opener.mailpushPwned=6</script></svg>"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), "image/svg+xml")));
        drawing.setFileName("drawing.svg");
        var mixed = new jakarta.mail.internet.MimeMultipart("mixed");
        mixed.addBodyPart(html);
        mixed.addBodyPart(picture);
        mixed.addBodyPart(drawing);
        message.setContent(mixed);
        jakarta.mail.Transport.send(message);
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + server.httpPort() + path);
    }


    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
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
