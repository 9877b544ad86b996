package org.mailpush.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mailpush.upstream.MailProtocol;
import org.mailpush.upstream.Secret;
import org.mailpush.upstream.TlsMode;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.upstream.UpstreamAccounts;
import org.mailpush.upstream.UpstreamBaseline;
import org.mailpush.upstream.UpstreamCursor;
import org.mailpush.upstream.UpstreamServer;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/**
 * What every {@link MailStore} does. Each test first adds the recipients to {@link #users()} and the
 * upstream accounts to {@link #upstreamAccounts()}, as a store that keeps them together requires.
 */
public interface MailStoreContract {
    UserId ALICE = new UserId("alice");
    UserId BOB = new UserId("bob");
    Instant RECEIVED = Instant.parse("2025-06-02T12:00:00.123456Z");

    /** The store under test: empty at the start of each test, the same instance within it. */
    MailStore mails();

    /** The directory of the recipients, the same instance within a test. */
    UserDirectory users();

    /** The accounts upstream mail comes from, the same instance within a test. */
    UpstreamAccounts upstreamAccounts();

    private void addRecipients() {
        users().add(new User(ALICE, "Alice", Set.of(MailAddress.of("alice@example.com"))));
        users().add(new User(BOB, "Bob", Set.of(MailAddress.of("bob@example.com"))));
    }

    private UpstreamAccountId account(UserId owner) {
        var server = new UpstreamServer(MailProtocol.IMAP, "imap.example.com", 993, TlsMode.IMPLICIT, owner.value(), new Secret("pw"), null);
        return upstreamAccounts().add(owner, server).id();
    }

    private static MailSummary summary(String subject) {
        return new MailSummary("carol@example.net", subject, 1234, 0, List.of(), Importance.NORMAL, "Hello");
    }

    private static NewMail smtp(String subject, UserId... recipients) {
        byte[] raw = ("Subject: " + subject + "\r\n\r\nHello\r\n").getBytes(StandardCharsets.US_ASCII);
        return new NewMail(List.of(recipients), "carol@example.net", raw, summary(subject), RECEIVED,
                new Origin.Smtp("192.0.2.1", "mx.example.net"));
    }

