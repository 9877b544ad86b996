package org.mailpush.app;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.v156.log.Log;
import org.openqa.selenium.devtools.v156.log.model.LogEntry;
import org.openqa.selenium.devtools.v156.runtime.Runtime;
import org.openqa.selenium.devtools.v156.runtime.model.ConsoleAPICalled;
import org.openqa.selenium.devtools.v156.runtime.model.RemoteObject;

/** Debian's headless Chromium for the browser tests, and the errors its pages log. */
final class Chromium {
    private Chromium() {}

    /** A browser with its own profile directory and window size, driven through Debian's chromedriver. */
    static ChromeDriver start(Path profile, int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * Records into {@code errors}, as it happens, every error a page logs: console.error, an uncaught
     * exception, a violation the browser reports. A 401 is how a page learns that nobody is logged
     * in, and goes to the login: an answer it expects, so not an error. Returns the DevTools session.
     */
    static DevTools recordErrors(ChromeDriver browser, List<String> errors) {
        DevTools devTools = browser.getDevTools();
        devTools.createSession();
        devTools.addListener(Runtime.consoleAPICalled(), call -> {
            if (call.getType() == ConsoleAPICalled.Type.ERROR) {
                errors.add("console.error: " + call.getArgs().stream()
                        .map(arg -> arg.getDescription().or(() -> arg.getValue().map(String::valueOf)).orElse("?")).toList());
            }
        });
        devTools.addListener(Runtime.exceptionThrown(), thrown ->
                errors.add("uncaught: " + thrown.getExceptionDetails().getException()
                        .flatMap(RemoteObject::getDescription)
                        .orElse(thrown.getExceptionDetails().getText()) + " at " + thrown.getExceptionDetails().getUrl().orElse("?")));
        devTools.addListener(Log.entryAdded(), entry -> {
            boolean expected = entry.getSource() == LogEntry.Source.NETWORK && entry.getText().contains("status of 401");
            if (entry.getLevel() == LogEntry.Level.ERROR && !expected) {
                errors.add(entry.getSource() + ": " + entry.getText() + " at " + entry.getUrl().orElse("?"));
            }
        });
        devTools.send(Runtime.enable());
        devTools.send(Log.enable());
        return devTools;
    }
}
