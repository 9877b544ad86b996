package org.mailpush.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailpush.device.DeviceType.BROWSER;
import static org.mailpush.device.DeviceType.PHONE;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailpush.device.DeviceId;
import org.mailpush.device.PushChannel;
import org.mailpush.mail.StoredMail;
import org.mailpush.policy.Policy;
import org.mailpush.policy.Rule;
import org.mailpush.policy.Target;
import org.mailpush.presence.UsageReport;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;
import org.mailpush.push.PushMessage;
import org.mailpush.push.PushOutcome;
import org.mailpush.route.PushAction;
import org.mailpush.user.UserId;

/**
 * A terminal with no link but a push channel (a closed browser tab with a Web Push subscription): its
 * mail goes out as a notice through the channel, and over the link when it connects. A channel that
 * is gone is removed and the mail falls over to the next choice.
 */
class LinkPushChannelIT {
    private static final DeviceId TAB = new DeviceId("tab");
    private static final DeviceId PHONE_ID = new DeviceId("phone");

    private final LinkFixture fixture = new LinkFixture();
    private final UserId alice = fixture.user("alice");

    @AfterEach
    void close() {
        fixture.close();
    }

    private String tabWithChannel() {
        String token = fixture.device(alice, "tab", BROWSER);
        fixture.channels.add(new PushChannel(TAB, PushChannel.Kind.WEB_PUSH, URI.create("https://push.example.net/s/tab"),
                "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4", "BTBZMqHH6r4Tts7J_aSIgg"),
                Instant.now());
        fixture.report("tab", UsageReport.on(Instant.now()).withLastInput(Instant.now().minusSeconds(5)));
        return token;
    }

