package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.Optional;
import org.mailpush.ingest.upstream.Await;
import org.mailpush.ingest.upstream.TcpProxy;
import org.mailpush.ingest.upstream.TestMails;
import org.mailpush.ingest.upstream.UpstreamMailServer;
import org.mailpush.link.TerminalClient;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;

/**
 * Separate mode (SPEC S1) end to end: a real server process watches a mailbox on another mail server
 * (GreenMail, IMAP with IDLE), pushes what arrives there after the account was added to the user's
 * terminal, and writes what the user does with it on the terminal back to the mailbox (SPEC M7).
 */
class SeparateModeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void mailArrivingUpstreamReachesTheTerminalAndReadingItThereMarksItReadUpstream() throws Exception {
        try (UpstreamMailServer upstream = new UpstreamMailServer(); TcpProxy relay = new TcpProxy(upstream.imapPort())) {
            upstream.addUser("alice", "alice-password");
            upstream.deliver("alice", TestMails.mail("there before"));
            Path data = directory.resolve("data");
            try (ServerProcess server = ServerProcess.start(data, Map.of("upstream.allow-private-addresses", "true"))) {
                Admin.addUser(server.httpPort(), data, "alice", "alice@example.com");
                String token = JSON.readTree(Admin.post(server.httpPort(), data, "/api/admin/users/alice/devices",
                        "{\"id\": \"phone\", \"type\": \"phone\"}")).get("token").asText();
                try (TerminalClient phone = TerminalClient.hello(server.httpPort(), token, 0)) {
                    Admin.post(server.httpPort(), data, "/api/admin/users/alice/accounts", """
                            {"protocol": "imap", "host": "127.0.0.1", "port": %d, "tls": "none",
                             "username": "alice", "password": "alice-password"}""".formatted(relay.port()));
                    Await.until("the watcher in IDLE", () -> relay.clientLines().stream().anyMatch(line -> line.matches("\\S+ IDLE")));

                    upstream.deliver("alice", TestMails.mail("watched upstream"));

                    // The mail that was there before the account was added is not pushed: this one comes first.
                    var mail = phone.next(ServerMessage.Mail.class);
                    assertThat(mail.summary().subject()).isEqualTo("watched upstream");
                    assertThat(upstream.seen("alice", "watched upstream")).as("fetching does not mark it read").isFalse();

                    phone.send(new TerminalMessage.Flags(mail.mail(), Optional.of(true), Optional.empty(), Optional.empty()));

                    Await.until("\\Seen written back upstream", () -> upstream.seen("alice", "watched upstream"));
                }
            }
        }
    }
}
