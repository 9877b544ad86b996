package org.mailpush.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailpush.device.DeviceType.DESKTOP;
import static org.mailpush.device.DeviceType.LAPTOP;
import static org.mailpush.device.DeviceType.PHONE;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailpush.device.Capabilities;
import org.mailpush.device.DeviceId;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.StoredMail;
import org.mailpush.policy.Policy;
import org.mailpush.policy.ReportingMode;
import org.mailpush.policy.Rule;
import org.mailpush.policy.Target;
import org.mailpush.presence.UsageReport;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;
import org.mailpush.push.OutboxEntry;
import org.mailpush.user.UserId;

class LinkIT {
    private final LinkFixture fixture = new LinkFixture();
    private final UserId alice = fixture.user("alice");

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void theTerminalInUseGetsTheMailTheOthersAHintOrNothing() {
        fixture.stores.policies().save(alice, Policy.of(Rule.of(new Target.InUse())).withOthers(Policy.Others.HINT));
        String desk = fixture.device(alice, "desk", DESKTOP);
        String phone = fixture.device(alice, "phone", PHONE);
        fixture.device(alice, "laptop", LAPTOP);
        fixture.inUse("desk");
        fixture.report("phone", UsageReport.on(Instant.now()));
        fixture.report("laptop", UsageReport.on(Instant.now()).withPower(org.mailpush.presence.PowerState.OFF));

        try (var deskTerminal = TerminalClient.hello(fixture.port(), desk, 0);
                var phoneTerminal = TerminalClient.hello(fixture.port(), phone, 0)) {
            StoredMail mail = fixture.mail(alice, "Lunch?");

            var full = deskTerminal.next(ServerMessage.Mail.class);
            assertThat(full.mail()).isEqualTo(mail.id());
            assertThat(full.seq()).isEqualTo(1);
            assertThat(new String(full.raw().orElseThrow())).contains("Subject: Lunch?");
            var hint = phoneTerminal.next(ServerMessage.Hint.class);
            assertThat(hint.pushedTo()).extracting(ServerMessage.Named::device).containsExactly(new DeviceId("desk"));
            assertThat(hint.text()).isEqualTo("a mail from carol@example.org was pushed to desk");
            assertThat(fixture.stores.plans().firstPlan(alice, mail.id())).isPresent();
        }
    }

    @Test
    void aTerminalThatWasAwayGetsItsMailWhenItConnectsAndExactlyOnce() {
        String phone = fixture.device(alice, "phone", PHONE);
        StoredMail first = fixture.mail(alice, "one");

        long lastAck;
        try (var terminal = TerminalClient.hello(fixture.port(), phone, 0)) {
            var mail = terminal.next(ServerMessage.Mail.class);
            assertThat(mail.mail()).isEqualTo(first.id());
            terminal.send(new TerminalMessage.Ack(mail.seq()));
            lastAck = mail.seq();
        }
        StoredMail second = fixture.mail(alice, "two");
        StoredMail third = fixture.mail(alice, "three");
        awaitQueued(new DeviceId("phone"), 2);

        try (var terminal = TerminalClient.hello(fixture.port(), phone, lastAck)) {
            var a = terminal.next(ServerMessage.Mail.class);
            var b = terminal.next(ServerMessage.Mail.class);
            assertThat(List.of(a.mail(), b.mail())).containsExactlyInAnyOrder(second.id(), third.id());
            assertThat(List.of(a.seq(), b.seq())).containsExactly(2L, 3L);
            terminal.send(new TerminalMessage.Ack(3));
            terminal.send(new TerminalMessage.PolicyGet());
            assertThat(terminal.next()).isInstanceOf(ServerMessage.PolicyChanged.class);
        }
        assertThat(fixture.stores.outbox().unacknowledged(new DeviceId("phone"))).isEmpty();
    }

    @Test
    void aMailWhoseRoutingFailedStaysPendingAndTheRetrySweepDeliversItOnce() throws InterruptedException {
        String phone = fixture.device(alice, "phone", PHONE);
        fixture.failingKeeps.set(1);

        try (var terminal = TerminalClient.hello(fixture.port(), phone, 0)) {
            StoredMail mail = fixture.mail(alice, "after the outage");
            assertThat(fixture.failedKeeps.tryAcquire(10, TimeUnit.SECONDS)).as("routing tried and failed").isTrue();
            assertThat(fixture.stores.plans().plansOf(alice, mail.id())).isEmpty();

            // What the sweep does every 30 s; a mail still being routed is left alone, so ask until it is taken up.
            Instant deadline = Instant.now().plusSeconds(10);
            while (fixture.stores.mails().pendingRouting(10).contains(mail)) {
                assertThat(Instant.now()).as("routed again by the sweep").isBefore(deadline);
                fixture.link.retryPending();
                Thread.onSpinWait();
            }

            var delivered = terminal.next(ServerMessage.Mail.class);
            assertThat(delivered.mail()).isEqualTo(mail.id());
            assertThat(delivered.seq()).isEqualTo(1);
            assertThat(fixture.stores.plans().plansOf(alice, mail.id())).hasSize(1);
            assertThat(fixture.stores.outbox().ofMail(mail.id())).hasSize(1);
        }
    }

