package org.mailpush.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mailpush.api.AdminToken;
import org.mailpush.app.MailpushServer;
import org.mailpush.app.ServerConfig;
import org.mailpush.app.Settings;

/**
 * A running demo: a server on embedded defaults, the demo user with a fresh password, three simulated
 * terminals going through the scenes of a day, and a mail every few seconds over SMTP.
 */
public final class Demo implements AutoCloseable {
    public static final String USER = "demo";
    public static final String ADDRESS = "demo@example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How to run the demo.
     *
     * @param dataDirectory where its database lives
     * @param httpPort      0 for any free port
     * @param smtpPort      0 for any free port
     * @param mailEvery     the time between two mails
     * @param sceneEvery    how long a scene of the day lasts
     */
    public record Settings(Path dataDirectory, int httpPort, int smtpPort, Duration mailEvery, Duration sceneEvery) {
        public Settings {
            if (mailEvery.isNegative() || mailEvery.isZero() || sceneEvery.isNegative() || sceneEvery.isZero()) {
                throw new IllegalArgumentException("the demo's mail and scene intervals must be positive");
            }
        }
    }

    private final MailpushServer server;
    private final String password;
    private final Map<String, SimulatedTerminal> terminals = new LinkedHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());

    private Demo(MailpushServer server, String password) {
        this.server = server;
        this.password = password;
    }

    /** Starts the server, the demo user and the terminals; {@link #play} sets them going. */
    public static Demo start(Settings settings, PrintStream out) throws Exception {
        ServerConfig config = ServerConfig.read(org.mailpush.app.Settings.of(Map.of(), "", Map.of(), Map.of(
                "data-dir", settings.dataDirectory().toString(),
                "http.port", Integer.toString(settings.httpPort()),
                "smtp.port", Integer.toString(settings.smtpPort()))));
        MailpushServer server = MailpushServer.start(config, InstantSource.system());
        Demo demo = new Demo(server, newPassword());
        try {
            demo.setUp(config.dataDirectory(), out);
            return demo;
        } catch (Exception | Error e) {
            demo.close();
            throw e;
        }
    }

    public URI address() {
        return server.httpAddress();
    }

    public int smtpPort() {
        return server.smtpPort();
    }

    public String password() {
        return password;
    }

    private void setUp(Path data, PrintStream out) throws Exception {
        AdminToken token = AdminToken.load(data.resolve(AdminToken.FILE_NAME));
        ObjectNode user = JSON.createObjectNode().put("id", USER).put("name", "Demo user");
        user.putArray("addresses").add(ADDRESS);
        admin(token, "POST", "/api/admin/users", user);
        admin(token, "PUT", "/api/admin/users/" + USER + "/password", JSON.createObjectNode().put("password", password));
        URI link = URI.create(address().toString().replaceFirst("^http", "ws") + "/api/link");
        for (JsonNode device : List.of(
                device("phone", "phone", "Demo phone (no pictures)", false),
                device("laptop", "laptop", "Demo laptop", true),
                device("desktop", "desktop", "Office desktop", true))) {
            String deviceToken = admin(token, "POST", "/api/admin/users/" + USER + "/devices", device).path("token").asText();
            SimulatedTerminal terminal = new SimulatedTerminal(device.path("id").asText(), deviceToken, InstantSource.system(), out);
            terminals.put(device.path("id").asText(), terminal);
            terminal.connect(link);
        }
        // The policy comes from a terminal, as SPEC T6 allows.
        terminals.get("desktop").setPolicy(JSON.readTree("""
                {"others": "hint", "rules": [
                  {"kind": "capability", "choose": "in-use"},
                  {"kind": "in-use"},
                  {"kind": "prefer", "type": "laptop"}]}"""));
    }

    /** Starts the scenes of the day and the mail; what happens is printed to {@code out}. */
    public void play(Settings settings, PrintStream out) {
        AtomicInteger scene = new AtomicInteger();
        timers.scheduleAtFixedRate(() -> {
            Scene next = Scene.DAY.get(scene.getAndIncrement() % Scene.DAY.size());
            out.printf("%nscene  %s%n", next.title());
            next.usage().forEach((device, usage) -> terminals.get(device).use(usage));
        }, 0, settings.sceneEvery().toMillis(), TimeUnit.MILLISECONDS);
        // A terminal in use keeps reporting fresh input, as a real one does while it is used.
        timers.scheduleAtFixedRate(() -> terminals.values().forEach(SimulatedTerminal::report), 5, 5, TimeUnit.SECONDS);
        DemoMail mail = new DemoMail("127.0.0.1", server.smtpPort(), ADDRESS);
        timers.scheduleAtFixedRate(() -> {
            try {
                out.printf("mail   %s%n", mail.sendNext());
            } catch (Exception e) {
                out.printf("mail   could not be sent: %s%n", e.getMessage());
            }
        }, Math.min(2000, settings.mailEvery().toMillis()), settings.mailEvery().toMillis(), TimeUnit.MILLISECONDS);
    }

    private JsonNode admin(AdminToken token, String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(address().resolve(path))
                .header("Authorization", "Bearer " + token.value())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("setting up the demo: " + method + " " + path + " answered " + response.body());
        }
        return response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
    }

    private static JsonNode device(String id, String type, String name, boolean pictures) {
        ObjectNode device = JSON.createObjectNode().put("id", id).put("type", type).put("name", name);
        device.putObject("capabilities").put("pictures", pictures).put("colour", pictures);
        return device;
    }

    private static String newPassword() {
        String letters = "abcdefghjkmnpqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            password.append(letters.charAt(random.nextInt(letters.length())));
        }
        return password.toString();
    }

    @Override
    public void close() {
        timers.shutdownNow();
        terminals.values().forEach(SimulatedTerminal::close);
        server.close();
    }
}
