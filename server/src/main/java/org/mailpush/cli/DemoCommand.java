package org.mailpush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mailpush.api.AdminToken;
import org.mailpush.app.MailpushServer;
import org.mailpush.app.ServerConfig;
import org.mailpush.app.Settings;
import org.mailpush.demo.DemoMail;
import org.mailpush.demo.Scene;
import org.mailpush.demo.SimulatedTerminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mailpush demo}: a server with a demo user, three simulated terminals and a stream of mail. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run a demo: the server on embedded defaults with a fresh database, a demo user, three simulated terminals",
            "(phone, laptop, desktop) whose use changes every few seconds, and a mail every few seconds over SMTP.",
            "Open the printed address and log in to watch the devices, the decisions and their reasons live.",
        })
final class DemoCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "demo";
    private static final String ADDRESS = "demo@example.com";

    @Spec
    private CommandSpec spec;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8025", description = "HTTP port of the web app (default ${DEFAULT-VALUE}; 0: any free one)")
    private int httpPort;

    @Option(names = "--smtp-port", paramLabel = "PORT", defaultValue = "0", description = "SMTP port (default: any free one)")
    private int smtpPort;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the demo keeps its database (default: a new temporary directory)")
    private Path dataDirectory;

    @Option(names = "--mail-every", paramLabel = "SECONDS", defaultValue = "6", description = "seconds between two mails (default ${DEFAULT-VALUE})")
    private int mailEvery;

    @Option(names = "--scene-every", paramLabel = "SECONDS", defaultValue = "20", description = "seconds a scene of the user's day lasts (default ${DEFAULT-VALUE})")
    private int sceneEvery;

    @Override
    public Integer call() throws Exception {
        if (mailEvery < 1 || sceneEvery < 1) {
            throw new IllegalArgumentException("--mail-every and --scene-every must be at least 1 second");
        }
        PrintStream out = System.out;
        Path data = dataDirectory != null ? dataDirectory : Files.createTempDirectory("mailpush-demo-");
        ServerConfig config = ServerConfig.read(Settings.of(Map.of(), "", Map.of(), Map.of(
                "data-dir", data.toString(), "http.port", Integer.toString(httpPort), "smtp.port", Integer.toString(smtpPort))));
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
        try (MailpushServer server = MailpushServer.start(config, InstantSource.system())) {
            URI web = server.httpAddress();
            String password = password();
            Map<String, SimulatedTerminal> terminals = setUp(server, data, password, out);
            ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
            out.printf("%nmailpush demo is running.%n%n  Open   %s%n  Log in as '%s' with the password %s%n%n"
                    + "  Mail for %s goes to SMTP 127.0.0.1:%d; the data is in %s.%n  Stop with Ctrl-C.%n%n",
                    web.resolve("/index.html"), USER, password, ADDRESS, server.smtpPort(), data);
            AtomicInteger scene = new AtomicInteger();
            timers.scheduleAtFixedRate(() -> play(Scene.DAY.get(scene.getAndIncrement() % Scene.DAY.size()), terminals, out),
                    0, sceneEvery, TimeUnit.SECONDS);
            // The terminal in use keeps reporting fresh input, as a real one does while it is used.
            timers.scheduleAtFixedRate(() -> terminals.values().forEach(SimulatedTerminal::report), 5, 5, TimeUnit.SECONDS);
            DemoMail mail = new DemoMail("127.0.0.1", server.smtpPort(), ADDRESS);
            timers.scheduleAtFixedRate(() -> {
                try {
                    out.printf("mail   %s%n", mail.sendNext());
                } catch (Exception e) {
                    out.printf("mail   could not be sent: %s%n", e.getMessage());
                }
            }, 2, mailEvery, TimeUnit.SECONDS);
            stopped.await();
            timers.shutdownNow();
            terminals.values().forEach(SimulatedTerminal::close);
        } finally {
            closed.countDown();
        }
        return 0;
    }

    /** The demo user with a password, three enrolled terminals connected over the link, and a policy set from one. */
    private Map<String, SimulatedTerminal> setUp(MailpushServer server, Path data, String password, PrintStream out) throws Exception {
        var admin = new HttpAdminClient(server.httpAddress(), AdminToken.load(data.resolve(AdminToken.FILE_NAME)));
        ObjectNode user = JSON.createObjectNode().put("id", USER).put("name", "Demo user");
        user.putArray("addresses").add(ADDRESS);
        admin.addUser(user);
        admin.setPassword(USER, password);
        Map<String, SimulatedTerminal> terminals = new LinkedHashMap<>();
        URI link = URI.create(server.httpAddress().toString().replaceFirst("^http", "ws") + "/api/link");
        for (JsonNode device : List.of(
                device("phone", "phone", "Demo phone (no pictures)", false),
                device("laptop", "laptop", "Demo laptop", true),
                device("desktop", "desktop", "Office desktop", true))) {
            String token = admin.enrolDevice(USER, device).path("token").asText();
            SimulatedTerminal terminal = new SimulatedTerminal(device.path("id").asText(), token, InstantSource.system(), out);
            terminal.connect(link);
            terminals.put(device.path("id").asText(), terminal);
        }
        terminals.get("desktop").setPolicy(JSON.readTree("""
                {"others": "hint", "rules": [
                  {"kind": "capability", "choose": "in-use"},
                  {"kind": "in-use"},
                  {"kind": "prefer", "type": "laptop"}]}"""));
        return terminals;
    }

    private static JsonNode device(String id, String type, String name, boolean pictures) {
        ObjectNode device = JSON.createObjectNode().put("id", id).put("type", type).put("name", name);
        device.putObject("capabilities").put("pictures", pictures).put("colour", pictures);
        return device;
    }

    private static void play(Scene scene, Map<String, SimulatedTerminal> terminals, PrintStream out) {
        out.printf("%nscene  %s%n", scene.title());
        scene.usage().forEach((device, usage) -> terminals.get(device).use(usage));
    }

    private static String password() {
        String letters = "abcdefghjkmnpqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            password.append(letters.charAt(random.nextInt(letters.length())));
        }
        return password.toString();
    }
}