    @Test
    void anUnacknowledgedMailIsSentAgainOnReconnectWithTheSameSequenceNumber() {
        String phone = fixture.device(alice, "phone", PHONE);
        StoredMail mail = fixture.mail(alice, "again");
        long seq;
        try (var terminal = TerminalClient.hello(fixture.port(), phone, 0)) {
            seq = terminal.next(ServerMessage.Mail.class).seq();
        }
        try (var terminal = TerminalClient.hello(fixture.port(), phone, 0)) {
            var again = terminal.next(ServerMessage.Mail.class);
            assertThat(again.seq()).isEqualTo(seq);
            assertThat(again.mail()).isEqualTo(mail.id());
        }
    }

    @Test
    void anUnacknowledgedMailIsSentAgainOnTheSameConnectionUntilItIsAcknowledged() {
        var quick = new LinkSettings(Duration.ofMinutes(10), Duration.ofMillis(500), Duration.ofMillis(300), Duration.ofSeconds(10),
                64 * 1024, 20, 50, 10, List.of());
        try (var link = new LinkFixture(quick)) {
            UserId bob = link.user("bob");
            String phone = link.device(bob, "bobs-phone", PHONE);
            try (var terminal = TerminalClient.hello(link.port(), phone, 0)) {
                link.mail(bob, "first");
                var first = terminal.next(ServerMessage.Mail.class);
                assertThat(terminal.next(ServerMessage.Mail.class).seq()).as("sent again, unacknowledged").isEqualTo(first.seq());

                terminal.send(new TerminalMessage.Ack(first.seq()));
                // The answer to a policy.get says the acknowledgement before it was handled; resends of the first may come before it.
                terminal.send(new TerminalMessage.PolicyGet());
                while (!(terminal.next() instanceof ServerMessage.PolicyChanged)) {
                    // a resend that crossed the acknowledgement
                }
                link.mail(bob, "second");

                // Deliveries are sent in sequence order: were the first still resent, it would come before the second.
                var second = terminal.next(ServerMessage.Mail.class);
                assertThat(second.seq()).isEqualTo(first.seq() + 1);
                assertThat(terminal.next(ServerMessage.Mail.class).seq()).as("the second sent again").isEqualTo(second.seq());
            }
        }
    }

    @Test
    void readingOnOneTerminalSyncsFlagsAndRetractsElsewhere() {
        fixture.stores.policies().save(alice, Policy.of(Rule.of(new Target.InUse())).withOthers(Policy.Others.HINT));
        String a = fixture.device(alice, "a-desk", DESKTOP);
        String b = fixture.device(alice, "b-phone", PHONE);
        String c = fixture.device(alice, "c-laptop", LAPTOP);
        fixture.inUse("a-desk");
        try (var ta = TerminalClient.hello(fixture.port(), a, 0);
                var tb = TerminalClient.hello(fixture.port(), b, 0);
                var tc = TerminalClient.hello(fixture.port(), c, 0)) {
            StoredMail mail = fixture.mail(alice, "read me");
            ta.next(ServerMessage.Mail.class);
            tb.next(ServerMessage.Hint.class);
            tc.next(ServerMessage.Hint.class);

            ta.send(new TerminalMessage.Flags(mail.id(), Optional.of(true), Optional.empty(), Optional.empty()));

            for (TerminalClient other : List.of(tb, tc)) {
                var flags = other.next(ServerMessage.FlagsChanged.class);
                assertThat(flags.flags()).isEqualTo(new MailFlags(true, false, false));
                assertThat(other.next(ServerMessage.Retract.class).mail()).isEqualTo(mail.id());
            }
            assertThat(fixture.find(alice, mail).orElseThrow().flags().seen()).isTrue();
        }
    }

