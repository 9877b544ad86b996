package org.mailpush.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mailpush.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mailpush demo}: a server with a demo user, three simulated terminals and a stream of mail. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run a demo: the server on embedded defaults with a fresh database, a demo user, three simulated"
                + " terminals (phone, laptop, desktop) whose use changes every few seconds, and a mail every few seconds over"
                + " SMTP. Open the printed address and log in to watch the devices, the decisions and their reasons live.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8025",
            description = "HTTP port of the web app (default ${DEFAULT-VALUE}; 0: any free one)")
    private int httpPort;

    @Option(names = "--smtp-port", paramLabel = "PORT", defaultValue = "0", description = "SMTP port (default: any free one)")
    private int smtpPort;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the demo keeps its database (default: a new temporary directory)")
    private Path dataDirectory;

    @Option(names = "--mail-every", paramLabel = "SECONDS", defaultValue = "6", description = "seconds between two mails (default ${DEFAULT-VALUE})")
    private int mailEvery;

    @Option(names = "--scene-every", paramLabel = "SECONDS", defaultValue = "20",
            description = "seconds a scene of the user's day lasts (default ${DEFAULT-VALUE})")
    private int sceneEvery;

    @Override
    public Integer call() throws Exception {
        if (mailEvery < 1 || sceneEvery < 1) {
            throw new IllegalArgumentException("--mail-every and --scene-every must be at least 1 second");
        }
        PrintStream out = System.out;
        Path data = dataDirectory != null ? dataDirectory : Files.createTempDirectory("mailpush-demo-");
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // Ctrl-C: the hook lets the demo stop its terminals and the server before the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mailpush-demo-stop"));
        var settings = new Demo.Settings(data, httpPort, smtpPort, Duration.ofSeconds(mailEvery), Duration.ofSeconds(sceneEvery));
        try (Demo demo = Demo.start(settings, out)) {
            out.printf("%nmailpush demo is running.%n%n  Open   %s%n  Log in as '%s' with the password %s%n%n"
                    + "  Mail for %s goes to SMTP 127.0.0.1:%d; the data is in %s.%n  Stop with Ctrl-C.%n%n",
                    demo.address().resolve("/index.html"), Demo.USER, demo.password(), Demo.ADDRESS, demo.smtpPort(), data);
            demo.play(settings, out);
            stopped.await();
        } finally {
            closed.countDown();
        }
        return 0;
    }
}
