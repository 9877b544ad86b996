package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.link.TerminalClient;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;

/**
 * SPEC X1 over the terminal link: a terminal that drops out in the middle of a burst, or a server
 * killed in the middle of one, still ends with every accepted mail exactly once. The terminal here
 * does what the protocol asks of every terminal: it acknowledges what it processed, resumes with
 * {@code hello.lastAck}, and drops a message whose sequence number it has already processed.
 */
class BurstIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAILS = 120;

    @TempDir
    Path directory;

    /** What a terminal showed: each mail id once, in the order processed. */
    private static final class Inbox {
        final Set<Long> shown = new LinkedHashSet<>();
        long lastProcessed;
        int duplicatesDropped;

        /** Processes the next message; returns false when it was not a mail. */
        boolean take(TerminalClient terminal) {
            ServerMessage message = terminal.next();
            long seq = message.sequence().orElse(0);
            if (seq != 0 && seq <= lastProcessed) {
                duplicatesDropped++;
                return true;
            }
            if (message instanceof ServerMessage.Mail mail) {
                assertThat(shown.add(mail.mail().value())).as("mail " + mail.mail() + " shown twice").isTrue();
                lastProcessed = seq;
                terminal.send(new TerminalMessage.Ack(seq));
                return true;
            }
            return false;
        }
    }

    @Test
    void aTerminalThatDropsOutMidBurstGetsEveryMailOnce() throws Exception {
        Path data = directory.resolve("data");
        try (ServerProcess server = ServerProcess.start(data, Map.of())) {
            String token = setUp(server, data);
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> sendBurst(server.smtpPort(), accepted));
            Inbox inbox = new Inbox();
            try (TerminalClient terminal = TerminalClient.hello(server.httpPort(), token, 0)) {
                while (inbox.shown.size() < MAILS / 3) {
                    inbox.take(terminal);
                }
            }
            try (TerminalClient terminal = TerminalClient.hello(server.httpPort(), token, inbox.lastProcessed)) {
                burst.join();
                while (inbox.shown.size() < accepted.size()) {
                    inbox.take(terminal);
                }
            }
            assertThat(accepted).hasSize(MAILS);
            assertThat(inbox.shown).containsExactlyInAnyOrderElementsOf(mailIds(server, data));
            // One SMTP client sent the mails one after another: the terminal got them in that order.
            assertThat(List.copyOf(inbox.shown)).isSorted();
        }
    }

    @Test
    void aServerKilledMidBurstDeliversEveryMailOnceAfterItsRestart() throws Exception {
        Path data = directory.resolve("data");
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Inbox inbox = new Inbox();
        String token;
        try (ServerProcess server = ServerProcess.start(data, Map.of())) {
            token = setUp(server, data);
            CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> sendBurst(server.smtpPort(), accepted));
            try (TerminalClient terminal = TerminalClient.hello(server.httpPort(), token, 0)) {
                while (inbox.shown.size() < MAILS / 3) {
                    inbox.take(terminal);
                }
                server.kill();
            }
            // The kill ends the burst; what the server accepted before it counts.
            burst.exceptionally(e -> null).join();
        }

        try (ServerProcess restarted = ServerProcess.start(data, Map.of())) {
            // The token, the outbox and the mail pending routing all survived: the terminal resumes where it was.
            Set<Long> stored = mailIds(restarted, data);
            try (TerminalClient terminal = TerminalClient.hello(restarted.httpPort(), token, inbox.lastProcessed)) {
                while (inbox.shown.size() < stored.size()) {
                    inbox.take(terminal);
                }
            }
            assertThat(stored).hasSizeGreaterThanOrEqualTo(accepted.size());
            assertThat(inbox.shown).containsExactlyInAnyOrderElementsOf(stored);
        }
    }

    private static String setUp(ServerProcess server, Path data) throws Exception {
        Admin.addUser(server.httpPort(), data, "alice", "alice@example.com");
        return JSON.readTree(Admin.post(server.httpPort(), data, "/api/admin/users/alice/devices",
                "{\"id\": \"phone\", \"type\": \"phone\"}")).get("token").asText();
    }

    private static void sendBurst(int smtpPort, Set<String> accepted) {
        try (Mailer mailer = new Mailer(smtpPort)) {
            for (int i = 0; i < MAILS; i++) {
                if (mailer.send("bob@example.org", "alice@example.com", "burst " + i, 0, 0) == 250) {
                    accepted.add("burst " + i);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<Long> mailIds(ServerProcess server, Path data) throws Exception {
        Set<Long> ids = new HashSet<>();
        for (JsonNode mail : JSON.readTree(Admin.get(server.httpPort(), data, "/api/admin/users/alice/mails?limit=1000"))) {
            ids.add(mail.get("id").asLong());
        }
        return ids;
    }
}
