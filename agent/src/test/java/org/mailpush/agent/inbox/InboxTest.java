package org.mailpush.agent.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.agent.fixtures.MutableClock;
import org.mailpush.agent.fixtures.RecordingNotifier;
import org.mailpush.agent.maildir.Maildir;
import org.mailpush.agent.state.AgentState;
import org.mailpush.agent.state.InMemoryStateStore;
import org.mailpush.agent.state.MailRecord;
import org.mailpush.device.DeviceId;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailId;
import org.mailpush.mail.MailSummary;
import org.mailpush.policy.Policy;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;

class InboxTest {
    private static final MailSummary SUMMARY = new MailSummary("carol@example.org", "Lunch <today>?", 60, 0, List.of(),
            Importance.NORMAL, "At noon");
    private static final Instant RECEIVED = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path root;
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final List<TerminalMessage> sent = new ArrayList<>();
    private final List<String> fetched = new ArrayList<>();
    private boolean connected = true;
    private Maildir maildir;
    private Inbox inbox;

    @BeforeEach
    void open() throws Exception {
        maildir = new Maildir(root.resolve("Mail"), "laptop", 4242, new MutableClock(RECEIVED));
        inbox = newInbox();
    }

    private Inbox newInbox() throws IOException {
        Inbox opened = new Inbox(store, maildir, notifier, path -> {
            fetched.add(path);
            return raw("fetched");
        }, message -> connected && sent.add(message));
        opened.open();
        return opened;
    }