    private static NewMail upstream(UserId owner, Origin.Upstream origin) {
        byte[] raw = ("Subject: upstream " + origin.uid() + origin.uidl() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        return new NewMail(List.of(owner), "", raw, summary("upstream"), RECEIVED, origin);
    }

    private static Origin.Upstream imap(UpstreamAccountId account, long uidValidity, long uid, String fingerprintDigit) {
        return new Origin.Upstream(account, uidValidity, uid, "", fingerprintDigit.repeat(64));
    }

    private static Origin.Upstream pop3(UpstreamAccountId account, String uidl, String fingerprintDigit) {
        return new Origin.Upstream(account, 0, 0, uidl, fingerprintDigit.repeat(64));
    }

    /** A mail from an SMTP client with a Message-ID, received {@code after} RECEIVED. */
    private static NewMail withMessageId(String sender, String messageId, java.time.Duration after, UserId... recipients) {
        byte[] raw = ("Received: from a.example.net\r\nMessage-ID:\r\n <" + messageId + ">\r\nSubject: again\r\n\r\nHello\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return new NewMail(List.of(recipients), sender, raw, summary("again"), RECEIVED.plus(after), new Origin.Smtp("192.0.2.1", "mx.example.net"));
    }

    @Test
    default void aMailSentAgainWithTheSameMessageIdFromTheSameSenderIsStoredOnceForEachRecipient() {
        addRecipients();
        var first = withMessageId("carol@example.net", "1@example.net", java.time.Duration.ZERO, ALICE);
        var again = withMessageId("carol@example.net", "1@example.net", java.time.Duration.ofHours(23), ALICE, BOB);

        assertThat(first.messageId()).isEqualTo("1@example.net");
        assertThat(mails().append(first)).extracting(StoredMail::owner).containsExactly(ALICE);
        assertThat(mails().append(first)).isEmpty();
        assertThat(mails().append(again)).extracting(StoredMail::owner).containsExactly(BOB);
        assertThat(mails().append(again)).isEmpty();
        assertThat(mails().append(withMessageId("dave@example.net", "1@example.net", java.time.Duration.ZERO, ALICE))).hasSize(1);
        assertThat(mails().append(withMessageId("carol@example.net", "2@example.net", java.time.Duration.ZERO, ALICE))).hasSize(1);
        assertThat(mails().append(smtp("no Message-ID", ALICE))).hasSize(1);
        assertThat(mails().append(smtp("no Message-ID", ALICE))).hasSize(1);
        assertThat(mails().pendingRouting(100)).hasSize(6);
    }

    @Test
    default void aMessageIdIsForgottenAfterTheDuplicateWindow() {
        addRecipients();
        java.time.Duration window = MailStore.DUPLICATE_WINDOW;

        assertThat(mails().append(withMessageId("carol@example.net", "1@example.net", java.time.Duration.ZERO, ALICE))).hasSize(1);
        assertThat(mails().append(withMessageId("carol@example.net", "1@example.net", window, ALICE))).isEmpty();
        assertThat(mails().append(withMessageId("carol@example.net", "1@example.net", window.plusSeconds(1), ALICE))).hasSize(1);
        assertThat(mails().append(withMessageId("carol@example.net", "1@example.net", window.plusSeconds(2), ALICE))).isEmpty();
    }

    @Test
    default void concurrentAppendsOfOneMailStoreItOnce() throws Exception {
        addRecipients();
        var mail = withMessageId("carol@example.net", "race@example.net", java.time.Duration.ZERO, ALICE, BOB);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<StoredMail>>> appends = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                appends.add(pool.submit(() -> mails().append(mail)));
            }
            List<StoredMail> stored = new ArrayList<>();
            for (var append : appends) {
                stored.addAll(append.get(1, TimeUnit.MINUTES));
            }
            assertThat(stored).extracting(StoredMail::owner).containsExactlyInAnyOrder(ALICE, BOB);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void appendStoresTheMailOnceForEachRecipient() {
        addRecipients();

        List<StoredMail> stored = mails().append(smtp("Lunch?", ALICE, BOB));

        assertThat(stored).extracting(StoredMail::owner).containsExactly(ALICE, BOB);
        assertThat(stored).extracting(StoredMail::id).doesNotHaveDuplicates();
        for (StoredMail mail : stored) {
            assertThat(mail.summary()).isEqualTo(summary("Lunch?"));
            assertThat(mail.flags()).isEqualTo(MailFlags.NEW);
            assertThat(mails().find(mail.owner(), mail.id())).contains(mail);
            assertThat(mails().raw(mail.owner(), mail.id()))
                    .hasValueSatisfying(raw -> assertThat(raw).isEqualTo(smtp("Lunch?", ALICE).raw()));
        }
    }

    @Test
    default void appendedMailReadsBackAsAppendReturnedIt() {
        addRecipients();
        var nanos = Instant.parse("2025-06-02T12:00:00.123456789Z");
        var mail = smtp("precise", ALICE);

        StoredMail stored = mails().append(new NewMail(mail.recipients(), mail.envelopeSender(), mail.raw(), mail.summary(),
                nanos, mail.origin())).getFirst();

        assertThat(mails().find(ALICE, stored.id())).contains(stored);
        assertThat(stored.receivedAt()).isCloseTo(nanos, within(1, ChronoUnit.MICROS));
    }

    @Test
    default void summaryIsKeptExactly() {
        addRecipients();
        var summary = new MailSummary("", "Grüße 📷 — 写真", Long.MAX_VALUE / 2, 3,
                List.of("image/jpeg", "application/pdf", "image/jpeg", "x weird/type"), Importance.HIGH, "line one\r\nline \"two\"\t");
        var mail = new NewMail(List.of(ALICE), "", new byte[0], summary, RECEIVED, new Origin.Smtp("::1", ""));

        StoredMail stored = mails().append(mail).getFirst();

        assertThat(mails().find(ALICE, stored.id()).orElseThrow().summary()).isEqualTo(summary);
    }

    @Test
    default void rawBytesAreKeptExactly() {
        addRecipients();
        byte[] raw = new byte[300_000];
        new Random(7).nextBytes(raw);
        var mail = new NewMail(List.of(ALICE), "carol@example.net", raw, summary("binary"), RECEIVED, new Origin.Smtp("::1", "x"));

        StoredMail stored = mails().append(mail).getFirst();
        byte[] kept = raw.clone();
        raw[0]++;

        assertThat(mails().raw(ALICE, stored.id())).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(kept));
    }

    @Test
    default void unknownMailIsNotFound() {
        addRecipients();

        assertThat(mails().find(ALICE, new MailId(987_654_321))).isEmpty();
        assertThat(mails().raw(ALICE, new MailId(987_654_321))).isEmpty();
        assertThat(mails().origin(ALICE, new MailId(987_654_321))).isEmpty();
        assertThat(mails().setFlags(ALICE, new MailId(987_654_321), new MailFlags(true, false, false))).isEmpty();
    }

    @Test
    default void anotherUsersMailCannotBeReachedByItsId() {
        addRecipients();
        StoredMail alices = mails().append(smtp("private", ALICE)).getFirst();

        assertThat(mails().find(BOB, alices.id())).isEmpty();
        assertThat(mails().raw(BOB, alices.id())).isEmpty();
        assertThat(mails().origin(BOB, alices.id())).isEmpty();
        assertThat(mails().setFlags(BOB, alices.id(), new MailFlags(true, true, true))).isEmpty();
        assertThat(mails().routed(BOB, alices.id())).isFalse();

        assertThat(mails().find(ALICE, alices.id())).contains(alices);
        assertThat(mails().pendingRouting(10)).containsExactly(alices);
        assertThat(mails().recent(BOB, 10)).isEmpty();
    }

    @Test
    default void originIsKeptForEveryRecipient() {
        addRecipients();
        List<StoredMail> shared = mails().append(smtp("shared", ALICE, BOB));

        for (StoredMail mail : shared) {
            assertThat(mails().origin(mail.owner(), mail.id())).contains(new Origin.Smtp("192.0.2.1", "mx.example.net"));
        }
    }

    @Test
    default void originOfUpstreamMailNamesItsAccountAndPosition() {
        addRecipients();
        UpstreamAccountId account = account(ALICE);
        Origin.Upstream fromImap = imap(account, 7, 42, "a");
        Origin.Upstream fromPop3 = pop3(account(ALICE), "uidl-Ü 1", "b");
        MailId imapMail = mails().append(upstream(ALICE, fromImap)).getFirst().id();
        MailId pop3Mail = mails().append(upstream(ALICE, fromPop3)).getFirst().id();

        assertThat(mails().origin(ALICE, imapMail)).contains(fromImap);
        assertThat(mails().origin(ALICE, pop3Mail)).contains(fromPop3);
        assertThat(mails().origin(BOB, imapMail)).isEmpty();
    }

    @Test
    default void flagsAreSetForOneRecipientOnly() {
        addRecipients();
        List<StoredMail> stored = mails().append(smtp("shared", ALICE, BOB));
        var read = new MailFlags(true, true, false);

        var changed = mails().setFlags(ALICE, stored.get(0).id(), read);

        assertThat(changed).hasValueSatisfying(mail -> assertThat(mail.flags()).isEqualTo(read));
        assertThat(mails().find(ALICE, stored.get(0).id())).isEqualTo(changed);
        assertThat(mails().find(BOB, stored.get(1).id()).orElseThrow().flags()).isEqualTo(MailFlags.NEW);
    }

    @Test
    default void flagsCanBeClearedAgain() {
        addRecipients();
        StoredMail mail = mails().append(smtp("flags", ALICE)).getFirst();
        mails().setFlags(ALICE, mail.id(), new MailFlags(true, true, true));

        mails().setFlags(ALICE, mail.id(), new MailFlags(false, true, false));

        assertThat(mails().find(ALICE, mail.id()).orElseThrow().flags()).isEqualTo(new MailFlags(false, true, false));
    }

    @Test
    default void recentIsTheOwnersNewestMailFirst() {
        addRecipients();
        List<MailId> alices = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            alices.add(mails().append(smtp("mail " + i, ALICE)).getFirst().id());
            mails().append(smtp("bob's " + i, BOB));
        }

        assertThat(mails().recent(ALICE, 3)).extracting(StoredMail::id).containsExactly(alices.get(4), alices.get(3), alices.get(2));
        assertThat(mails().recent(ALICE, 100)).hasSize(5).allSatisfy(mail -> assertThat(mail.owner()).isEqualTo(ALICE));
        assertThat(mails().recent(ALICE, 0)).isEmpty();
    }

