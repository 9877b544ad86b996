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
                assertThat(laptop.agent().state().lastAck()).isEqualTo(5);
                assertThat(laptop.agent().state().count(MailRecord.Status.STORED)).isEqualTo(5);
                assertThat(server.mail("alice", 4).path("deliveries").get(0).path("status").asText()).isEqualTo("acked");
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