    @Test
    void aClosedTabGetsItsMailAsAWebPushNoticeAndOverTheLinkWhenItConnects() {
        fixture.stores.policies().save(alice, Policy.of(Rule.of(new Target.InUse())));
        String tab = tabWithChannel();

        StoredMail mail = fixture.mail(alice, "Lunch?");

        RecordingPushTransport.Sent notice = fixture.pushes.next();
        assertThat(notice.channel().device()).isEqualTo(TAB);
        assertThat(notice.payload().path("type").asText()).isEqualTo("mail");
        assertThat(notice.payload().path("mail").asText()).isEqualTo(mail.id().toString());
        assertThat(notice.payload().path("subject").asText()).isEqualTo("Lunch?");
        assertThat(notice.payload().path("from").asText()).isEqualTo("carol@example.org");
        assertThat(notice.payload().path("fetch").asText()).isEqualTo("/api/link/mails/" + mail.id() + "/raw");
        assertThat(notice.payload().has("raw")).as("never the whole mail").isFalse();
        assertThat(notice.message().topic()).isEqualTo("mail-" + mail.id());
        assertThat(notice.message().urgency()).isEqualTo(PushMessage.Urgency.NORMAL);
        assertThat(notice.message().ttl()).isEqualTo(Duration.ofHours(24));
        awaitSent(TAB);
        // The plan is told how the mail went once the push service answered, just after the delivery is marked sent.
        long deadline = System.nanoTime() + TerminalClient.PATIENCE.toNanos();
        while (!fixture.stores.plans().plansOf(alice, mail.id()).getLast().plan().trail().contains("tab: FULL by Web Push")
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(fixture.stores.plans().plansOf(alice, mail.id()).getLast().plan().trail()).contains("tab: FULL by Web Push");
        assertThat(fixture.channels.listed(TAB).getFirst().lastSuccess()).isPresent();

        try (var terminal = TerminalClient.hello(fixture.port(), tab, 0)) {
            assertThat(terminal.next(ServerMessage.Mail.class).mail()).isEqualTo(mail.id());
        }
        assertThat(fixture.pushes.nothingWithin(Duration.ofMillis(200))).as("pushed once").isTrue();
    }

    @Test
    void aGoneChannelIsRemovedAndTheMailFallsOverToTheNextChoice() {
        fixture.stores.policies().save(alice, Policy.of(Rule.of(new Target.InUse())));
        tabWithChannel();
        String phone = fixture.device(alice, "phone", PHONE);
        fixture.report("phone", UsageReport.on(Instant.now()));
        fixture.pushes.answer(sent -> new PushOutcome.Gone("410 Gone"));

        try (var phoneTerminal = TerminalClient.hello(fixture.port(), phone, 0)) {
            StoredMail mail = fixture.mail(alice, "Lunch?");

            assertThat(fixture.pushes.next().channel().device()).isEqualTo(TAB);
            assertThat(phoneTerminal.next(ServerMessage.Mail.class).mail()).isEqualTo(mail.id());
            assertThat(fixture.channels.of(TAB)).as("the channel is removed").isEmpty();
            assertThat(fixture.stores.outbox().unacknowledged(TAB)).singleElement()
                    .satisfies(entry -> assertThat(entry.failure()).hasValue("Web Push at push.example.net: gone, 410 Gone"));
            assertThat(fixture.stores.plans().plansOf(alice, mail.id())).last()
                    .satisfies(decided -> assertThat(decided.plan().devicesWith(PushAction.FULL)).containsExactly(PHONE_ID));
        }
    }

    @Test
    void aDeliveryWhosePushFailedWaitsForTheLinkAndIsNotPushedAgainWithEachLaterMail() {
        fixture.stores.policies().save(alice, Policy.of(Rule.of(new Target.InUse())));
        String tab = tabWithChannel();
        fixture.pushes.answer(sent -> new PushOutcome.Failed("503 Service Unavailable"));
        StoredMail first = fixture.mail(alice, "Lunch?");
        assertThat(fixture.pushes.next().payload().path("mail").asText()).isEqualTo(first.id().toString());
        awaitFailed(TAB, first);
        fixture.pushes.answer(sent -> new PushOutcome.Delivered());

        StoredMail second = fixture.mail(alice, "Dinner?");

        assertThat(fixture.pushes.next().payload().path("mail").asText()).isEqualTo(second.id().toString());
        assertThat(fixture.pushes.nothingWithin(Duration.ofMillis(300))).as("the failed one is not pushed again").isTrue();
        try (var terminal = TerminalClient.hello(fixture.port(), tab, 0)) {
            assertThat(terminal.next(ServerMessage.Mail.class).mail()).as("it waited for the link").isEqualTo(first.id());
            assertThat(terminal.next(ServerMessage.Mail.class).mail()).isEqualTo(second.id());
        }
    }

    @Test
    void aTerminalThatGainsAChannelAfterLongAwayGetsNoticesForItsNewestMailOnly() {
        fixture.stores.policies().save(alice, Policy.of(Rule.of(new Target.InUse())));
        fixture.device(alice, "tab", BROWSER);
        fixture.report("tab", UsageReport.on(Instant.now()).withLastInput(Instant.now().minusSeconds(5)));
        java.util.List<StoredMail> away = new java.util.ArrayList<>();
        for (int i = 0; i < ChannelCourier.MAX_NOTICES + 5; i++) {
            away.add(fixture.mail(alice, "while away " + i));
        }
        long deadline = System.nanoTime() + TerminalClient.PATIENCE.toNanos();
        while (fixture.stores.outbox().unacknowledged(TAB).size() < away.size()) {
            assertThat(System.nanoTime()).as("every mail queued for the tab").isLessThan(deadline);
            Thread.onSpinWait();
        }
        fixture.channels.add(new PushChannel(TAB, PushChannel.Kind.WEB_PUSH, URI.create("https://push.example.net/s/tab"),
                "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4", "BTBZMqHH6r4Tts7J_aSIgg"),
                Instant.now());

        StoredMail latest = fixture.mail(alice, "back");

        java.util.List<String> pushed = new java.util.ArrayList<>();
        for (int i = 0; i < ChannelCourier.MAX_NOTICES; i++) {
            pushed.add(fixture.pushes.next().payload().path("mail").asText());
        }
        assertThat(fixture.pushes.nothingWithin(Duration.ofMillis(300))).as("after " + pushed).isTrue();
        assertThat(pushed).contains(latest.id().toString(), away.getLast().id().toString())
                .doesNotContain(away.getFirst().id().toString());
    }

    @Test
    void aNoticeTooLargeIsSentAgainWithoutItsPreview() {
        fixture.stores.policies().save(alice, Policy.of(Rule.of(new Target.InUse())));
        tabWithChannel();
        fixture.pushes.answer(sent -> sent.payload().has("preview") ? new PushOutcome.TooLarge("413") : new PushOutcome.Delivered());

        fixture.mail(alice, "Lunch?");

        assertThat(fixture.pushes.next().payload().has("preview")).isTrue();
        assertThat(fixture.pushes.next().payload().has("preview")).isFalse();
        awaitSent(TAB);
    }

    @Test
    void readingTheMailElsewhereRetractsTheNotice() {
        fixture.stores.policies().save(alice, Policy.of(Rule.of(new Target.Several(java.util.Set.of(), 1))));
        tabWithChannel();
        String phone = fixture.device(alice, "phone", PHONE);
        fixture.report("phone", UsageReport.on(Instant.now()));

        try (var phoneTerminal = TerminalClient.hello(fixture.port(), phone, 0)) {
            StoredMail mail = fixture.mail(alice, "Lunch?");
            assertThat(fixture.pushes.next().payload().path("type").asText()).isEqualTo("mail");
            var delivered = phoneTerminal.next(ServerMessage.Mail.class);

            phoneTerminal.send(new TerminalMessage.Flags(mail.id(), java.util.Optional.of(true), java.util.Optional.empty(),
                    java.util.Optional.empty()));

            RecordingPushTransport.Sent retract = fixture.pushes.next();
            assertThat(retract.payload().path("type").asText()).isEqualTo("retract");
            assertThat(retract.message().topic()).as("replaces the mail's notice").isEqualTo("mail-" + mail.id());
            assertThat(delivered.mail()).isEqualTo(mail.id());
        }
    }

    @Test
    void aTerminalRegistersAUnifiedPushEndpointOverTheLinkAndRemovesIt() {
        String phone = fixture.device(alice, "phone", PHONE);
        String keys = "\"keys\": {\"p256dh\": \"BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4\","
                + " \"auth\": \"BTBZMqHH6r4Tts7J_aSIgg\"}";
        try (var terminal = TerminalClient.hello(fixture.port(), phone, 0)) {
            terminal.sendText("{\"type\": \"channel.add\", \"id\": \"c-1\", \"kind\": \"unifiedpush\","
                    + " \"endpoint\": \"https://ntfy.example.net/upAbc?up=1\", " + keys + "}");
            assertThat(terminal.nextText()).isEqualTo("{\"type\":\"channels\",\"channels\":[{\"kind\":\"unifiedpush\","
                    + "\"endpoint\":\"https://ntfy.example.net/upAbc?up=1\"}],\"id\":\"c-1\"}");
            assertThat(fixture.channels.of(PHONE_ID)).extracting(PushChannel::kind).containsExactly(PushChannel.Kind.UNIFIED_PUSH);

            terminal.sendText("{\"type\": \"channel.add\", \"id\": \"c-2\", \"kind\": \"unifiedpush\","
                    + " \"endpoint\": \"https://push.invalid/x\", " + keys + "}");
            var refused = terminal.next(ServerMessage.Error.class);
            assertThat(refused.code()).isEqualTo(ServerMessage.ErrorCode.INVALID_CHANNEL);
            assertThat(refused.message()).isEqualTo("endpoint: the host does not resolve");
            terminal.sendText("{\"type\": \"channel.add\", \"kind\": \"web-push\", \"endpoint\": \"https://push.example.net/y\"}");
            assertThat(terminal.next(ServerMessage.Error.class).message()).contains("p256dh and auth");

            terminal.sendText("{\"type\": \"channel.remove\", \"endpoint\": \"https://ntfy.example.net/upAbc?up=1\"}");
            assertThat(terminal.next(ServerMessage.Channels.class).channels()).isEmpty();
            assertThat(fixture.channels.of(PHONE_ID)).isEmpty();
        }
    }

    /** Waits (bounded) until every delivery to the device counts as sent. */
    private void awaitSent(DeviceId device) {
        long deadline = System.nanoTime() + TerminalClient.PATIENCE.toNanos();
        while (fixture.stores.outbox().unacknowledged(device).stream().anyMatch(e -> e.sentAt().isEmpty())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the deliveries to " + device + " were not marked sent");
            }
            Thread.onSpinWait();
        }
    }

    private void awaitFailed(DeviceId device, StoredMail mail) {
        long deadline = System.nanoTime() + TerminalClient.PATIENCE.toNanos();
        while (fixture.stores.outbox().unacknowledged(device).stream().noneMatch(entry -> entry.failure().isPresent())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the push of mail " + mail.id() + " to " + device + " never failed");
            }
            Thread.onSpinWait();
        }
    }
}
