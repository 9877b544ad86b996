package org.mailpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.app.MailpushServer;
import org.mailpush.app.ServerConfig;
import org.mailpush.app.Settings;
import org.mailpush.store.jdbc.Database;
import org.mailpush.store.jdbc.DatabaseSettings;
import org.mailpush.store.jdbc.StoreKey;

/**
 * What the server keeps on disk is its own: the data directory is {@code rwx------} and every file
 * in it {@code rw-------}, also when it was made looser before; the upstream passwords in the
 * database are sealed, a key rotation seals them again, and a wrong key stops a command in one line.
 */
class SecretsAtRestIT {
    @TempDir
    Path directory;

    record Run(int exitCode, String out, String err) {}

    @Test
    void theDataDirectoryAndEveryFileTheServerWritesAreTheServersAloneAlsoWhenMadeLooserBefore() throws Exception {
        Path data = directory.resolve("data");
        Files.createDirectories(data.resolve("db"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(data.resolve("mailpush.properties"), "smtp.max-recipients = 50\n");
        Files.setPosixFilePermissions(data.resolve("mailpush.properties"), PosixFilePermissions.fromString("rw-r--r--"));
        ServerConfig config = ServerConfig.read(Settings.of(Map.of(), "", Map.of(),
                Map.of("data-dir", data.toString(), "smtp.port", "0", "http.port", "0")));

        List<String> whileRunning;
        try (MailpushServer server = MailpushServer.start(config, InstantSource.system())) {
            assertThat(run(data, "user", "add", "alice", "-a", "alice@example.com").exitCode()).isZero();
            whileRunning = modes(data);
        }

        assertThat(whileRunning).contains("db/mailpush.mv.db rw-------", "secret.key rw-------", "admin-token rw-------",
                "vapid-p256.pem rw-------", "server.json rw-------", "mailpush.properties rw-------", "db rwx------");
        assertThat(whileRunning).allSatisfy(entry -> assertThat(entry).matches(".* (rwx------|rw-------)"));
        assertThat(modes(data)).allSatisfy(entry -> assertThat(entry).matches(".* (rwx------|rw-------)"));
    }

    @Test
    void passwordsAreSealedARotationSealsThemAgainAndAWrongKeyStopsInOneLine() throws Exception {
        Path data = directory.resolve("data");
        assertThat(run(data, "user", "add", "alice", "-a", "alice@example.com").exitCode()).isZero();
        Path password = Files.writeString(directory.resolve("password"), "imap-secret-of-alice\n");
        Run added = run(data, "account", "add", "alice", "--protocol", "imap", "--host", "imap.example.com", "--username", "alice",
                "--password-file", password.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        StoreKey first = StoreKey.load(data.resolve("secret.key"));
        assertThat(plainPassword(data)).doesNotContain("imap-secret-of-alice").isNotEmpty();

        Run rotated = run(data, "key", "rotate");

        assertThat(rotated.exitCode()).as(rotated.err()).isZero();
        StoreKey second = StoreKey.load(data.resolve("secret.key"));
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(rotated.out()).contains("sealed 1 upstream password(s) with the new key " + second.id());
        assertThat(Files.exists(data.resolve("secret.key.next"))).isFalse();
        assertThat(plainPassword(data)).doesNotContain("imap-secret-of-alice");
        try (Database database = Database.open(DatabaseSettings.h2(data.resolve("db")), second)) {
            assertThat(database.upstreamAccounts().list().getFirst().server().password().value()).isEqualTo("imap-secret-of-alice");
        }
        assertThat(run(data, "account", "list", "alice").out()).contains("imap://alice@imap.example.com:993/INBOX");

        Run wrongKey = run(data, "account", "list", "alice", "--set", "secrets.key=" + first.encoded());
        Run serveWithWrongKey = run(data, "serve", "--set", "secrets.key=" + first.encoded(), "--set", "http.port=0",
                "--set", "smtp.port=0");
        Run notAKey = run(data, "user", "list", "--set", "secrets.key=not-a-key");

        assertThat(wrongKey.exitCode()).isEqualTo(1);
        assertThat(wrongKey.err().strip()).doesNotContain("\n").contains("the upstream passwords in the store were sealed with the key "
                + second.id() + ", but the key from config key secrets.key (MAILPUSH_SECRETS_KEY) is " + first.id());
        assertThat(serveWithWrongKey.exitCode()).isEqualTo(1);
        assertThat(serveWithWrongKey.err().strip()).doesNotContain("\n").contains("sealed with the key " + second.id());
        assertThat(notAKey.exitCode()).isEqualTo(1);
        assertThat(notAKey.err().strip()).doesNotContain("\n").doesNotContain("not-a-key")
                .contains("secrets.key (MAILPUSH_SECRETS_KEY) must hold a key of 32 octets in base64");
    }

    @Test
    void aKeyGivenInTheEnvironmentIsRotatedToANewKeyPrintedOnce() throws Exception {
        Path data = directory.resolve("data");
        StoreKey given = StoreKey.random("test");
        String set = "secrets.key=" + given.encoded();
        assertThat(run(data, "user", "add", "bob", "-a", "bob@example.com", "--set", set).exitCode()).isZero();
        Path password = Files.writeString(directory.resolve("password"), "pop-secret-of-bob\n");
        assertThat(run(data, "account", "add", "bob", "--protocol", "pop3", "--host", "pop.example.com", "--username", "bob",
                "--password-file", password.toString(), "--set", set).exitCode()).isZero();

        Run rotated = run(data, "key", "rotate", "--set", set);

        assertThat(rotated.exitCode()).as(rotated.err()).isZero();
        assertThat(Files.exists(data.resolve("secret.key"))).as("no key file when the key is given").isFalse();
        String[] lines = rotated.out().strip().split("\n");
        StoreKey printed = StoreKey.parse(lines[lines.length - 1], "the printed key");
        assertThat(lines[0]).contains("with the new key " + printed.id() + "; set MAILPUSH_SECRETS_KEY to it");
        try (Database database = Database.open(DatabaseSettings.h2(data.resolve("db")), printed)) {
            assertThat(database.upstreamAccounts().list().getFirst().server().password().value()).isEqualTo("pop-secret-of-bob");
        }
    }

    /** Every path under the data directory with its permissions, as "relative/path rw-------". */
    private static List<String> modes(Path data) throws Exception {
        List<String> modes = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(data)) {
            for (Path path : walk.toList()) {
                modes.add((path.equals(data) ? "." : data.relativize(path).toString()) + " "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)));
            }
        }
        return modes;
    }

    /** The password column of the one upstream account, read with plain JDBC around the store. */
    private static String plainPassword(Path data) throws Exception {
        DatabaseSettings h2 = DatabaseSettings.h2(data.resolve("db"));
        try (Connection connection = DriverManager.getConnection(h2.url(), h2.user(), h2.password());
                ResultSet row = connection.createStatement().executeQuery("SELECT password FROM upstream_accounts")) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }

    private static Run run(Path data, String... args) {
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
}
