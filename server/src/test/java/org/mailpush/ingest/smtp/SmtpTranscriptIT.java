package org.mailpush.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailpush.ingest.smtp.RunningReceiver.ALICE;
import static org.mailpush.ingest.smtp.RunningReceiver.BOB;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mailpush.mail.StoredMail;

/** The receiver's protocol behaviour, each case a transcript in {@code src/test/resources/smtp}. */
class SmtpTranscriptIT {

    @Test
    void storesOneMailPerLocalUserAndAnswersWithTheirIds() {
        try (var smtp = RunningReceiver.start()) {
            Transcript.load("local-delivery").play(smtp.port());

            assertThat(smtp.stored()).extracting(StoredMail::owner).containsExactly(ALICE, BOB);
            StoredMail forAlice = smtp.stored().getFirst();
            assertThat(forAlice.receivedAt()).isEqualTo(RunningReceiver.NOW);
            assertThat(new String(smtp.store.raw(ALICE, forAlice.id()).orElseThrow(), StandardCharsets.US_ASCII)).isEqualTo("""
                    Return-Path: <carol@elsewhere.test>\r
                    Received: from client.test ([127.0.0.1])\r
                    \tby mx.example.test (mailpush) with ESMTP; Sun, 1 Mar 2026 09:30:00 +0000\r
                    From: Carol <carol@elsewhere.test>\r
                    Subject: Lunch\r
                    \r
                    Shall we?\r
                    .a line that starts with a dot\r
                    """);
            assertThat(forAlice.summary().sender()).isEqualTo("carol@elsewhere.test");
            assertThat(forAlice.summary().subject()).isEqualTo("Lunch");
            assertThat(forAlice.summary().sizeBytes()).isEqualTo(smtp.raw(forAlice).length());
            assertThat(forAlice.summary().preview()).startsWith("Shall we?");
        }
    }

    @Test
    void acceptsPostmasterEverywhereLocalForThePostmasterUserWithTheNullSenderAsReturnPath() {
        try (var smtp = RunningReceiver.start(s -> s.withPostmaster(BOB))) {
            Transcript.load("postmaster").play(smtp.port());

            assertThat(smtp.stored()).extracting(StoredMail::owner).containsExactly(BOB);
            assertThat(smtp.raw(smtp.stored().getFirst())).startsWith("Return-Path: <>\r\nReceived: from client.test");
        }
    }

    @Test
    void refusesControlCharactersInTheGreeting() {
        try (var smtp = RunningReceiver.start()) {
            Transcript.load("helo-syntax").play(smtp.port());

            assertThat(smtp.stored()).isEmpty();
        }
    }

    @Test
    void decodesEightBitHeadersAsUtf8LikeTheText() {
        try (var smtp = RunningReceiver.start()) {
            Transcript.load("eight-bit-headers").play(smtp.port());

            StoredMail mail = smtp.stored().getFirst();
            assertThat(mail.summary().subject()).isEqualTo("Grüße K\uFFFDln München");
            assertThat(mail.summary().preview()).isEqualTo("Grüße K\uFFFDln");
        }
    }

    @Test
    void refusesUnknownUsersOfLocalDomains() {
        try (var smtp = RunningReceiver.start()) {
            Transcript.load("unknown-user").play(smtp.port());

            assertThat(smtp.stored()).isEmpty();
        }
    }

    @Test
    void neverRelays() {
        try (var smtp = RunningReceiver.start(s -> s.withLimits(s.limits().withMaxErrors(20)))) {
            Transcript.load("relay").play(smtp.port());

            assertThat(smtp.stored()).isEmpty();
        }
    }

    @Test
    void refusesRecipientsPastTheLimitWith452() {
        try (var smtp = RunningReceiver.start(s -> s.withLimits(s.limits().withMaxRecipients(2)))) {
            Transcript.load("too-many-recipients").play(smtp.port());

            assertThat(smtp.stored()).extracting(StoredMail::owner).containsExactly(ALICE, BOB);
        }
    }

