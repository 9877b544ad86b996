package org.mailpush.agent.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.agent.cli.AgentCommandAccess;
import org.mailpush.agent.fixtures.Scripts;

/**
 * Sensors read from fixture files and scripts report the right state: the server's decision — and
 * its explanation (SPEC X4) — follows what the fixtures say, in heartbeat mode (reports on change)
 * and in probe mode (answers read at the moment of the probe).
 */
class SensingIT {
    private static final String TWO_HOURS = "7200000";

    @TempDir
    Path dir;
    private Path fixtures;

    @BeforeEach
    void fixtures() throws Exception {
        fixtures = Files.createDirectories(dir.resolve("fixtures"));
        Files.createDirectories(fixtures.resolve("sys/class/hwmon/hwmon4"));
    }

    /** The agent's settings: every sensor reads a fixture; it looks only when asked (status) or probed. */
    private Map<String, String> sensors(String device, boolean all) throws Exception {
        Path idle = Scripts.printing(fixtures, device + "-xprintidle", fixtures.resolve(device + ".idle"));
        Map<String, String> settings = new HashMap<>(Map.of("sense.input", "on", "sense.input.source", "command",
                "sense.input.command", idle.toString(), "sense.interval", "1h"));
        if (all) {
            Path hwmon = fixtures.resolve("sys/class/hwmon/hwmon4");
            settings.putAll(Map.of("sense.temperature", "on", "sense.temperature.file", hwmon.resolve("temp1_input").toString(),
                    "sense.proximity", "on",
                    "sense.proximity.command", Scripts.printing(fixtures, device + "-near", fixtures.resolve(device + ".near")).toString(),
                    "sense.location", "on", "sense.location.fixed", "52.5201,13.4049,15"));
        }
        return settings;
    }

    private void fixture(String name, String content) throws Exception {
        Files.writeString(fixtures.resolve(name), content + "\n");
    }

    private void hwmon(String millidegrees) throws Exception {
        Files.writeString(fixtures.resolve("sys/class/hwmon/hwmon4/temp1_input"), millidegrees + "\n");
    }

    private static JsonNode target(JsonNode mail, String device) {
        for (JsonNode target : mail.path("plans").get(0).path("plan").path("targets")) {
            if (target.path("device").asText().equals(device)) {
                return target;
            }
        }
        throw new AssertionError("no target " + device + " in " + mail);
    }

