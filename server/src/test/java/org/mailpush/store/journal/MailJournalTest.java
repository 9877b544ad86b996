package org.mailpush.store.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailSummary;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.Origin;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.user.UserId;

class MailJournalTest {
    @TempDir
    Path directory;

    static NewMail mail(String subject) {
        byte[] raw = ("Subject: " + subject + "\r\n\r\nbody of " + subject + "\r\n").getBytes(StandardCharsets.UTF_8);
        return new NewMail(List.of(new UserId("alice"), new UserId("bob")), "carol@example.org", raw,
                new MailSummary("carol@example.org", subject, raw.length, 1, List.of("application/pdf"), Importance.HIGH, "body …"),
                Instant.parse("2026-12-05T10:15:30.123456789Z"), new Origin.Smtp("192.0.2.7", "mx.example.org"));
    }

    private List<MailJournal.Ticket> writeDurably(MailJournal journal, String... subjects) {
        List<MailJournal.Ticket> tickets = new ArrayList<>();
        for (String subject : subjects) {
            MailJournal.Ticket ticket = journal.write(mail(subject));
            journal.awaitDurable(ticket);
            journal.done(ticket);
            tickets.add(ticket);
        }
        return tickets;
    }

    @Test
    void aRecordReadBackIsTheMailAsWritten() throws IOException {
        NewMail upstream = new NewMail(List.of(new UserId("alice")), "", new byte[] {1, 2, 3},
                new MailSummary("x@example.org", "ünïcødé ✉", 3, 0, List.of(), Importance.NORMAL, ""),
                Instant.EPOCH, new Origin.Upstream(new UpstreamAccountId(42), 7, 99, "uidl-1", "a".repeat(64)));
        for (NewMail mail : List.of(mail("one"), upstream)) {
            var buffers = new JournalRecord(123L << 32 | 5, mail).encode();
            byte[] head = buffers[0].array();
            byte[] payload = new byte[head.length - JournalRecord.HEADER_BYTES + mail.raw().length];
            System.arraycopy(head, JournalRecord.HEADER_BYTES, payload, 0, head.length - JournalRecord.HEADER_BYTES);
            System.arraycopy(mail.raw(), 0, payload, head.length - JournalRecord.HEADER_BYTES, mail.raw().length);
            assertThat(JournalRecord.intact(payload, buffers[0].getInt(4))).isTrue();
            JournalRecord read = JournalRecord.decode(payload);
            assertThat(read.key()).isEqualTo(123L << 32 | 5);
            assertThat(read.mail()).usingRecursiveComparison().isEqualTo(mail);
        }
    }

    @Test
    void recordsTheStoreLacksAreStoredAtOpenAndTheOthersSkipped() {
        var store = new RecordingStore();
        List<MailJournal.Ticket> tickets;
        try (MailJournal journal = MailJournal.open(directory, store)) {
            tickets = writeDurably(journal, "one", "two", "three");
            store.append(mail("one"), tickets.get(0).key());
        }
        try (MailJournal ignored = MailJournal.open(directory, store)) {
            assertThat(store.mails.keySet()).containsExactly(tickets.stream().map(MailJournal.Ticket::key).toArray(Long[]::new));
            assertThat(store.mails.values()).extracting(m -> m.summary().subject()).containsExactly("one", "two", "three");
            assertThat(store.checkpoints).as("what was stored again is forced to disk at once").hasValue(1);
        }
    }

    @Test
    void aSegmentWithMailTheStoreRefusesIsKeptAsideAndTheServerStillStarts() throws IOException {
        var store = new RecordingStore();
        try (MailJournal journal = MailJournal.open(directory, store)) {
            writeDurably(journal, "one", "two", "three");
        }
        store.refused = "two";
        try (MailJournal journal = MailJournal.open(directory, store)) {
            assertThat(store.mails.values()).extracting(m -> m.summary().subject()).containsExactly("one", "three");
            writeDurably(journal, "four");
        }
        store.refused = "";
        try (MailJournal ignored = MailJournal.open(directory, store);
                Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .as("the refused mail's segment is kept under another name, and its number is not used again")
                    .contains("segment-0000000001.log" + MailJournal.UNSTORED)
                    .doesNotContain("segment-0000000001.log");
            assertThat(store.mails.values()).extracting(m -> m.summary().subject()).containsExactly("one", "three", "four");
        }
    }

