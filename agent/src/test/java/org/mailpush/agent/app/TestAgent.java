package org.mailpush.agent.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.mailpush.agent.config.AgentConfig;
import org.mailpush.agent.config.AgentSettings;
import org.mailpush.agent.control.ControlClient;

/**
 * One agent of a test, configured through its own properties file (so the command line can use it
 * too), with its state and Maildir in a directory of its own. It can be stopped and started again on
 * the same state, pointed at another server URL in between.
 */
final class TestAgent implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Agent agent;

    TestAgent(Path home, URI server, String token, Map<String, String> extra) throws IOException {
        this.home = Files.createDirectories(home);
        settings.put("server.url", server.toString());
        settings.put("state-dir", home.resolve("state").toString());
        settings.put("maildir", home.resolve("Maildir").toString());
        settings.put("notify", "log");
        settings.put("sense.input", "off");
        settings.put("sense.power", "off");
        settings.put("link.reconnect-min", "50ms");
        settings.put("link.reconnect-max", "500ms");
        settings.putAll(extra);
        for (String sub : new String[] {"tmp", "new", "cur"}) {
            Files.createDirectories(maildir().resolve(sub));
        }
        Files.createDirectories(home.resolve("state"));
        if (token != null) {
            Files.writeString(home.resolve("state/token"), token + "\n");
        }
        writeConfig();
    }

    Path configFile() {
        return home.resolve("agent.properties");
    }

    Path maildir() {
        return home.resolve("Maildir");
    }

    Path stateDirectory() {
        return home.resolve("state");
    }

    /** Changes a setting for the next start, e.g. the server's URL after it restarted on another port. */
    void set(String key, String value) throws IOException {
        settings.put(key, value);
        writeConfig();
    }

    /** Leaves a setting out of the configuration file. */
    void unset(String key) throws IOException {
        settings.remove(key);
        writeConfig();
    }

    private void writeConfig() throws IOException {
        Properties properties = new Properties();
        properties.putAll(settings);
        try (Writer out = Files.newBufferedWriter(configFile(), StandardCharsets.UTF_8)) {
            properties.store(out, "test agent");
        }
    }

    TestAgent start() throws IOException {
        Map<String, String> file = AgentSettings.readFile(configFile());
        agent = Agent.start(AgentConfig.read(AgentSettings.of(file, configFile().toString(), Map.of(), System.getenv())),
                InstantSource.system());
        return this;
    }

    void stop() {
        if (agent != null) {
            agent.close();
            agent = null;
        }
    }

    Agent agent() {
        return agent;
    }

    /** The messages in the Maildir's new/ and cur/. */
    List<Path> messages() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String sub : new String[] {"new", "cur"}) {
            try (Stream<Path> list = Files.list(maildir().resolve(sub))) {
                list.forEach(files::add);
            }
        }
        return files;
    }

    /** Waits until the Maildir holds this many messages, and returns them. */
    List<Path> awaitMessages(int count) throws IOException, InterruptedException {
        Awaiting.until(count + " messages in " + maildir(), () -> messages().size() >= count,
                maildir().resolve("new"), maildir().resolve("cur"));
        return messages();
    }

    /** Waits until the agent has processed and acknowledged deliveries up to this seq (its state file is rewritten each time). */
    void awaitAcknowledged(long seq) throws IOException, InterruptedException {
        Awaiting.until("seq " + seq + " acknowledged", () -> agent.state().lastAck() >= seq, stateDirectory());
    }

    /** Waits until some message's file name satisfies the condition, and returns it. */
    Path awaitMessage(String what, Predicate<String> fileName) throws IOException, InterruptedException {
        Awaiting.until(what, () -> messages().stream().anyMatch(p -> fileName.test(p.getFileName().toString())),
                maildir().resolve("new"), maildir().resolve("cur"));
        return messages().stream().filter(p -> fileName.test(p.getFileName().toString())).findFirst().orElseThrow();
    }

    /** Asks the running agent over its control socket, as {@code agent status} and {@code agent policy} do. */
    JsonNode control(String request) throws IOException {
        return new ControlClient(stateDirectory().resolve(Agent.CONTROL_SOCKET))
                .ask(JSON.createObjectNode().put("request", request)).orElseThrow(() -> new AssertionError("the agent is not running"));
    }

    /**
     * Returns once the server has handled everything this agent sent so far: a {@code policy.get}
     * is answered only after the messages before it on the same connection.
     */
    void sync() throws IOException {
        control("policy.get");
    }

    /** Reads the sensors now (reporting what changed), then waits until the server has the report. */
    JsonNode lookAndSync() throws IOException {
        JsonNode status = control("status");
        sync();
        return status;
    }

    static String header(Path message, String name) throws IOException {
        return Files.readAllLines(message, StandardCharsets.ISO_8859_1).stream()
                .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).strip()).findFirst().orElse("");
    }

    @Override
    public void close() {
        stop();
    }
}