    @Test
    void aTerminalNeverSeesOrTouchesAnotherUsersMail() {
        UserId bob = fixture.user("bob");
        String alicePhone = fixture.device(alice, "alice-phone", PHONE);
        fixture.device(bob, "bob-phone", PHONE);
        StoredMail bobsMail = fixture.mail(bob, "for bob only");

        try (var terminal = TerminalClient.hello(fixture.port(), alicePhone, 0)) {
            terminal.send(new TerminalMessage.Flags(bobsMail.id(), Optional.of(true), Optional.empty(), Optional.of(true)));
            var error = terminal.next(ServerMessage.Error.class);
            assertThat(error.code()).isEqualTo(ServerMessage.ErrorCode.NO_SUCH_MAIL);
            fixture.mail(alice, "for alice");
            var mail = terminal.next(ServerMessage.Mail.class);
            assertThat(mail.summary().subject()).isEqualTo("for alice");
        }
        assertThat(fixture.find(bob, bobsMail).orElseThrow().flags()).isEqualTo(MailFlags.NEW);
    }

    @Test
    void whateverATerminalSendsItNeverReachesAnotherUsersMailOrTerminals() {
        UserId bob = fixture.user("bob");
        String mallory = fixture.device(alice, "alice-phone", PHONE);
        String bobsToken = fixture.device(bob, "bob-phone", PHONE);
        try (var bobsPhone = TerminalClient.hello(fixture.port(), bobsToken, 0)) {
            StoredMail bobsMail = fixture.mail(bob, "bob's secret");
            var delivered = bobsPhone.next(ServerMessage.Mail.class);

            try (var attacker = TerminalClient.hello(fixture.port(), mallory, 0)) {
                for (long id = 1; id <= bobsMail.id().value() + 5; id++) {
                    attacker.send(new TerminalMessage.Flags(new org.mailpush.mail.MailId(id), Optional.of(true), Optional.of(true),
                            Optional.of(true)));
                }
                attacker.send(new TerminalMessage.Ack(Long.MAX_VALUE));
                attacker.send(new TerminalMessage.ProbeReply("p-1", UsageReport.on(Instant.now())));
                attacker.sendText("{\"type\": \"hello\", \"v\": 1, \"token\": \"" + bobsToken + "\", \"lastAck\": 0}");
                attacker.send(new TerminalMessage.PolicyGet());

                List<ServerMessage> seen = new java.util.ArrayList<>();
                ServerMessage message;
                do {
                    message = attacker.next();
                    seen.add(message);
                } while (!(message instanceof ServerMessage.PolicyChanged));
                assertThat(seen).noneMatch(m -> m instanceof ServerMessage.Mail || m instanceof ServerMessage.Hint
                        || m instanceof ServerMessage.FlagsChanged || m instanceof ServerMessage.Retract);
            }
            assertThat(fixture.find(bob, bobsMail).orElseThrow().flags()).isEqualTo(MailFlags.NEW);
            assertThat(fixture.stores.outbox().unacknowledged(new DeviceId("bob-phone")))
                    .extracting(OutboxEntry::seq).containsExactly(delivered.seq());
            bobsPhone.send(new TerminalMessage.PolicyGet());
            assertThat(bobsPhone.next()).isInstanceOf(ServerMessage.PolicyChanged.class);
        }
    }

    @Test
    void aDeliveryNotAcknowledgedInTimeIsSentAgainOnTheSameConnection() {
        try (var fixture = new LinkFixture(new LinkSettings(Duration.ofMinutes(10), Duration.ofMillis(500), Duration.ofMillis(200),
                Duration.ofSeconds(10), 64 * 1024, 20, 50, 10, List.of()))) {
            UserId carol = fixture.user("carol");
            String token = fixture.device(carol, "phone", PHONE);
            try (var terminal = TerminalClient.hello(fixture.port(), token, 0)) {
                StoredMail mail = fixture.mail(carol, "are you there?");
                var first = terminal.next(ServerMessage.Mail.class);

                var again = terminal.next(ServerMessage.Mail.class);

                assertThat(again.seq()).isEqualTo(first.seq());
                assertThat(again.mail()).isEqualTo(mail.id());
                terminal.send(new TerminalMessage.Ack(again.seq()));
            }
        }
    }

    @Test
    void aPolicySetOnOneTerminalReachesAllOfThem() {
        String a = fixture.device(alice, "a", PHONE);
        String b = fixture.device(alice, "b", LAPTOP);
        Policy policy = Policy.of(Rule.of(new Target.PreferType(org.mailpush.device.DeviceType.LAPTOP)));
        try (var ta = TerminalClient.hello(fixture.port(), a, 0); var tb = TerminalClient.hello(fixture.port(), b, 0)) {
            ta.send(new TerminalMessage.PolicySet(policy));

            assertThat(ta.next(ServerMessage.PolicyChanged.class).policy()).isEqualTo(policy);
            var echoed = tb.next(ServerMessage.PolicyChanged.class);
            assertThat(echoed.policy()).isEqualTo(policy);
            assertThat(echoed.seq()).isEqualTo(OptionalLong.of(1));
        }
        assertThat(fixture.stores.policies().policyOf(alice)).contains(policy);
    }