    @Test
    void aRecordCutShortOrCorruptEndsTheSegmentAndTheRecordsBeforeItAreStored() throws IOException {
        try (MailJournal journal = MailJournal.open(directory, new RecordingStore())) {
            writeDurably(journal, "one", "two", "three");
        }
        Path segment = segments().getFirst();
        long size = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(size - 5);
        }
        var store = new RecordingStore();
        MailJournal.open(directory, store).close();
        assertThat(store.mails.values()).extracting(m -> m.summary().subject()).containsExactly("one", "two");

        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(segment, bytes);
        var another = new RecordingStore();
        MailJournal.open(directory, another).close();
        assertThat(another.mails.values()).extracting(m -> m.summary().subject()).containsExactly("one");
    }

    @Test
    void keysStayUniqueAcrossOpensAboveEverySegmentAndEveryStoredKey() {
        var store = new RecordingStore();
        long first;
        try (MailJournal journal = MailJournal.open(directory, store)) {
            first = writeDurably(journal, "one").getFirst().key();
        }
        store.append(mail("from long ago"), 40L << 32);
        try (MailJournal journal = MailJournal.open(directory, store)) {
            long next = writeDurably(journal, "two").getFirst().key();
            assertThat(next >>> 32).isEqualTo(41);
            assertThat(next).isNotEqualTo(first);
        }
        try (MailJournal journal = MailJournal.open(directory, new RecordingStore())) {
            assertThat(writeDurably(journal, "three").getFirst().key() >>> 32)
                    .as("above the segments on disk, although this store holds no key").isGreaterThan(41);
        }
    }

    @Test
    void oneSyncMakesEveryRecordWrittenBeforeItDurable() {
        try (MailJournal journal = MailJournal.open(directory, new RecordingStore())) {
            List<MailJournal.Ticket> tickets = List.of(journal.write(mail("one")), journal.write(mail("two")), journal.write(mail("three")));
            journal.awaitDurable(tickets.get(2));
            assertThat(journal.syncs()).isEqualTo(1);
            journal.awaitDurable(tickets.get(0));
            journal.awaitDurable(tickets.get(1));
            assertThat(journal.syncs()).as("the first two were in the same sync").isEqualTo(1);
            tickets.forEach(journal::done);
        }
    }

    @Test
    void aSegmentIsDeletedAtTheSecondCheckpointAfterItWasSealed() throws IOException {
        var store = new RecordingStore();
        try (MailJournal journal = MailJournal.open(directory, store)) {
            writeDurably(journal, "one");
            journal.checkpoint(store);
            assertThat(segments()).as("sealed and a new one started").hasSize(2);
            journal.checkpoint(store);
            assertThat(segments()).as("the sealed one deleted, the empty current one kept").hasSize(1);
            assertThat(store.checkpoints).hasValue(2);
        }
    }

    @Test
    void aSegmentIsKeptAfterItsCheckpointsUntilItHasBeenSealedForTheKeepingTime() throws IOException {
        var store = new RecordingStore();
        var now = new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-12-06T10:00:00Z"));
        java.time.InstantSource clock = now::get;
        try (MailJournal journal = MailJournal.open(directory, store, java.time.Duration.ofHours(1), clock)) {
            writeDurably(journal, "one");
            journal.checkpoint(store);
            now.set(now.get().plusSeconds(5));
            journal.checkpoint(store);
            now.set(now.get().plusSeconds(1800));
            journal.checkpoint(store);
            assertThat(segments()).as("checkpointed twice, but sealed for only half an hour").hasSize(2);

            now.set(now.get().plusSeconds(1800));
            journal.checkpoint(store);
            assertThat(segments()).as("sealed an hour ago").hasSize(1);
        }
    }

    @Test
    void theJournalIsPrivateToTheServer() throws IOException {
        try (MailJournal journal = MailJournal.open(directory.resolve("journal"), new RecordingStore())) {
            writeDurably(journal, "one");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("journal")))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(directory.resolve("journal"))) {
            for (Path file : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            }
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
    }
}
