package org.mailpush.agent.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.agent.fixtures.MutableClock;
import org.mailpush.mail.MailFlags;

class MaildirTest {
    private static final byte[] MAIL = "From: carol@example.org\r\nSubject: Hi\r\n\r\nHello\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path root;
    private Maildir maildir;

    @BeforeEach
    void create() throws Exception {
        maildir = new Maildir(root.resolve("Mail"), "laptop", 4242, new MutableClock(Instant.ofEpochSecond(1764151200)));
        maildir.create();
    }

    @Test
    void createsTheThreeDirectoriesPrivately() throws Exception {
        for (String sub : new String[] {"tmp", "new", "cur"}) {
            assertThat(root.resolve("Mail").resolve(sub)).isDirectory();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("Mail").resolve(sub)))).isEqualTo("rwx------");
        }
    }

    @Test
    void uniqueNamesAreTimePidCounterHost() throws Exception {
        assertThat(maildir.newUnique()).isEqualTo("1764151200.4242_1.laptop");
        assertThat(maildir.newUnique()).isEqualTo("1764151200.4242_2.laptop");
        assertThat(new Maildir(root, "a/b:c", 1, new MutableClock(Instant.EPOCH)).newUnique()).isEqualTo("0.1_1.a\\057b\\072c");
    }

    @Test
    void namesAnEarlierProcessWithTheSamePidUsedAreSkipped() throws Exception {
        Files.writeString(root.resolve("Mail/new/1764151200.4242_1.laptop"), "");
        Files.writeString(root.resolve("Mail/cur/1764151200.4242_2.laptop:2,S"), "");
        Files.writeString(root.resolve("Mail/tmp/1764151200.4242_3.laptop"), "");

        assertThat(maildir.newUnique()).isEqualTo("1764151200.4242_4.laptop");
    }

    @Test
    void newMailLandsInNewAndLeavesNothingInTmp() throws Exception {
        Path file = maildir.deliver("u1", MAIL, MailFlags.NEW);

        assertThat(file).isEqualTo(root.resolve("Mail/new/u1"));
        assertThat(file).hasBinaryContent(MAIL);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(root.resolve("Mail/tmp")).isEmptyDirectory();
    }

    @Test
    void mailAlreadyReadLandsInCurWithItsFlags() throws Exception {
        assertThat(maildir.deliver("u1", MAIL, new MailFlags(true, true, false))).isEqualTo(root.resolve("Mail/cur/u1:2,FS"));
    }

    @Test
    void aNameIsNeverReplaced() throws Exception {
        maildir.deliver("u1", MAIL, MailFlags.NEW);

        assertThatThrownBy(() -> maildir.deliver("u1", "other".getBytes(StandardCharsets.US_ASCII), MailFlags.NEW))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(root.resolve("Mail/new/u1")).hasBinaryContent(MAIL);
        assertThat(root.resolve("Mail/tmp")).isEmptyDirectory();
    }

    @Test
    void settingFlagsMovesToCurAsAMailClientWould() throws Exception {
        maildir.deliver("u1", MAIL, MailFlags.NEW);

        var moved = maildir.setFlags(maildir.find("u1").orElseThrow(), new MailFlags(true, false, false));

        assertThat(moved.file()).isEqualTo(root.resolve("Mail/cur/u1:2,S"));
        assertThat(root.resolve("Mail/new")).isEmptyDirectory();
        var unflagged = maildir.setFlags(moved, MailFlags.NEW);
        assertThat(unflagged.file()).isEqualTo(root.resolve("Mail/cur/u1:2,"));
    }

    @Test
    void scanFindsMessagesWhereverClientsMovedThem() throws Exception {
        maildir.deliver("u1", MAIL, MailFlags.NEW);
        maildir.deliver("u2", MAIL, MailFlags.NEW);
        maildir.deliver("u3", MAIL, MailFlags.NEW);
        Files.move(root.resolve("Mail/new/u2"), root.resolve("Mail/cur/u2:2,RS"));
        Path archive = Files.createDirectories(root.resolve("Mail/.Archive/cur"));
        Files.createDirectories(root.resolve("Mail/.Archive/new"));
        Files.move(root.resolve("Mail/new/u3"), archive.resolve("u3:2,S"));

        var found = maildir.scan();

        assertThat(found).containsOnlyKeys("u1", "u2", "u3");
        assertThat(found.get("u1").inNew()).isTrue();
        assertThat(found.get("u2").name().flags()).isEqualTo("RS");
        assertThat(found.get("u3").file()).isEqualTo(archive.resolve("u3:2,S"));
    }

    @Test
    void theWatcherNoticesAClientRenamingAFile() throws Exception {
        maildir.deliver("u1", MAIL, MailFlags.NEW);
        CountDownLatch changed = new CountDownLatch(1);

        try (var watcher = MaildirWatcher.start(maildir.root(), java.time.Duration.ofMillis(50), changed::countDown)) {
            Files.move(root.resolve("Mail/new/u1"), root.resolve("Mail/cur/u1:2,S"));

            assertThat(changed.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theWatcherNoticesARemoval() throws Exception {
        maildir.deliver("u1", MAIL, new MailFlags(true, false, false));
        CountDownLatch changed = new CountDownLatch(1);

        try (var watcher = MaildirWatcher.start(maildir.root(), java.time.Duration.ofMillis(50), changed::countDown)) {
            Files.delete(root.resolve("Mail/cur/u1:2,S"));

            assertThat(changed.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