    private static byte[] raw(String body) {
        return ("From: carol@example.org\r\nSubject: Lunch\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static ServerMessage.Mail mail(long seq, long id, MailFlags flags) {
        return new ServerMessage.Mail(seq, new MailId(id), SUMMARY, RECEIVED, flags, Optional.of(raw("mail " + id)), Optional.empty());
    }

    private List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String sub : new String[] {"new", "cur"}) {
            try (var list = Files.list(root.resolve("Mail").resolve(sub))) {
                list.forEach(files::add);
            }
        }
        return files;
    }

    @Test
    void aMailIsWrittenThenAcknowledgedAndNotified() throws Exception {
        inbox.deliver(mail(1, 100, MailFlags.NEW));

        assertThat(files()).singleElement().satisfies(file -> assertThat(file).hasBinaryContent(raw("mail 100")));
        assertThat(sent).containsExactly(new TerminalMessage.Ack(1));
        assertThat(store.load().lastAck()).isEqualTo(1);
        assertThat(store.load().mail(new MailId(100)).orElseThrow().status()).isEqualTo(MailRecord.Status.STORED);
        assertThat(notifier.shown).singleElement().satisfies(shown -> {
            assertThat(shown.title()).isEqualTo("New mail from carol@example.org");
            assertThat(shown.body()).isEqualTo("Lunch &lt;today&gt;?\nAt noon");
        });
    }

    @Test
    void aResentSeqIsAcknowledgedAgainAndDropped() throws Exception {
        inbox.deliver(mail(1, 100, MailFlags.NEW));
        inbox.deliver(mail(1, 100, MailFlags.NEW));

        assertThat(files()).hasSize(1);
        assertThat(sent).containsExactly(new TerminalMessage.Ack(1), new TerminalMessage.Ack(1));
        assertThat(notifier.shown).hasSize(1);
    }

    @Test
    void aMailIdAlreadyHereIsNeverWrittenTwiceEvenUnderANewSeq() throws Exception {
        inbox.deliver(mail(1, 100, MailFlags.NEW));
        inbox.deliver(mail(2, 100, MailFlags.NEW));

        assertThat(files()).hasSize(1);
        assertThat(sent).containsExactly(new TerminalMessage.Ack(1), new TerminalMessage.Ack(2));
    }

    @Test
    void aRestartedInboxResumesAfterItsLastAck() throws Exception {
        inbox.deliver(mail(1, 100, MailFlags.NEW));
        inbox.deliver(mail(2, 101, MailFlags.NEW));

        Inbox restarted = newInbox();
        restarted.deliver(mail(2, 101, MailFlags.NEW));
        restarted.deliver(mail(3, 102, MailFlags.NEW));

        assertThat(restarted.lastAck()).isEqualTo(3);
        assertThat(files()).hasSize(3);
    }

    @Test
    void aCrashAfterTheFileWasLinkedKeepsTheFile() throws Exception {
        // The state says "writing" and the file is in new/: the crash came after the link.
        store.save(AgentState.EMPTY.withLastAck(4).with(new MailRecord(new MailId(100), "u1", MailFlags.NEW, MailRecord.Status.WRITING)));
        maildir.create();
        maildir.deliver("u1", raw("mail 100"), MailFlags.NEW);

        Inbox restarted = newInbox();
        restarted.deliver(mail(5, 100, MailFlags.NEW));

        assertThat(files()).hasSize(1);
        assertThat(restarted.state().mail(new MailId(100)).orElseThrow().status()).isEqualTo(MailRecord.Status.STORED);
    }

    @Test
    void aCrashBeforeTheFileWasLinkedWritesItOnTheResend() throws Exception {
        store.save(AgentState.EMPTY.withLastAck(4).with(new MailRecord(new MailId(100), "u1", MailFlags.NEW, MailRecord.Status.WRITING)));
        maildir.create();
        Files.write(root.resolve("Mail/tmp/u1"), "half a ma".getBytes(StandardCharsets.US_ASCII));

        Inbox restarted = newInbox();
        assertThat(restarted.state().mail(new MailId(100))).isEmpty();
        assertThat(root.resolve("Mail/tmp")).isEmptyDirectory();
        restarted.deliver(mail(5, 100, MailFlags.NEW));

        assertThat(files()).singleElement().satisfies(file -> assertThat(file).hasBinaryContent(raw("mail 100")));
    }

    @Test
    void aMailThatCannotBeWrittenIsNotAcknowledgedAndComesAgain() throws Exception {
        // tmp/ is a file instead of a directory, as on a broken disk: nothing can be written there.
        Files.delete(root.resolve("Mail/tmp"));
        Files.writeString(root.resolve("Mail/tmp"), "");

        assertThatThrownBy(() -> inbox.deliver(mail(1, 100, MailFlags.NEW))).isInstanceOf(IOException.class);
        assertThat(sent).isEmpty();
        assertThat(inbox.state().mail(new MailId(100))).isEmpty();

        Files.delete(root.resolve("Mail/tmp"));
        Files.createDirectory(root.resolve("Mail/tmp"));
        inbox.deliver(mail(1, 100, MailFlags.NEW));
        assertThat(files()).hasSize(1);
        assertThat(sent).containsExactly(new TerminalMessage.Ack(1));
    }

    @Test
    void aNameTakenByAnEarlierRunOfTheSamePidIsSkipped() throws Exception {
        // The same pid in the same second, as after a restart in a container: the first names exist already.
        maildir.create();
        Maildir earlier = new Maildir(root.resolve("Mail"), "laptop", 4242, new MutableClock(RECEIVED));
        earlier.deliver(earlier.newUnique(), raw("earlier 1"), MailFlags.NEW);
        earlier.deliver(earlier.newUnique(), raw("earlier 2"), new MailFlags(true, false, false));

        inbox.deliver(mail(1, 100, MailFlags.NEW));

        assertThat(files()).hasSize(3);
        assertThat(sent).containsExactly(new TerminalMessage.Ack(1));
        assertThat(inbox.state().mail(new MailId(100)).orElseThrow().unique()).endsWith("_3.laptop");
    }

    @Test
    void aMailTooLargeToPushIsDownloaded() throws Exception {
        inbox.deliver(new ServerMessage.Mail(1, new MailId(100), SUMMARY, RECEIVED, MailFlags.NEW, Optional.empty(),
                Optional.of("/api/link/mails/100/raw")));

        assertThat(fetched).containsExactly("/api/link/mails/100/raw");
        assertThat(files()).singleElement().satisfies(file -> assertThat(file).hasBinaryContent(raw("fetched")));
    }

    @Test
    void aMailReadElsewhereArrivesReadAndQuietly() throws Exception {
        inbox.deliver(mail(1, 100, new MailFlags(true, false, false)));

        assertThat(files()).singleElement().satisfies(file -> assertThat(file.getFileName().toString()).endsWith(":2,S"));
        assertThat(notifier.shown).isEmpty();
    }

    @Test
    void hintsAndRetractionsAreNotificationsOnly() throws Exception {
        inbox.deliver(new ServerMessage.Hint(1, new MailId(100), SUMMARY,
                List.of(new ServerMessage.Named(new DeviceId("phone"), "Alice's phone")), "a mail from carol@example.org was pushed to Alice's phone"));
        inbox.deliver(new ServerMessage.Retract(2, new MailId(100)));

        assertThat(files()).isEmpty();
        assertThat(notifier.shown).singleElement().satisfies(shown -> assertThat(shown.title()).isEqualTo("Mail pushed to Alice's phone"));
        assertThat(notifier.withdrawn).containsExactly(new MailId(100));
        assertThat(sent).containsExactly(new TerminalMessage.Ack(1), new TerminalMessage.Ack(2));
    }

    @Test
    void flagsFromAnotherTerminalRenameTheFileAndAreNotSentBack() throws Exception {
        inbox.deliver(mail(1, 100, MailFlags.NEW));

        inbox.deliver(new ServerMessage.FlagsChanged(2, new MailId(100), new MailFlags(true, true, false)));
        inbox.rescan();

        assertThat(files()).singleElement().satisfies(file -> assertThat(file.getFileName().toString()).endsWith(":2,FS"));
        assertThat(sent).containsExactly(new TerminalMessage.Ack(1), new TerminalMessage.Ack(2));
        assertThat(notifier.withdrawn).containsExactly(new MailId(100));
    }

    @Test
    void deletedElsewhereMarksTheFileTrashed() throws Exception {
        inbox.deliver(mail(1, 100, MailFlags.NEW));

        inbox.deliver(new ServerMessage.FlagsChanged(2, new MailId(100), new MailFlags(false, false, true)));

        assertThat(files()).singleElement().satisfies(file -> assertThat(file.getFileName().toString()).endsWith(":2,T"));
    }

    @Test
    void flagsOfAMailNotHereAreAcknowledgedAndIgnored() throws Exception {
        inbox.deliver(new ServerMessage.FlagsChanged(1, new MailId(555), new MailFlags(true, false, false)));

        assertThat(sent).containsExactly(new TerminalMessage.Ack(1));
    }

    @Test
    void aClientMarkingAMailReadIsSent() throws Exception {
        inbox.deliver(mail(1, 100, MailFlags.NEW));
        Path file = files().getFirst();
        Files.move(file, root.resolve("Mail/cur").resolve(file.getFileName() + ":2,S"));

        inbox.rescan();
        inbox.rescan();

        assertThat(sent).containsExactly(new TerminalMessage.Ack(1),
                new TerminalMessage.Flags(new MailId(100), Optional.of(true), Optional.empty(), Optional.empty()));
        assertThat(store.load().mail(new MailId(100)).orElseThrow().flags()).isEqualTo(new MailFlags(true, false, false));
    }

    @Test
    void aClientMovingAMailToCurWithoutFlagsChangesNothing() throws Exception {
        inbox.deliver(mail(1, 100, MailFlags.NEW));
        Path file = files().getFirst();
        Files.move(file, root.resolve("Mail/cur").resolve(file.getFileName() + ":2,"));

        inbox.rescan();

        assertThat(sent).containsExactly(new TerminalMessage.Ack(1));
    }

    @Test
    void removingAFileSendsDeletedOnceAndAResendNeverBringsItBack() throws Exception {
        inbox.deliver(mail(1, 100, MailFlags.NEW));
        Files.delete(files().getFirst());

        inbox.rescan();
        inbox.rescan();
        inbox.deliver(mail(2, 100, MailFlags.NEW));

        assertThat(sent).containsExactly(new TerminalMessage.Ack(1),
                new TerminalMessage.Flags(new MailId(100), Optional.empty(), Optional.empty(), Optional.of(true)),
                new TerminalMessage.Ack(2));
        assertThat(files()).isEmpty();
        assertThat(store.load().mail(new MailId(100)).orElseThrow().status()).isEqualTo(MailRecord.Status.DELETED);
    }

    @Test
    void changesMadeWhileDisconnectedAreSentAtTheNextRescan() throws Exception {
        inbox.deliver(mail(1, 100, MailFlags.NEW));
        Path file = files().getFirst();
        Files.move(file, root.resolve("Mail/cur").resolve(file.getFileName() + ":2,F"));
        connected = false;

        inbox.rescan();
        connected = true;
        inbox.rescan();

        assertThat(sent).containsExactly(new TerminalMessage.Ack(1),
                new TerminalMessage.Flags(new MailId(100), Optional.empty(), Optional.of(true), Optional.empty()));
    }

    @Test
    void policyDeliveriesAreKeptForShowingOffline() throws Exception {
        inbox.deliver(new ServerMessage.PolicyChanged(OptionalLong.of(1), Policy.FAIL_OPEN_ONLY));

        assertThat(store.load().policy()).contains(Policy.FAIL_OPEN_ONLY);
        assertThat(sent).containsExactly(new TerminalMessage.Ack(1));
    }
}
