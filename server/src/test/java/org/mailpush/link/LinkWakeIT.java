package org.mailpush.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailpush.device.DeviceType.DESKTOP;
import static org.mailpush.device.DeviceType.PHONE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailpush.device.Capabilities;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.mail.StoredMail;
import org.mailpush.policy.Policy;
import org.mailpush.policy.Rule;
import org.mailpush.policy.Target;
import org.mailpush.presence.PowerState;
import org.mailpush.presence.PresenceSettings;
import org.mailpush.presence.UsageReport;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.push.PlanStore;
import org.mailpush.push.wol.MagicPacketWaker;
import org.mailpush.push.wol.WakeOnLanSettings;
import org.mailpush.route.PushAction;
import org.mailpush.route.PushTarget;
import org.mailpush.user.UserId;

/**
 * A desktop that reported itself asleep, with a MAC address, is picked for a mail (SPEC M6): the
 * server wakes it with a magic packet — caught here by a UDP listener on loopback — and waits for its
 * hello. Said in time, the mail goes out on its link; not said within the window (the clock is moved
 * on, nobody sleeps), the mail falls over to the phone, and the plans say which happened.
 */
class LinkWakeIT {
    private static final DeviceAddress.MacAddress DESK_MAC = new DeviceAddress.MacAddress("3c:22:fb:01:02:03");
    private static final Duration WINDOW = Duration.ofSeconds(20);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final InstantSource clock = () -> now.get();
    private final DatagramSocket listener = listener();
    private final LinkFixture fixture = new LinkFixture(LinkSettings.DEFAULTS, clock, new Link.Waking(
            new MagicPacketWaker(new WakeOnLanSettings(InetAddress.getLoopbackAddress(), listener.getLocalPort(), 3)),
            WINDOW, PresenceSettings.DEFAULTS.linkGrace()));
    private final UserId alice = fixture.user("alice");
    private final String desk = fixture.device(alice, "desk", DESKTOP, Capabilities.FULL, List.of(DESK_MAC));
    private final String phone = fixture.device(alice, "phone", PHONE);

    LinkWakeIT() {
        // "Every desktop", so the sleeping desk is chosen; without it, fail-open takes the phone in use.
        fixture.stores.policies().save(alice, Policy.of(Rule.of(new Target.Several(Set.of(DESKTOP), 1)).named("desk")));
        fixture.report("desk", UsageReport.on(now.get()).withPower(PowerState.ASLEEP));
        fixture.report("phone", UsageReport.on(now.get()).withLastInput(now.get()));
    }

    @AfterEach
    void close() {
        fixture.close();
        listener.close();
    }

    @Test
    void theMagicPacketIsSixFFsThenTheMacSixteenTimesSentThrice() {
        fixture.mail(alice, "Wake up");

        byte[] expected = new byte[102];
        Arrays.fill(expected, 0, 6, (byte) 0xff);
        byte[] mac = {0x3c, 0x22, (byte) 0xfb, 0x01, 0x02, 0x03};
        for (int i = 0; i < 16; i++) {
            System.arraycopy(mac, 0, expected, 6 + 6 * i, 6);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(nextPacket()).as("packet %d", i + 1).isEqualTo(expected);
        }
    }

    @Test
    void aDeskThatSaysHelloWithinTheWindowGetsTheMailOnItsLink() {
        try (var phoneTerminal = TerminalClient.hello(fixture.port(), phone, 0)) {
            StoredMail mail = fixture.mail(alice, "Wake up");
            nextPacket();
            assertThat(plan(mail, 0).devicesWith(PushAction.FULL)).containsExactly(new DeviceId("desk"));

            now.set(now.get().plusSeconds(12));
            try (var deskTerminal = TerminalClient.hello(fixture.port(), desk, 0)) {
                assertThat(deskTerminal.next(ServerMessage.Mail.class).mail()).isEqualTo(mail.id());
                awaitPlans(mail, 2);
                var woken = plan(mail, 1);
                assertThat(woken.trail()).last().asString().startsWith("desk: woken by Wake-on-LAN at ")
                        .endsWith(", delivered on its link");
                assertThat(woken.targets()).filteredOn(t -> t.device().equals(new DeviceId("desk"))).extracting(PushTarget::reason)
                        .singleElement().asString().contains("woken by Wake-on-LAN at ");
                assertThat(phoneTerminal.drain()).as("the phone gets nothing").isEmpty();
            }
        }
    }

    @Test
    void withNoHelloWithinTheWindowTheMailFallsOverToThePhone() {
        try (var phoneTerminal = TerminalClient.hello(fixture.port(), phone, 0)) {
            StoredMail mail = fixture.mail(alice, "Wake up");
            nextPacket();
            StoredMail second = fixture.mail(alice, "Still asleep?");
            awaitPlans(second, 1);

            now.set(now.get().plus(WINDOW).plusSeconds(1));

            var first = phoneTerminal.next(ServerMessage.Mail.class).mail();
            var next = phoneTerminal.next(ServerMessage.Mail.class).mail();
            assertThat(List.of(first, next)).containsExactlyInAnyOrder(mail.id(), second.id());
            var fellOver = plan(mail, 1);
            assertThat(fellOver.devicesWith(PushAction.FULL)).containsExactly(new DeviceId("phone"));
            assertThat(fellOver.trail()).last().isEqualTo("desk: woken by Wake-on-LAN, no hello within 20 s; fell over to phone");
        }
        assertThat(packets()).as("one wake for both mails: the first's three packets only").isEqualTo(2);
    }

    private org.mailpush.route.PushPlan plan(StoredMail mail, int index) {
        List<PlanStore.Decided> plans = fixture.stores.plans().plansOf(alice, mail.id());
        assertThat(plans.size()).as("plans of %s", mail.id()).isGreaterThan(index);
        return plans.get(index).plan();
    }

    private void awaitPlans(StoredMail mail, int count) {
        long deadline = System.nanoTime() + TerminalClient.PATIENCE.toNanos();
        while (fixture.stores.plans().plansOf(alice, mail.id()).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + count + " plan(s) for " + mail.id() + " within " + TerminalClient.PATIENCE);
            }
            Thread.onSpinWait();
        }
    }

    private static DatagramSocket listener() {
        try {
            var socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout((int) TerminalClient.PATIENCE.toMillis());
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] nextPacket() {
        try {
            var packet = new DatagramPacket(new byte[512], 512);
            listener.receive(packet);
            return Arrays.copyOf(packet.getData(), packet.getLength());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many more packets came, waiting briefly for each. */
    private int packets() {
        int count = 0;
        try {
            listener.setSoTimeout(300);
            while (true) {
                listener.receive(new DatagramPacket(new byte[512], 512));
                count++;
            }
        } catch (SocketTimeoutException e) {
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