    @Test
    void refusesOversizedMessagesWithoutKeepingThem() {
        try (var smtp = RunningReceiver.start(s -> s.withLimits(s.limits().withMaxMessageBytes(1000)))) {
            Transcript.load("oversized-message").play(smtp.port());

            assertThat(smtp.stored()).isEmpty();
        }
    }

    @Test
    void answers451WhenTheStoreFails() {
        var store = FailingMailStore.diskFull();
        try (var smtp = RunningReceiver.start(s -> s, store)) {
            Transcript.load("store-failure").play(smtp.port());

            assertThat(store.attempts()).isEqualTo(1);
        }
    }

    @Test
    void answers421AndClosesWhenTheStoreFailsUnexpectedly() {
        var store = FailingMailStore.broken();
        try (var smtp = RunningReceiver.start(s -> s, store)) {
            Transcript.load("store-bug").play(smtp.port());

            assertThat(store.attempts()).isEqualTo(1);
        }
    }

    @Test
    void closesTheConnectionAtTheErrorLimit() {
        try (var smtp = RunningReceiver.start(s -> s.withLimits(s.limits().withMaxErrors(3)))) {
            Transcript.load("error-limit").play(smtp.port());
        }
    }

    @Test
    void refusesLinesLongerThanTheLimit() {
        try (var smtp = RunningReceiver.start()) {
            Transcript.load("line-too-long").play(smtp.port());

            assertThat(smtp.stored()).hasSize(1);
        }
    }

    @Test
    void neverLetsABareLineEndEndTheData() {
        try (var smtp = RunningReceiver.start()) {
            Transcript.load("smuggling").play(smtp.port());

            assertThat(smtp.stored()).isEmpty();
        }
    }

    @Test
    void refusesNulOctets() {
        try (var smtp = RunningReceiver.start()) {
            Transcript.load("nul-in-data").play(smtp.port());

            assertThat(smtp.stored()).isEmpty();
        }
    }

    @Test
    void answersPipelinedCommandsInOrder() {
        try (var smtp = RunningReceiver.start()) {
            Transcript.load("pipelining").play(smtp.port());

            assertThat(smtp.stored()).extracting(StoredMail::owner).containsExactly(ALICE, BOB, BOB);
        }
    }

    @Test
    void resetsTheTransactionOnRset() {
        try (var smtp = RunningReceiver.start()) {
            Transcript.load("rset").play(smtp.port());

            assertThat(smtp.stored()).extracting(StoredMail::owner).containsExactly(BOB);
        }
    }

    @Test
    void offersNoStarttlsWithoutACertificate() {
        try (var smtp = RunningReceiver.start()) {
            Transcript.load("no-starttls-without-certificate").play(smtp.port());
        }
    }

    @Test
    void checksTheOrderSyntaxAndLineEndsOfCommands() {
        try (var smtp = RunningReceiver.start()) {
            Transcript.load("commands").play(smtp.port());
        }
    }

    @Test
    void checksEnvelopeArguments() {
        try (var smtp = RunningReceiver.start()) {
            Transcript.load("envelope-syntax").play(smtp.port());
        }
    }

    @Test
    void closesIdleConnectionsAfterTheCommandTimeout() {
        try (var smtp = RunningReceiver.start(s -> s.withLimits(s.limits().withCommandTimeout(Duration.ofMillis(300))))) {
            Transcript.load("command-timeout").play(smtp.port());
        }
    }

    @Test
    void closesStalledDataAfterTheDataTimeout() {
        try (var smtp = RunningReceiver.start(s -> s.withLimits(s.limits().withDataTimeout(Duration.ofMillis(300))))) {
            Transcript.load("data-timeout").play(smtp.port());

            assertThat(smtp.stored()).isEmpty();
        }
    }
}