    private static String run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = AgentCommandAccess.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertThat(status).as("exit status; stderr: " + err).isZero();
        return out.toString();
    }

    @Test
    void theTerminalInUseGetsTheMailAndTheExplanationShowsWhatItsSensorsSaid() throws Exception {
        fixture("laptop.idle", "1000");
        fixture("laptop.near", "away");
        hwmon("21500");
        fixture("desktop.idle", TWO_HOURS);
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            server.addUser("alice", "correct horse");
            try (TestAgent laptop = new TestAgent(dir.resolve("laptop"), server.url(), server.enrol("alice", "laptop", "laptop"),
                    sensors("laptop", true));
                    TestAgent desktop = new TestAgent(dir.resolve("desktop"), server.url(), server.enrol("alice", "desktop", "desktop"),
                            sensors("desktop", false))) {
                laptop.start();
                desktop.start();
                server.send("alice@example.com", "warm-up");
                laptop.awaitMessages(1);
                desktop.awaitMessages(1);
                Path policy = Files.writeString(dir.resolve("policy.json"), "{\"others\": \"hint\", \"rules\": [{\"kind\": \"in-use\"}]}");
                assertThat(run("policy", "set", policy.toString(), "--config", laptop.configFile().toString())).contains("in-use");
                JsonNode reported = laptop.lookAndSync().path("lastReport");
                desktop.sync();
                assertThat(reported.path("proximity").asText()).isEqualTo("away");
                assertThat(reported.path("temperature").asDouble()).isEqualTo(21.5);
                assertThat(reported.path("power").asText()).isEqualTo("on");

                server.send("alice@example.com", "the laptop is in use");
                laptop.awaitMessages(2);
                JsonNode second = server.mail("alice", 2);
                assertThat(target(second, "laptop").path("action").asText()).isEqualTo("FULL");
                assertThat(target(second, "laptop").path("state").asText()).isEqualTo("in-use");
                assertThat(target(second, "laptop").path("reason").asText()).containsPattern("input \\d+ s ago");
                assertThat(target(second, "desktop").path("action").asText()).isEqualTo("HINT");
                assertThat(target(second, "desktop").path("state").asText()).isEqualTo("idle");
                assertThat(target(second, "desktop").path("reason").asText()).contains("no input for 2 h");

                // The user moves to the desktop, with the laptop in their lap.
                fixture("laptop.idle", TWO_HOURS);
                fixture("laptop.near", "near");
                hwmon("34000");
                fixture("desktop.idle", "500");
                JsonNode laptopStatus = laptop.lookAndSync();
                desktop.lookAndSync();
                assertThat(laptopStatus.path("lastReport").path("location").path("lat").asDouble()).isEqualTo(52.5201);
                assertThat(laptopStatus.path("lastReport").path("proximity").asText()).isEqualTo("near");

                server.send("alice@example.com", "the desktop is in use");
                desktop.awaitMessages(2);
                JsonNode third = server.mail("alice", 3);
                assertThat(target(third, "desktop").path("action").asText()).isEqualTo("FULL");
                assertThat(target(third, "desktop").path("reason").asText()).containsPattern("input \\d+ s ago");
                assertThat(target(third, "laptop").path("action").asText()).isEqualTo("HINT");
                assertThat(target(third, "laptop").path("state").asText()).isEqualTo("in-use");
                assertThat(target(third, "laptop").path("reason").asText()).contains("proximity sensor detects the user",
                        "34.0 °C (carried)");
                assertThat(laptop.messages()).hasSize(2);
            }
        }
    }

    @Test
    void aLaptopGoingToSleepIsReportedAsleepBeforeTheDelayLockIsReleased() throws Exception {
        fixture("laptop.idle", "1000");
        fixture("desktop.idle", TWO_HOURS);
        Path signals = fixtures.resolve("login1-signals");
        assertThat(new ProcessBuilder("mkfifo", signals.toString()).start().waitFor()).isZero();
        Path locks = fixtures.resolve("locks.log");
        Map<String, String> laptopSettings = new HashMap<>(sensors("laptop", false));
        laptopSettings.putAll(Map.of("sense.power", "on",
                "sense.power.command", Scripts.write(fixtures, "gdbus", "exec cat '" + signals + "'").toString(),
                "sense.power.inhibit-command", Scripts.write(fixtures, "systemd-inhibit",
                        "echo locked >> '" + locks + "'\ntrap 'kill $!; echo released >> \"" + locks + "\"; exit 0' TERM\n"
                                + "sleep 600 & wait").toString()));
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            server.addUser("alice", "correct horse");
            try (TestAgent laptop = new TestAgent(dir.resolve("laptop"), server.url(), server.enrol("alice", "laptop", "laptop"),
                    laptopSettings);
                    TestAgent desktop = new TestAgent(dir.resolve("desktop"), server.url(), server.enrol("alice", "desktop", "desktop"),
                            sensors("desktop", false))) {
                laptop.start();
                desktop.start();
                server.send("alice@example.com", "warm-up");
                laptop.awaitMessages(1);
                desktop.awaitMessages(1);
                assertThat(laptop.control("status").path("sensors").toString()).contains("power");

                try (var login1 = Files.newOutputStream(signals)) {
                    login1.write("/org/freedesktop/login1: org.freedesktop.login1.Manager.PrepareForSleep (true,)\n".getBytes());
                    login1.flush();
                    Awaiting.until("the sleep delay lock released", () -> Files.exists(locks) && Files.readString(locks).contains("released"),
                            fixtures);
                    laptop.sync();
                    desktop.sync();
                    server.send("alice@example.com", "while the laptop sleeps");
                    desktop.awaitMessages(2);
                }

                JsonNode asleep = server.mail("alice", 2);
                assertThat(target(asleep, "laptop").path("state").asText()).isEqualTo("asleep");
                assertThat(target(asleep, "desktop").path("action").asText()).isEqualTo("FULL");
            }
        }
    }

    @Test
    void inProbeModeTheServerAsksAndTheAgentsReadTheirSensorsThere() throws Exception {
        fixture("laptop.idle", TWO_HOURS);
        fixture("desktop.idle", TWO_HOURS);
        try (TestServer server = TestServer.start(dir.resolve("server"), Map.of("link.probe-deadline", "10s"))) {
            server.addUser("alice", "correct horse");
            try (TestAgent laptop = new TestAgent(dir.resolve("laptop"), server.url(), server.enrol("alice", "laptop", "laptop"),
                    sensors("laptop", false));
                    TestAgent desktop = new TestAgent(dir.resolve("desktop"), server.url(), server.enrol("alice", "desktop", "desktop"),
                            sensors("desktop", false))) {
                laptop.start();
                desktop.start();
                server.send("alice@example.com", "warm-up");
                laptop.awaitMessages(1);
                desktop.awaitMessages(1);
                Path policy = Files.writeString(dir.resolve("policy.json"),
                        "{\"reporting\": \"probe\", \"others\": \"hint\", \"rules\": [{\"kind\": \"in-use\"}]}");
                run("policy", "set", policy.toString(), "--config", desktop.configFile().toString());

                // Nobody looks at the sensors before the mail arrives: only the probe reads them.
                fixture("desktop.idle", "300");
                server.send("alice@example.com", "probed");
                desktop.awaitMessages(2);

                JsonNode probed = server.mail("alice", 2);
                assertThat(target(probed, "desktop").path("action").asText()).isEqualTo("FULL");
                assertThat(target(probed, "desktop").path("state").asText()).isEqualTo("in-use");
                assertThat(target(probed, "laptop").path("action").asText()).isEqualTo("HINT");
                assertThat(laptop.messages()).hasSize(1);
            }
        }
    }
}
