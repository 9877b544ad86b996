package org.mailpush.ingest.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailpush.upstream.MailProtocol;
import org.mailpush.upstream.Secret;
import org.mailpush.upstream.TlsMode;
import org.mailpush.upstream.UpstreamServer;

/** Trying a login as the Accounts page asks, against GreenMail (IMAP and POP3) and sockets that misbehave. */
class LoginCheckIT {
    private static final UpstreamSettings LOCAL = UpstreamSettings.DEFAULTS.withPrivateAddresses(true);

    private final UpstreamMailServer upstream = new UpstreamMailServer();

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void aGoodLoginSaysHowManyMailsTheFolderHolds() {
        upstream.addUser("alice", "alice-secret-1");
        upstream.deliver("alice", TestMails.mail("waiting"));

        var imap = new LoginCheck(LOCAL).check(server(MailProtocol.IMAP, upstream.imapPort(), "alice-secret-1", "INBOX"), false);
        var pop3 = new LoginCheck(LOCAL).check(server(MailProtocol.POP3, upstream.pop3Port(), "alice-secret-1", "INBOX"), false);

        assertThat(imap).isEqualTo(new LoginCheck.Result(true, "Logged in to 127.0.0.1 as alice; INBOX holds 1 mail."));
        assertThat(pop3.ok()).as(pop3.message()).isTrue();
    }

    @Test
    void aWrongPasswordOrAMissingFolderIsSaidInWordsWithoutTheSecret() {
        upstream.addUser("alice", "alice-secret-1");

        var wrong = new LoginCheck(LOCAL).check(server(MailProtocol.IMAP, upstream.imapPort(), "guessed-secret-2", "INBOX"), false);
        var folder = new LoginCheck(LOCAL).check(server(MailProtocol.IMAP, upstream.imapPort(), "alice-secret-1", "Archive"), false);

        assertThat(wrong.ok()).isFalse();
        assertThat(wrong.message()).startsWith("The server refused the user name or password").doesNotContain("guessed-secret-2");
        assertThat(folder).isEqualTo(new LoginCheck.Result(false, "Logged in, but there is no folder 'Archive' in this mailbox."));
    }

    @Test
    void privateAddressesAndPlainTextBeyondTheNetworkAreNotTriedUnlessAllowed() {
        var refused = new LoginCheck(UpstreamSettings.DEFAULTS).check(server(MailProtocol.IMAP, upstream.imapPort(), "x", "INBOX"), false);

        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).startsWith("Not tried: host 127.0.0.1 resolves to 127.0.0.1, a loopback");
    }

    @Test
    void nothingListeningAndNoSuchHostAreSaidAsSuch() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        var refused = new LoginCheck(LOCAL).check(server(MailProtocol.POP3, closed, "x", "INBOX"), false);
        var unknown = new LoginCheck(LOCAL).check(new UpstreamServer(MailProtocol.IMAP, "mail.invalid", 993, TlsMode.IMPLICIT,
                "alice", new Secret("x"), "INBOX"), false);

        assertThat(refused).isEqualTo(new LoginCheck.Result(false, "Nothing answers at 127.0.0.1:" + closed + " (connection refused)."));
        assertThat(unknown).isEqualTo(new LoginCheck.Result(false, "No such host: mail.invalid does not resolve."));
    }

    @Test
    void aServerThatNeverGreetsIsGivenUpAtTheDeadline() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    accepted.add(silent.accept());
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            long started = System.nanoTime();

            var result = new LoginCheck(LOCAL, Duration.ofSeconds(1))
                    .check(server(MailProtocol.IMAP, silent.getLocalPort(), "x", "INBOX"), false);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(result).isEqualTo(new LoginCheck.Result(false,
                    "No answer from 127.0.0.1:" + silent.getLocalPort() + " within 1 s."));
            acceptor.join(Duration.ofSeconds(5));
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    private static UpstreamServer server(MailProtocol protocol, int port, String password, String folder) {
        return new UpstreamServer(protocol, "127.0.0.1", port, TlsMode.NONE, "alice", new Secret(password), folder);
    }
}
