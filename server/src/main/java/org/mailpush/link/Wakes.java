package org.mailpush.link;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.mail.MailId;
import org.mailpush.presence.Reachability;
import org.mailpush.push.Waker;
import org.mailpush.route.PushTarget;
import org.mailpush.user.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the sleeping terminals that a plan gives a mail (SPEC M6), and waits for them to say hello:
 * a terminal with a MAC address that reported itself asleep or off, or whose link has been lost for
 * longer than the grace, gets a Wake-on-LAN signal, and its mail goes out over its link when it
 * connects. When it has not said hello within the wake window, the mail falls over to the plan's next
 * choice. One wake at a time per terminal: a mail for a terminal being woken waits for the same window.
 */
final class Wakes {
    private static final Logger LOG = LoggerFactory.getLogger(Wakes.class);

    /** What became of the mails a wake was for. */
    interface Listener {
        /** The terminal said hello within the window; its mail goes out on its link. */
        void woke(UserId owner, MailId mail, DeviceId device, Instant signalled);

        /** It did not, or could not be signalled: the mail falls over; {@code why} is for the plan. */
        void slept(UserId owner, MailId mail, DeviceId device, String why);
    }

    private record Waiting(UserId owner, MailId mail) {}

    /** A wake in flight: when the signal went, and the mails that wait for the terminal's hello. */
    private record Wake(Instant signalled, List<Waiting> mails) {}

    private final Link.Waking settings;
    private final DeviceRegistry devices;
    private final InstantSource clock;
    private final Listener listener;
    private final Map<DeviceId, Wake> waking = new ConcurrentHashMap<>();

    Wakes(Link.Waking settings, DeviceRegistry devices, InstantSource clock, Listener listener) {
        this.settings = settings;
        this.devices = devices;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Wakes the target of a FULL delivery if it sleeps and can be woken — or has it wait for the wake
     * in flight; nothing for a terminal that is connected, or has no MAC address.
     *
     * @param link the terminal's link now
     */
    void wakeIfAsleep(UserId owner, MailId mail, PushTarget target, Reachability.Link link) {
        Instant now = clock.instant();
        boolean reportedAsleep = target.address().orElse(null) instanceof DeviceAddress.MacAddress;
        boolean lost = link instanceof Reachability.Link.NotConnected away && !away.since().plus(settings.grace()).isAfter(now);
        if (link instanceof Reachability.Link.Connected || !(reportedAsleep || lost)) {
            return;
        }
        Optional<DeviceAddress.MacAddress> mac = mac(target.device());
        if (mac.isEmpty()) {
            return;
        }
        var waiting = new Waiting(owner, mail);
        boolean[] first = {false};
        waking.compute(target.device(), (device, wake) -> {
            if (wake == null) {
                first[0] = true;
                wake = new Wake(now, new ArrayList<>());
            }
            wake.mails().add(waiting);
            return wake;
        });
        if (first[0]) {
            signal(target.device(), mac.get());
        }
    }

    private Optional<DeviceAddress.MacAddress> mac(DeviceId device) {
        return devices.find(device).flatMap(d -> d.addresses().stream()
                .filter(DeviceAddress.MacAddress.class::isInstance).map(DeviceAddress.MacAddress.class::cast).findFirst());
    }

    private void signal(DeviceId device, DeviceAddress.MacAddress mac) {
        try {
            settings.waker().wake(mac);
            LOG.info("woke {} by Wake-on-LAN ({}); waiting {} for its hello", device, mac.uri(), settings.window());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Wake-on-LAN of {} ({}) failed: {}", device, mac.uri(), e.getMessage());
            Wake wake = waking.remove(device);
            if (wake != null) {
                wake.mails().forEach(m -> listener.slept(m.owner(), m.mail(), device, "Wake-on-LAN failed (" + e.getMessage() + ")"));
            }
        }
    }

    /** The terminal said hello: the mails that waited for it go out on its link. */
    void hello(DeviceId device) {
        Wake wake = waking.remove(device);
        if (wake != null) {
            LOG.info("{} said hello after Wake-on-LAN", device);
            wake.mails().forEach(m -> listener.woke(m.owner(), m.mail(), device, wake.signalled()));
        }
    }

    /** Ends the wakes whose window has passed without a hello: their mails fall over. */
    void expire() {
        Instant now = clock.instant();
        for (Map.Entry<DeviceId, Wake> entry : waking.entrySet()) {
            Wake wake = entry.getValue();
            if (!wake.signalled().plus(settings.window()).isAfter(now) && waking.remove(entry.getKey(), wake)) {
                LOG.info("{} did not say hello within {} of Wake-on-LAN", entry.getKey(), settings.window());
                String why = "woken by Wake-on-LAN, no hello within " + brief(settings.window());
                wake.mails().forEach(m -> listener.slept(m.owner(), m.mail(), entry.getKey(), why));
            }
        }
    }

    /** Whether a wake of the device is in flight. */
    boolean waking(DeviceId device) {
        return waking.containsKey(device);
    }

    private static String brief(Duration window) {
        long seconds = window.toSeconds();
        return seconds < 120 ? seconds + " s" : seconds / 60 + " min";
    }
}