    @Test
    default void olderThanIsTheNextPageOfTheOwnersMail() {
        addRecipients();
        List<MailId> alices = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            alices.add(mails().append(smtp("mail " + i, ALICE)).getFirst().id());
            mails().append(smtp("bob's " + i, BOB));
        }

        assertThat(mails().olderThan(ALICE, alices.get(3), 2)).extracting(StoredMail::id).containsExactly(alices.get(2), alices.get(1));
        assertThat(mails().olderThan(ALICE, alices.get(1), 10)).extracting(StoredMail::id).containsExactly(alices.get(0));
        assertThat(mails().olderThan(ALICE, alices.get(0), 10)).isEmpty();
        assertThat(mails().olderThan(BOB, alices.get(4), 10)).hasSize(4).allSatisfy(mail -> assertThat(mail.owner()).isEqualTo(BOB));
    }

    @Test
    default void newMailIsPendingRoutingOldestFirstUntilRouted() {
        addRecipients();
        List<StoredMail> first = mails().append(smtp("first", ALICE, BOB));
        StoredMail second = mails().append(smtp("second", BOB)).getFirst();

        assertThat(mails().pendingRouting(10)).containsExactly(first.get(0), first.get(1), second);
        assertThat(mails().pendingRouting(2)).containsExactly(first.get(0), first.get(1));

        assertThat(mails().routed(ALICE, first.get(0).id())).isTrue();
        assertThat(mails().routed(BOB, second.id())).isTrue();

        assertThat(mails().pendingRouting(10)).containsExactly(first.get(1));
    }

    @Test
    default void routedMailStaysInTheMailbox() {
        addRecipients();
        StoredMail mail = mails().append(smtp("done", ALICE)).getFirst();

        assertThat(mails().routed(ALICE, mail.id())).isTrue();
        assertThat(mails().routed(ALICE, mail.id())).as("a second time").isFalse();

        assertThat(mails().pendingRouting(10)).isEmpty();
        assertThat(mails().find(ALICE, mail.id())).contains(mail);
    }

    @Test
    default void upstreamMailSeenAgainIsADuplicateAndNotStored() {
        addRecipients();
        UpstreamAccountId account = account(ALICE);
        assertThat(mails().append(upstream(ALICE, imap(account, 7, 1, "a")))).hasSize(1);

        // The same message under a new UIDVALIDITY, as after a mailbox rebuild.
        assertThat(mails().append(upstream(ALICE, imap(account, 8, 1, "a")))).isEmpty();

        assertThat(mails().recent(ALICE, 10)).hasSize(1);
        assertThat(mails().pendingRouting(10)).hasSize(1);
    }

    @Test
    default void sameMessageFromAnotherAccountIsNotADuplicate() {
        addRecipients();
        mails().append(upstream(ALICE, imap(account(ALICE), 7, 1, "a")));

        assertThat(mails().append(upstream(BOB, imap(account(BOB), 7, 1, "a")))).hasSize(1);
    }

    @Test
    default void smtpMailIsNeverADuplicate() {
        addRecipients();
        mails().append(smtp("same", ALICE));

        assertThat(mails().append(smtp("same", ALICE))).hasSize(1);
    }

    @Test
    default void upstreamCursorIsTheHighestUidUnderTheNewestUidValidity() {
        addRecipients();
        UpstreamAccountId account = account(ALICE);
        assertThat(mails().upstreamCursor(account)).isEmpty();

        mails().append(upstream(ALICE, imap(account, 100, 3, "1")));
        mails().append(upstream(ALICE, imap(account, 100, 9, "2")));
        mails().append(upstream(ALICE, imap(account, 100, 5, "3")));
        assertThat(mails().upstreamCursor(account)).contains(new UpstreamCursor(100, 9));

        mails().append(upstream(ALICE, imap(account, 200, 2, "4")));
        assertThat(mails().upstreamCursor(account)).contains(new UpstreamCursor(200, 2));
    }

    @Test
    default void upstreamCursorsArePerAccountAndIgnorePop3() {
        addRecipients();
        UpstreamAccountId imapAccount = account(ALICE);
        UpstreamAccountId pop3Account = account(ALICE);
        mails().append(upstream(ALICE, imap(imapAccount, 100, 3, "1")));
        mails().append(upstream(ALICE, pop3(pop3Account, "uidl-1", "2")));

        assertThat(mails().upstreamCursor(imapAccount)).contains(new UpstreamCursor(100, 3));
        assertThat(mails().upstreamCursor(pop3Account)).isEmpty();
    }

    @Test
    default void upstreamUidlsAreThoseTheAccountDelivered() {
        addRecipients();
        UpstreamAccountId account = account(ALICE);
        UpstreamAccountId other = account(ALICE);
        assertThat(mails().upstreamUidls(account)).isEmpty();

        mails().append(upstream(ALICE, pop3(account, "uidl-1", "1")));
        mails().append(upstream(ALICE, pop3(account, "Uidl-2", "2")));
        mails().append(upstream(ALICE, pop3(other, "uidl-3", "3")));
        mails().append(upstream(ALICE, imap(account, 5, 5, "4")));

        assertThat(mails().upstreamUidls(account)).hasValueSatisfying(uidls -> assertThat(uidls)
                .containsExactlyInAnyOrder("uidl-1", "Uidl-2"));
    }

    @Test
    default void imapBaselineIsTheCursorUntilMailBeyondItIsStored() {
        addRecipients();
        UpstreamAccountId account = account(ALICE);

        mails().upstreamBaseline(account, new UpstreamBaseline.Imap(new UpstreamCursor(100, 40)));
        assertThat(mails().upstreamCursor(account)).contains(new UpstreamCursor(100, 40));
        assertThat(mails().recent(ALICE, 10)).isEmpty();
        assertThat(mails().pendingRouting(10)).isEmpty();

        mails().append(upstream(ALICE, imap(account, 100, 41, "1")));
        assertThat(mails().upstreamCursor(account)).contains(new UpstreamCursor(100, 41));
    }

    @Test
    default void baselineOfAnEmptyFolderIsACursorAtUidZero() {
        addRecipients();
        UpstreamAccountId account = account(ALICE);

        mails().upstreamBaseline(account, new UpstreamBaseline.Imap(new UpstreamCursor(100, 0)));

        assertThat(mails().upstreamCursor(account)).contains(new UpstreamCursor(100, 0));
    }

    @Test
    default void upstreamCursorIsTheLaterOfBaselineAndStoredMail() {
        addRecipients();
        UpstreamAccountId behind = account(ALICE);
        UpstreamAccountId resynced = account(ALICE);
        mails().append(upstream(ALICE, imap(behind, 100, 50, "1")));
        mails().upstreamBaseline(behind, new UpstreamBaseline.Imap(new UpstreamCursor(100, 40)));
        mails().upstreamBaseline(resynced, new UpstreamBaseline.Imap(new UpstreamCursor(100, 40)));
        // Under a new UIDVALIDITY, as after a mailbox rebuild: a low UID, but the later cursor.
        mails().append(upstream(ALICE, imap(resynced, 200, 2, "2")));

        assertThat(mails().upstreamCursor(behind)).contains(new UpstreamCursor(100, 50));
        assertThat(mails().upstreamCursor(resynced)).contains(new UpstreamCursor(200, 2));
    }

    @Test
    default void theFirstBaselineOfAnAccountStands() {
        addRecipients();
        UpstreamAccountId imapAccount = account(ALICE);
        UpstreamAccountId pop3Account = account(ALICE);
        mails().upstreamBaseline(imapAccount, new UpstreamBaseline.Imap(new UpstreamCursor(100, 40)));
        mails().upstreamBaseline(pop3Account, new UpstreamBaseline.Pop3(Set.of("uidl-1")));

        mails().upstreamBaseline(imapAccount, new UpstreamBaseline.Imap(new UpstreamCursor(100, 60)));
        mails().upstreamBaseline(pop3Account, new UpstreamBaseline.Pop3(Set.of("uidl-2")));

        assertThat(mails().upstreamCursor(imapAccount)).contains(new UpstreamCursor(100, 40));
        assertThat(mails().upstreamUidls(pop3Account)).contains(Set.of("uidl-1"));
    }

    @Test
    default void pop3BaselineUidlsCountAsSeenAlongWithThoseOfStoredMail() {
        addRecipients();
        UpstreamAccountId account = account(ALICE);
        UpstreamAccountId other = account(ALICE);

        mails().upstreamBaseline(account, new UpstreamBaseline.Pop3(Set.of("old-1", "Old-2")));
        mails().append(upstream(ALICE, pop3(account, "new-3", "3")));

        assertThat(mails().upstreamUidls(account)).contains(Set.of("old-1", "Old-2", "new-3"));
        assertThat(mails().upstreamUidls(other)).isEmpty();
        assertThat(mails().upstreamCursor(account)).isEmpty();
        assertThat(mails().recent(ALICE, 10)).hasSize(1);
    }

    @Test
    default void baselineOfAnEmptyMaildropIsSeenButEmpty() {
        addRecipients();
        UpstreamAccountId account = account(ALICE);

        mails().upstreamBaseline(account, new UpstreamBaseline.Pop3(Set.of()));

        assertThat(mails().upstreamUidls(account)).contains(Set.of());
    }

    @Test
    default void baselinesArePerAccount() {
        addRecipients();
        UpstreamAccountId alices = account(ALICE);
        UpstreamAccountId bobs = account(BOB);

        mails().upstreamBaseline(alices, new UpstreamBaseline.Imap(new UpstreamCursor(100, 40)));

        assertThat(mails().upstreamCursor(bobs)).isEmpty();
        assertThat(mails().upstreamUidls(bobs)).isEmpty();
    }

    @Test
    default void concurrentAppendsAreAllStoredUnderDistinctIds() throws Exception {
        addRecipients();
        List<Callable<List<StoredMail>>> appends = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            var mail = smtp("concurrent " + i, ALICE, BOB);
            appends.add(() -> mails().append(mail));
        }

        Set<MailId> ids = new HashSet<>();
        for (List<StoredMail> stored : runConcurrently(appends)) {
            stored.forEach(mail -> ids.add(mail.id()));
        }

        assertThat(ids).hasSize(80);
        assertThat(mails().recent(ALICE, 100)).hasSize(40);
        assertThat(mails().pendingRouting(100)).hasSize(80);
    }

    @Test
    default void concurrentDeliveriesOfOneUpstreamMailStoreItOnce() throws Exception {
        addRecipients();
        UpstreamAccountId account = account(ALICE);
        List<Callable<List<StoredMail>>> appends = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            var mail = upstream(ALICE, imap(account, 1, i + 1, "f"));
            appends.add(() -> mails().append(mail));
        }

        List<List<StoredMail>> results = runConcurrently(appends);

        assertThat(results).filteredOn(stored -> !stored.isEmpty()).hasSize(1);
        assertThat(mails().recent(ALICE, 100)).hasSize(1);
    }

    private static <T> List<T> runConcurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> done : pool.invokeAll(tasks)) {
                results.add(done.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
