package org.mailpush.agent.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.agent.cli.AgentCommandAccess;

/** {@code mailpush agent enrol}, {@code policy set/show} and {@code status} against a real server (SPEC T6). */
class CommandLineIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = AgentCommandAccess.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void enrolWithTheUsersPasswordThenRun() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            server.addUser("alice", "correct horse");
            Path password = Files.writeString(dir.resolve("password"), "correct horse\n");
            Path wrong = Files.writeString(dir.resolve("wrong"), "battery staple\n");
            try (TestAgent laptop = new TestAgent(dir.resolve("laptop"), server.url(), null,
                    Map.of("capabilities.pictures", "off", "capabilities.max-mail-size", "1MiB"))) {
                laptop.unset("server.url");
                String config = laptop.configFile().toString();

                Run refused = run("enrol", "--server", server.url().toString(), "--user", "alice", "--device", "laptop",
                        "--password-file", wrong.toString(), "--config", config);
                assertThat(refused.status()).isEqualTo(1);
                assertThat(refused.err()).contains("refused the user name or password");

                Run enrolled = run("enrol", "--server", server.url().toString(), "--user", "alice", "--device", "laptop",
                        "--type", "laptop", "--name", "Alice's laptop", "--password-file", password.toString(), "--config", config);
                assertThat(enrolled.status()).as(enrolled.err()).isZero();
                assertThat(enrolled.out()).contains("enrolled laptop (laptop) of alice")
                        .contains("start the agent with: ./mailpush agent run --config " + config + "\n");
                var device = server.admin("GET", "/api/admin/users/alice/devices", null).get(0);
                assertThat(device.path("name").asText()).isEqualTo("Alice's laptop");
                assertThat(device.path("capabilities").path("pictures").asBoolean()).isFalse();
                assertThat(device.path("capabilities").path("maxMailBytes").asLong()).isEqualTo(1024 * 1024);

                laptop.start();
                server.send("alice@example.com", "after enrolling");
                assertThat(laptop.awaitMessages(1)).hasSize(1);
                Run whileRunning = run("enrol", "--user", "alice", "--password-file", password.toString(), "--config", config);
                assertThat(whileRunning.status()).isEqualTo(1);
                assertThat(whileRunning.err()).contains("stop it before enrolling again");
                laptop.stop();

                // Enrolled with another server, the terminal starts afresh: that server's mail 1 is another mail.
                try (TestServer other = TestServer.start(dir.resolve("other"))) {
                    other.addUser("alice", "correct horse");
                    Run moved = run("enrol", "--server", other.url().toString(), "--user", "alice", "--device", "laptop",
                            "--password-file", password.toString(), "--config", config);
                    assertThat(moved.status()).as(moved.err()).isZero();
                    assertThat(moved.out()).contains("kept as state.json.previous");
                    laptop.start();
                    other.send("alice@example.com", "from the other server");
                    assertThat(laptop.awaitMessages(2)).hasSize(2);
                }
            }
        }
    }

    @Test
    void plainHttpToAnotherMachineIsRefusedUnlessInsecure() throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "correct horse\n");
        Path config = Files.writeString(dir.resolve("agent.properties"), "state-dir = " + dir.resolve("state") + "\n");
        Run refused = run("enrol", "--server", "http://mail.example.com:8025", "--user", "alice", "--device", "laptop",
                "--password-file", password.toString(), "--config", config.toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("refusing plain http://mail.example.com:8025").contains("--insecure");

        // With --insecure the agent goes on to ask the server, here by this machine's name (not a loopback literal).
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            server.addUser("alice", "correct horse");
            String viaOtherName = "http://" + java.net.InetAddress.getLocalHost().getHostName() + ":" + server.url().getPort();
            Run plain = run("enrol", "--server", viaOtherName, "--user", "alice", "--device", "laptop",
                    "--password-file", password.toString(), "--config", config.toString());
            assertThat(plain.err()).contains("--insecure");
            Run insecure = run("enrol", "--insecure", "--server", viaOtherName, "--user", "alice", "--device", "laptop",
                    "--password-file", password.toString(), "--config", config.toString());
            assertThat(insecure.err()).doesNotContain("refusing plain");
        }
    }

    @Test
    void policyFromTheTerminalWithAndWithoutARunningAgent() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            server.addUser("alice", "correct horse");
            try (TestAgent laptop = new TestAgent(dir.resolve("laptop"), server.url(), server.enrol("alice", "laptop", "laptop"), Map.of());
                    TestAgent desktop = new TestAgent(dir.resolve("desktop"), server.url(), server.enrol("alice", "desktop", "desktop"),
                            Map.of())) {
                Path policy = Files.writeString(dir.resolve("policy.json"),
                        "{\"zone\": \"Europe/Berlin\", \"rules\": [{\"kind\": \"prefer\", \"type\": \"laptop\"}, {\"kind\": \"in-use\"}]}");
                Path typo = Files.writeString(dir.resolve("typo.json"), "{\"rules\": [{\"kind\": \"prefer\", \"type\": \"labtop\"}]}");

                Run none = run("policy", "show", "--config", laptop.configFile().toString());
                assertThat(none.status()).as(none.err()).isZero();
                assertThat(JSON.readTree(none.out())).isEqualTo(JSON.readTree("{\"rules\": []}"));

                Run set = run("policy", "set", policy.toString(), "--config", laptop.configFile().toString());
                assertThat(set.status()).as(set.err()).isZero();
                assertThat(set.out()).contains("\"Europe/Berlin\"", "\"prefer\"");

                desktop.start();
                Run shown = run("policy", "show", "--config", desktop.configFile().toString());
                assertThat(shown.status()).as(shown.err()).isZero();
                // Shown as it was written: the zone as given, no rule names or defaults added.
                assertThat(JSON.readTree(shown.out())).isEqualTo(JSON.readTree(Files.readString(policy)));

                Run refused = run("policy", "set", typo.toString(), "--config", desktop.configFile().toString());
                assertThat(refused.status()).isEqualTo(1);
                assertThat(refused.err()).contains("rules[0].type", "labtop");

                Run status = run("status", "--config", desktop.configFile().toString());
                assertThat(status.out()).contains("running, connected", "last acknowledged seq");
                Run stopped = run("status", "--config", laptop.configFile().toString());
                assertThat(stopped.out()).contains("not running");
            }
        }
    }
}