    @Test
    void aPolicySetIsRefusedWhenTheUserDoesNotLetTerminalsSetIt() {
        String a = fixture.device(alice, "a", PHONE);
        String b = fixture.device(alice, "b", LAPTOP);
        Policy before = Policy.of(Rule.of(new Target.InUse()));
        fixture.stores.policies().save(alice, before);
        fixture.stores.policyFromTerminals().allow(alice, false);
        Policy policy = Policy.of(Rule.of(new Target.PreferType(org.mailpush.device.DeviceType.LAPTOP)));
        try (var ta = TerminalClient.hello(fixture.port(), a, 0); var tb = TerminalClient.hello(fixture.port(), b, 0)) {
            ta.sendText("{\"type\": \"policy.set\", \"id\": \"p-1\", \"policy\": {\"rules\": [{\"kind\": \"prefer\", "
                    + "\"type\": \"laptop\"}]}}");

            var error = ta.next(ServerMessage.Error.class);
            assertThat(error.code()).isEqualTo(ServerMessage.ErrorCode.INVALID_POLICY);
            assertThat(error.message()).contains("does not let terminals set the policy");
            // The terminal is still connected and answered; its policy.get still reads the unchanged policy.
            ta.send(new TerminalMessage.PolicyGet());
            assertThat(ta.next(ServerMessage.PolicyChanged.class).policy()).isEqualTo(before);
            tb.send(new TerminalMessage.PolicyGet());
            assertThat(tb.next(ServerMessage.PolicyChanged.class).policy()).as("nothing was delivered to the other terminal")
                    .isEqualTo(before);

            fixture.stores.policyFromTerminals().allow(alice, true);
            ta.send(new TerminalMessage.PolicySet(policy));
            assertThat(ta.next(ServerMessage.PolicyChanged.class).policy()).isEqualTo(policy);
        }
        assertThat(fixture.stores.policies().policyOf(alice)).contains(policy);
    }

    @Test
    void anInvalidPolicyIsRefusedNamingTheField() {
        String a = fixture.device(alice, "a", PHONE);
        try (var terminal = TerminalClient.hello(fixture.port(), a, 0)) {
            terminal.sendText("{\"type\": \"policy.set\", \"policy\": {\"rules\": [{\"kind\": \"prefer\", \"type\": \"toaster\"}]}}");

            var error = terminal.next(ServerMessage.Error.class);
            assertThat(error.code()).isEqualTo(ServerMessage.ErrorCode.INVALID_POLICY);
            assertThat(error.message()).startsWith("policy.rules[0].type: 'toaster' is not one of");
        }
        assertThat(fixture.stores.policies().policyOf(alice)).isEmpty();
    }

    @Test
    void probeModeDecidesWithTheFreshAnswers() {
        fixture.stores.policies().save(alice, Policy.of(Rule.of(new Target.InUse())).withReporting(ReportingMode.PROBE));
        String desk = fixture.device(alice, "desk", DESKTOP);
        String phone = fixture.device(alice, "phone", PHONE);
        fixture.inUse("desk");
        try (var deskTerminal = TerminalClient.hello(fixture.port(), desk, 0);
                var phoneTerminal = TerminalClient.hello(fixture.port(), phone, 0)) {
            fixture.mail(alice, "who is there?");

            var deskProbe = deskTerminal.next(ServerMessage.Probe.class);
            var phoneProbe = phoneTerminal.next(ServerMessage.Probe.class);
            Instant now = Instant.now();
            deskTerminal.send(new TerminalMessage.ProbeReply(deskProbe.probe(), UsageReport.on(now)));
            phoneTerminal.send(new TerminalMessage.ProbeReply(phoneProbe.probe(), UsageReport.on(now).withLastInput(now)));

            assertThat(phoneTerminal.next(ServerMessage.Mail.class).summary().subject()).isEqualTo("who is there?");
        }
    }

    @Test
    void aBadTokenIsRefusedAndTheConnectionClosed() {
        fixture.device(alice, "a", PHONE);
        try (var terminal = TerminalClient.connect(fixture.port())) {
            terminal.send(new TerminalMessage.Hello(1, "not-a-token", 0));

            assertThat(terminal.next(ServerMessage.Error.class).code()).isEqualTo(ServerMessage.ErrorCode.UNAUTHORIZED);
            assertThat(terminal.awaitClose()).isEqualTo(Closing.UNAUTHORIZED.code());
        }
    }

