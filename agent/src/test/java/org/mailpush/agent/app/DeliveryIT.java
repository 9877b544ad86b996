package org.mailpush.agent.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.agent.state.MailRecord;

/** Mail sent over SMTP lands in the agent's Maildir exactly once (SPEC T4, X1). */
class DeliveryIT {
    @TempDir
    Path dir;

    @Test
    void mailLandsInTheMaildirExactlyOnceAcrossAnAgentRestart() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            server.addUser("alice", "correct horse");
            TestAgent laptop = new TestAgent(dir.resolve("laptop"), server.url(), server.enrol("alice", "laptop", "laptop"), Map.of());
            try (laptop) {
                laptop.start();
                server.send("alice@example.com", "first");
                server.send("alice@example.com", "second");
                laptop.awaitMessages(2);

                laptop.stop();
                server.send("alice@example.com", "third, while the agent is stopped");
                server.send("alice@example.com", "fourth, while the agent is stopped");
                laptop.start();
                List<Path> messages = laptop.awaitMessages(4);

                laptop.stop();
                laptop.start();
                server.send("alice@example.com", "fifth");
                messages = laptop.awaitMessages(5);

                assertThat(messages).hasSize(5);
                assertThat(messages.stream().map(m -> header(m, "Subject"))).containsExactlyInAnyOrder("first", "second",
                        "third, while the agent is stopped", "fourth, while the agent is stopped", "fifth");
                laptop.awaitAcknowledged(5);
                assertThat(laptop.agent().state().count(MailRecord.Status.STORED)).isEqualTo(5);
                assertThat(server.mail("alice", 4).path("deliveries").get(0).path("status").asText()).isEqualTo("acked");
            }
        }
    }

    @Test
    void mailLandsExactlyOnceAcrossServerRestartsWhileTheAgentKeepsRunning() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"));
                TcpProxy network = new TcpProxy(server.httpPort())) {
            server.addUser("alice", "correct horse");
            try (TestAgent laptop = new TestAgent(dir.resolve("laptop"), network.url(), server.enrol("alice", "laptop", "laptop"),
                    Map.of("link.keepalive", "300ms"))) {
                laptop.start();
                server.send("alice@example.com", "before the restart");
                laptop.awaitMessages(1);

                server.restart();
                network.retarget(server.httpPort());
                server.send("alice@example.com", "after the restart");
                laptop.awaitMessages(2);

                server.restart();
                network.retarget(server.httpPort());
                server.send("alice@example.com", "after the second restart");
                List<Path> messages = laptop.awaitMessages(3);

                assertThat(messages.stream().map(m -> header(m, "Subject")))
                        .containsExactlyInAnyOrder("before the restart", "after the restart", "after the second restart");
                laptop.awaitAcknowledged(3);
            }
        }
    }

    @Test
    void mailAcceptedWhileTheAgentWasStoppedArrivesAfterTheServerRestartedOnAnotherPort() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            server.addUser("alice", "correct horse");
            try (TestAgent laptop = new TestAgent(dir.resolve("laptop"), server.url(), server.enrol("alice", "laptop", "laptop"), Map.of())) {
                laptop.start();
                server.send("alice@example.com", "first");
                laptop.awaitMessages(1);
                laptop.stop();

                server.send("alice@example.com", "accepted while the agent was stopped");
                server.restart();
                laptop.set("server.url", server.url().toString());
                laptop.start();
                List<Path> messages = laptop.awaitMessages(2);
                server.send("alice@example.com", "third");
                messages = laptop.awaitMessages(3);

                assertThat(messages.stream().map(m -> header(m, "Subject")))
                        .containsExactlyInAnyOrder("first", "accepted while the agent was stopped", "third");
                laptop.awaitAcknowledged(3);
                assertThat(laptop.agent().state().count(MailRecord.Status.STORED)).isEqualTo(3);
            }
        }
    }

    @Test
    void mailLargerThanTheTerminalTakesIsDownloadedWithTheDeviceToken() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            server.addUser("alice", "correct horse");
            String token = server.enrol("alice", "laptop", "laptop", "{\"maxMailBytes\": 1024}");
            try (TestAgent laptop = new TestAgent(dir.resolve("laptop"), server.url(), token, Map.of())) {
                laptop.start();
                String letter = "A long letter. ".repeat(400);
                server.send("alice@example.com", "a long letter", letter);

                Path message = laptop.awaitMessages(1).getFirst();

                assertThat(java.nio.file.Files.size(message)).isGreaterThan(6000);
                assertThat(java.nio.file.Files.readString(message)).contains("Subject: a long letter", "A long letter. A long letter.");
            }
        }
    }

    private static String header(Path message, String name) {
        try {
            return TestAgent.header(message, name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
