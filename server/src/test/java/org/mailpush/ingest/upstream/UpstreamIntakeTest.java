package org.mailpush.ingest.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailpush.ingest.mime.MimeLimits;
import org.mailpush.ingest.mime.MimeSummarizer;
import org.mailpush.mail.InMemoryMailStore;
import org.mailpush.upstream.MailProtocol;
import org.mailpush.upstream.Secret;
import org.mailpush.upstream.TlsMode;
import org.mailpush.upstream.UpstreamAccount;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.upstream.UpstreamBaseline;
import org.mailpush.upstream.UpstreamCursor;
import org.mailpush.upstream.UpstreamServer;
import org.mailpush.user.UserId;

class UpstreamIntakeTest {
    private static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");
    private static final UserId OWNER = new UserId("alice");
    private static final UpstreamAccount ACCOUNT = new UpstreamAccount(new UpstreamAccountId(7), OWNER,
            new UpstreamServer(MailProtocol.IMAP, "imap.example.org", 993, TlsMode.IMPLICIT, "alice", new Secret("x"), null));
    private static final byte[] MAIL = """
            Return-Path: <bounces@lists.example.org>
            From: Bob <bob@example.org>
            Subject: Lunch?

            At noon.
            """.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);

    private final InMemoryMailStore store = new InMemoryMailStore();
    private final UpstreamIntake intake = new UpstreamIntake(store, new MimeSummarizer(MimeLimits.DEFAULTS), InstantSource.fixed(NOW));

    @Test
    void imapMailIsStoredForTheOwnerWithItsPositionAndTheCursorFollows() {
        assertThat(intake.deliver(ACCOUNT, 1700, 41, MAIL)).isTrue();

        var stored = store.recent(OWNER, 10);
        assertThat(stored).singleElement().satisfies(mail -> {
            assertThat(mail.summary().subject()).isEqualTo("Lunch?");
            assertThat(mail.summary().sender()).isEqualTo("bob@example.org");
            assertThat(mail.receivedAt()).isEqualTo(NOW);
        });
        assertThat(intake.cursor(ACCOUNT.id())).contains(new UpstreamCursor(1700, 41));
        assertThat(intake.uidls(ACCOUNT.id())).contains(Set.of());
    }

    @Test
    void theSameBytesAgainAreADuplicateWhateverTheirPosition() {
        assertThat(intake.deliver(ACCOUNT, 1700, 41, MAIL)).isTrue();

        assertThat(intake.deliver(ACCOUNT, 1800, 3, MAIL)).isFalse();
        assertThat(intake.deliver(ACCOUNT, "uidl-9", MAIL)).isFalse();
        assertThat(store.recent(OWNER, 10)).hasSize(1);
    }

    @Test
    void pop3MailIsStoredWithItsUidl() {
        assertThat(intake.deliver(ACCOUNT, "AAA-17", MAIL)).isTrue();

        assertThat(intake.uidls(ACCOUNT.id())).contains(Set.of("AAA-17"));
        assertThat(intake.cursor(ACCOUNT.id())).isEmpty();
    }

    @Test
    void anAccountNeverReachedHasNoCursorAndNoUidls() {
        assertThat(intake.cursor(ACCOUNT.id())).isEmpty();
        assertThat(intake.uidls(ACCOUNT.id())).isEmpty();
    }

    @Test
    void imapBaselineIsTheCursorAndStoresNothing() {
        intake.baseline(ACCOUNT, new UpstreamBaseline.Imap(new UpstreamCursor(1700, 40)));

        assertThat(intake.cursor(ACCOUNT.id())).contains(new UpstreamCursor(1700, 40));
        assertThat(store.recent(OWNER, 10)).isEmpty();
        assertThat(intake.deliver(ACCOUNT, 1700, 41, MAIL)).isTrue();
        assertThat(intake.cursor(ACCOUNT.id())).contains(new UpstreamCursor(1700, 41));
    }

    @Test
    void pop3BaselineUidlsCountAsSeen() {
        intake.baseline(ACCOUNT, new UpstreamBaseline.Pop3(Set.of("AAA-1", "AAA-2")));

        assertThat(intake.uidls(ACCOUNT.id())).contains(Set.of("AAA-1", "AAA-2"));
        assertThat(store.recent(OWNER, 10)).isEmpty();
    }

    @Test
    void fingerprintIsSha256InLowerCaseHex() {
        assertThat(UpstreamIntake.fingerprint("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void envelopeSenderIsTheReturnPath() {
        assertThat(UpstreamIntake.envelopeSender(MAIL)).isEqualTo("bounces@lists.example.org");
        assertThat(UpstreamIntake.envelopeSender("Return-Path: <>\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(UpstreamIntake.envelopeSender("Subject: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }
}
