package org.mailpush.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailpush.device.DeviceType.LAPTOP;
import static org.mailpush.device.DeviceType.PHONE;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.device.PushChannel;
import org.mailpush.mail.StoredMail;
import org.mailpush.policy.Policy;
import org.mailpush.policy.Rule;
import org.mailpush.policy.Target;
import org.mailpush.presence.Reachability;
import org.mailpush.presence.UsageReport;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;
import org.mailpush.push.PushOutcome;
import org.mailpush.route.PushAction;
import org.mailpush.route.PushPlan;
import org.mailpush.route.PushTarget;
import org.mailpush.user.UserId;

/**
 * A laptop that drops its link without reporting {@code off} stays "on (idle)" by its last report; the
 * link's silence is evidence too. Within the grace it still wins "prefer laptop if on"; after it, the
 * live phone gets the mail and the plan says why the laptop was passed over.
 */
class LinkReachabilityIT {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final InstantSource clock = () -> now.get();
    private final LinkFixture fixture = new LinkFixture(LinkSettings.DEFAULTS, clock);
    private final UserId alice = fixture.user("alice");

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aLaptopThatDroppedItsLinkStopsWinningPreferLaptopAfterTheGrace() {
        fixture.stores.policies().save(alice, Policy.of(Rule.of(new Target.PreferType(DeviceType.LAPTOP)).named("prefer laptop if on"))
                .withOthers(Policy.Others.HINT));
        String laptop = fixture.device(alice, "laptop", LAPTOP);
        String phone = fixture.device(alice, "phone", PHONE);
        fixture.report("laptop", UsageReport.on(now.get()));
        fixture.report("phone", UsageReport.on(now.get()).withLastInput(now.get()));

        try (var phoneTerminal = TerminalClient.hello(fixture.port(), phone, 0)) {
            try (var laptopTerminal = TerminalClient.hello(fixture.port(), laptop, 0)) {
                assertThat(fixture.link.connected(new DeviceId("laptop"))).isTrue();
            }
            await(() -> fixture.link.reachability(new DeviceId("laptop")).link() instanceof Reachability.Link.NotConnected,
                    "the laptop's connection seen to end");

            now.set(now.get().plusSeconds(10));
            StoredMail withinGrace = fixture.mail(alice, "within the grace");
            ServerMessage.Hint hint = phoneTerminal.next(ServerMessage.Hint.class);
            assertThat(hint.mail()).isEqualTo(withinGrace.id());
            phoneTerminal.send(new TerminalMessage.Ack(hint.seq()));
            await(() -> fixture.stores.outbox().unacknowledged(new DeviceId("phone")).isEmpty(), "the hint acknowledged");
            assertThat(plan(withinGrace).devicesWith(PushAction.FULL)).containsExactly(new DeviceId("laptop"));

            now.set(now.get().plus(Duration.ofSeconds(30)));
            StoredMail afterGrace = fixture.mail(alice, "after the grace");
            assertThat(phoneTerminal.next(ServerMessage.Mail.class).mail()).isEqualTo(afterGrace.id());
            PushPlan plan = plan(afterGrace);
            assertThat(plan.devicesWith(PushAction.FULL)).containsExactly(new DeviceId("phone"));
            assertThat(plan.trail().getFirst()).contains("laptop: ", "not connected for 40 s and no working push channel; passed over, unreachable");
            assertThat(plan.targets()).filteredOn(t -> t.device().equals(new DeviceId("laptop")))
                    .extracting(PushTarget::reason).singleElement().asString().contains("not connected for 40 s and no working push channel");
        }
    }

    @Test
    void aPushChannelThatFailedLastNoLongerMakesItsTerminalReachableUntilAPushThroughItSucceeds() {
        fixture.stores.policies().save(alice, Policy.of(Rule.of(new Target.PreferType(DeviceType.LAPTOP)).named("prefer laptop if on"),
                Rule.of(new Target.InUse()).named("in use")).withOthers(Policy.Others.HINT));
        fixture.device(alice, "laptop", LAPTOP);
        String phone = fixture.device(alice, "phone", PHONE);
        DeviceId laptop = new DeviceId("laptop");
        fixture.channels.add(PushChannel.unkeyed(laptop, PushChannel.Kind.FCM, URI.create("fcm:laptop-token")), now.get());
        fixture.report("laptop", UsageReport.on(now.get()));
        fixture.report("phone", UsageReport.on(now.get()).withLastInput(now.get()));
        now.set(now.get().plusSeconds(40));
        fixture.pushes.answer(sent -> new PushOutcome.Failed("503 Service Unavailable"));

        try (var phoneTerminal = TerminalClient.hello(fixture.port(), phone, 0)) {
            StoredMail first = fixture.mail(alice, "while its channel fails");
            assertThat(fixture.pushes.next().channel().device()).isEqualTo(laptop);
            assertThat(phoneTerminal.next(ServerMessage.Hint.class).mail()).isEqualTo(first.id());
            assertThat(phoneTerminal.next(ServerMessage.Mail.class).mail()).as("fell over").isEqualTo(first.id());
            await(() -> !fixture.channels.listed(laptop).getFirst().working(), "the failure kept with the channel");
            assertThat(fixture.channels.listed(laptop).getFirst().failure()).hasValue("FCM: 503 Service Unavailable");
            assertThat(fixture.link.reachability(laptop).channels()).isEmpty();

            fixture.pushes.answer(sent -> new PushOutcome.Delivered());
            StoredMail second = fixture.mail(alice, "with its channel failing");
            assertThat(phoneTerminal.next(ServerMessage.Mail.class).mail()).isEqualTo(second.id());
            assertThat(plan(second).trail().getFirst()).contains("laptop: ", "not connected for 40 s and no working push channel; passed over");
            RecordingPushTransport.Sent hint = fixture.pushes.next();
            assertThat(hint.payload().path("type").asText()).as("the laptop's hint, not the failed push again").isEqualTo("hint");
            assertThat(hint.payload().path("mail").asText()).isEqualTo(second.id().toString());
            assertThat(hint.payload().has("preview")).as("a hint is short").isFalse();
            await(() -> fixture.channels.listed(laptop).getFirst().working(), "the hint's success kept with the channel");

            StoredMail third = fixture.mail(alice, "with its channel working again");
            assertThat(fixture.pushes.next().payload().path("mail").asText()).isEqualTo(third.id().toString());
            await(() -> fixture.stores.plans().plansOf(alice, third.id()).getLast().plan().trail().contains("laptop: FULL by FCM"),
                    "the plan saying how the mail reached the laptop");
            assertThat(plan(third).devicesWith(PushAction.FULL)).containsExactly(laptop);
        }
    }

    private PushPlan plan(StoredMail mail) {
        return fixture.stores.plans().firstPlan(alice, mail.id()).orElseThrow().plan();
    }

    /** Waits (bounded) until the condition holds. */
    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TerminalClient.PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + TerminalClient.PATIENCE + ": " + what);
            }
            Thread.onSpinWait();
        }
    }
}