    @Test
    void malformedMessagesAreAnsweredCountedAndFinallyCostTheConnection() {
        try (var fixture = new LinkFixture(new LinkSettings(Duration.ofMinutes(10), Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(10), 64 * 1024, 1000, 1000, 3, List.of()))) {
            UserId carol = fixture.user("carol");
            String token = fixture.device(carol, "a", PHONE);
            try (var terminal = TerminalClient.hello(fixture.port(), token, 0)) {
                terminal.sendText("not json");
                terminal.sendText("{\"type\": \"teleport\"}");
                assertThat(terminal.next(ServerMessage.Error.class).strikes()).isEqualTo(1);
                assertThat(terminal.next(ServerMessage.Error.class).message()).startsWith("type: 'teleport' is not one of");
                terminal.sendText("{\"type\": \"ack\"}");

                assertThat(terminal.next(ServerMessage.Error.class).strikes()).isEqualTo(3);
                assertThat(terminal.awaitClose()).isEqualTo(Closing.TOO_MANY_STRIKES.code());
            }
        }
    }

    @Test
    void aTerminalThatSendsTooFastIsToldSo() {
        try (var fixture = new LinkFixture(new LinkSettings(Duration.ofMinutes(10), Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(10), 64 * 1024, 0.001, 3, 100, List.of()))) {
            UserId carol = fixture.user("carol");
            String token = fixture.device(carol, "a", PHONE);
            try (var terminal = TerminalClient.hello(fixture.port(), token, 0)) {
                for (int i = 0; i < 3; i++) {
                    terminal.send(new TerminalMessage.State(UsageReport.on(Instant.now())));
                }
                terminal.send(new TerminalMessage.State(UsageReport.on(Instant.now())));

                assertThat(terminal.next(ServerMessage.Error.class).code()).isEqualTo(ServerMessage.ErrorCode.TOO_FAST);
            }
        }
    }

    @Test
    void aBrowserFromAForeignOriginIsRefused() {
        var refused = org.assertj.core.api.Assertions.catchThrowable(
                () -> TerminalClient.connectFrom(fixture.port(), "https://evil.example"));

        assertThat(refused).isInstanceOf(CompletionException.class);
        assertThat(refused.getCause()).isInstanceOfSatisfying(java.net.http.WebSocketHandshakeException.class,
                handshake -> assertThat(handshake.getResponse().statusCode()).isEqualTo(403));
        TerminalClient.connectFrom(fixture.port(), "http://127.0.0.1:" + fixture.port()).close();
    }

    @Test
    void aMailTooLargeForTheTerminalComesAsAFetchLink() throws Exception {
        String token = fixture.device(alice, "pager", PHONE, new Capabilities(false, false, 10, java.util.Set.of()));
        try (var terminal = TerminalClient.hello(fixture.port(), token, 0)) {
            StoredMail mail = fixture.mail(alice, "big");

            var message = terminal.next(ServerMessage.Mail.class);
            assertThat(message.raw()).isEmpty();
            String fetch = message.fetch().orElseThrow();
            HttpResponse<String> ok = get(fetch, token);
            HttpResponse<String> foreign = get(fetch, fixture.device(fixture.user("bob"), "bob-phone", PHONE));

            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("Subject: big");
            assertThat(foreign.statusCode()).isEqualTo(404);
            assertThat(get(fetch, "wrong").statusCode()).isEqualTo(401);
            assertThat(fixture.find(alice, mail)).isPresent();
        }
    }

    @Test
    void revokingADeviceClosesItsConnectionAtOnce() {
        String token = fixture.device(alice, "lost-phone", PHONE);
        try (var terminal = TerminalClient.hello(fixture.port(), token, 0)) {
            fixture.stores.tokens().revoke(new DeviceId("lost-phone"));
            fixture.link.disconnect(new DeviceId("lost-phone"));

            assertThat(terminal.awaitClose()).isEqualTo(Closing.REVOKED.code());
        }
        try (var again = TerminalClient.connect(fixture.port())) {
            again.send(new TerminalMessage.Hello(1, token, 0));
            assertThat(again.next(ServerMessage.Error.class).code()).isEqualTo(ServerMessage.ErrorCode.UNAUTHORIZED);
        }
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.port() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (bounded) until routing queued this many unacknowledged deliveries for the device. */
    private void awaitQueued(DeviceId device, int count) {
        long deadline = System.nanoTime() + TerminalClient.PATIENCE.toNanos();
        while (fixture.stores.outbox().unacknowledged(device).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("routing did not queue " + count + " deliveries for " + device);
            }
            Thread.onSpinWait();
        }
    }
}
