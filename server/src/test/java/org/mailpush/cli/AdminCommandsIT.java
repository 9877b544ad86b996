package org.mailpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.app.MailpushServer;
import org.mailpush.app.ServerConfig;
import org.mailpush.app.Settings;

/** The admin commands work on a stopped server (opening its database) and on a running one (through its API). */
class AdminCommandsIT {
    @TempDir
    Path data;

    record Run(int exitCode, String out, String err) {}

    private Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = MailpushCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] withData = new String[args.length + 2];
        System.arraycopy(args, 0, withData, 0, args.length);
        withData[args.length] = "--data-dir";
        withData[args.length + 1] = data.toString();
        return new Run(cli.execute(withData), out.toString(), err.toString());
    }

    @Test
    void usersAndAccountsWithTheServerStopped() throws Exception {
        assertThat(run("user", "add", "alice", "-a", "alice@example.com", "-a", "a.smith@example.com", "--name", "Alice").exitCode())
                .isZero();
        Path password = Files.writeString(data.resolveSibling("password"), "imap-secret\n");

        Run account = run("account", "add", "alice", "--protocol", "imap", "--host", "imap.example.com", "--username", "alice",
                "--password-file", password.toString());

        assertThat(account.exitCode()).as(account.err()).isZero();
        assertThat(account.out()).contains("imap://alice@imap.example.com:993/INBOX").doesNotContain("imap-secret");
        assertThat(run("user", "list").out()).contains("alice (Alice): a.smith@example.com, alice@example.com");
        assertThat(run("account", "list", "alice").out()).contains("#1 imap://alice@imap.example.com:993/INBOX");
        assertThat(run("user", "remove", "alice").exitCode()).isZero();
        assertThat(run("user", "list").out()).isEmpty();
    }

    @Test
    void theSameCommandsGoThroughTheRunningServer() {
        ServerConfig config = ServerConfig.read(Settings.of(Map.of(), "", Map.of(),
                Map.of("data-dir", data.toString(), "smtp.port", "0", "http.port", "0")));
        try (MailpushServer server = MailpushServer.start(config, InstantSource.system())) {
            Run added = run("user", "add", "bob", "-a", "bob@example.com");
            Run enrolled = run("device", "add", "bob", "laptop", "--type", "laptop");

            assertThat(added.exitCode()).as(added.err()).isZero();
            assertThat(enrolled.out()).containsPattern("token: [A-Za-z0-9_-]{43}");
            assertThat(run("device", "list", "bob").out()).contains("laptop (laptop, \"laptop\")");
        }
    }

    @Test
    void aTerminalsPushChannelsAreAddedListedAndRemovedThroughTheRunningServerOnly() {
        ServerConfig config = ServerConfig.read(Settings.of(Map.of(), "", Map.of(),
                Map.of("data-dir", data.toString(), "smtp.port", "0", "http.port", "0")));
        try (MailpushServer server = MailpushServer.start(config, InstantSource.system())) {
            run("user", "add", "erin", "-a", "erin@example.com");
            run("device", "add", "erin", "phone", "--type", "phone");

            Run added = run("device", "channel", "add", "erin", "phone", "https://203.0.113.7/hooks/erin");
            Run refused = run("device", "channel", "add", "erin", "phone", "http://203.0.113.7/hooks/erin");
            Run listed = run("device", "channel", "list", "erin", "phone");

            assertThat(added.exitCode()).as(added.err()).isZero();
            assertThat(added.out()).contains("webhook https://203.0.113.7/hooks/erin").contains("to phone");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err().strip()).doesNotContain("\n").contains("https");
            assertThat(listed.out()).contains("webhook https://203.0.113.7/hooks/erin").doesNotContain("http://");
            assertThat(run("device", "channel", "remove", "erin", "phone", "https://203.0.113.7/hooks/erin").exitCode()).isZero();
            assertThat(run("device", "channel", "list", "erin", "phone").out()).doesNotContain("203.0.113.7");
            assertThat(run("device", "channel", "list", "erin", "tablet").err()).contains("tablet");
        }

        Run offline = run("device", "channel", "add", "erin", "phone", "https://203.0.113.7/hooks/erin");

        assertThat(offline.exitCode()).isEqualTo(1);
        assertThat(offline.err().strip().lines()).hasSize(1);
        assertThat(offline.err()).contains("start it (./mailpush serve)");
        assertThat(run("device", "channel", "list", "erin", "phone").exitCode()).isZero();
    }

    @Test
    void personalTokensWithTheServerStopped() {
        run("user", "add", "dave", "-a", "dave@example.com");

        Run created = run("token", "create", "dave", "backup script", "--scope", "mail:read", "--scope", "policy");
        Run listed = run("token", "list", "dave");
        Run admin = run("token", "create", "dave", "root", "--scope", "admin");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).containsPattern("token: mpt_[A-Za-z0-9_-]{43}").contains("1 \"backup script\" mail:read policy");
        assertThat(listed.out()).contains("1 \"backup script\" mail:read policy, created ").contains("never used").doesNotContain("mpt_");
        assertThat(admin.exitCode()).isEqualTo(1);
        assertThat(admin.err()).contains("'admin' is not a scope");
        assertThat(run("token", "revoke", "dave", "1").exitCode()).isZero();
        assertThat(run("token", "list", "dave").out()).isEmpty();
        assertThat(run("token", "revoke", "dave", "1").err()).contains("no token 1");
    }

    @Test
    void errorsAreOneLineAndExitOne() {
        run("user", "add", "carol", "-a", "carol@example.com");

        Run twice = run("user", "add", "carol", "-a", "carol2@example.com");
        Run badAddress = run("user", "add", "dave", "-a", "not-an-address");
        Run noUser = run("device", "add", "nobody", "phone", "--type", "phone");

        assertThat(twice.exitCode()).isEqualTo(1);
        assertThat(twice.err().strip()).isEqualTo("mailpush user add: user 'carol' exists already");
        assertThat(badAddress.err()).contains("addresses[0]: mail address must look like name@example.com");
        assertThat(noUser.err()).contains("no user 'nobody'");
        assertThat(run("user", "add").exitCode()).isEqualTo(2);
    }
}
