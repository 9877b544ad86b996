package org.mailpush.route;

import static org.mailpush.route.Terminals.ALICE;
import static org.mailpush.route.Terminals.paris;
import static org.mailpush.route.Terminals.reportAt;
import static org.mailpush.route.Terminals.terminal;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.mailpush.device.Capabilities;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailSummary;
import org.mailpush.policy.Condition;
import org.mailpush.policy.Policy;
import org.mailpush.policy.Rule;
import org.mailpush.policy.Target;
import org.mailpush.policy.TimeWindow;
import org.mailpush.presence.PowerState;
import org.mailpush.presence.Proximity;
import org.mailpush.presence.Reachability;

/**
 * Everything one routing decision depends on, drawn at random from a seed: up to six terminals of any
 * type with random capabilities, addresses, reports (fresh, stale, from the future, or none) and
 * links (connected, lost, not known; some with a push channel), a
 * policy of up to five random rules, a mail and a moment within a week. The same seed always gives the
 * same situation, so a failing seed can be replayed.
 */
record Situation(long seed, Instant now, List<DeviceSnapshot> devices, Policy policy, MailSummary mail) {

    private static final List<String> IDS = List.of("phone", "laptop", "desk", "tab", "badge", "web", "p2", "A1", "z");
    private static final List<String> ATTACHMENT_TYPES = List.of("*/*", "image/*", "application/pdf", "text/plain");
    private static final List<DeviceAddress> ADDRESSES = List.of(
            new DeviceAddress.Link(),
            new DeviceAddress.PhoneNumber("+4915112345678"),
            new DeviceAddress.IpAddress("10.0.0.7"),
            new DeviceAddress.MacAddress("3c:22:fb:01:02:03"),
            new DeviceAddress.PushEndpoint(URI.create("https://push.example.net/s/abc")));
    private static final List<ZoneId> ZONES = List.of(
            ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"), ZoneId.of("Asia/Tokyo"));
    private static final List<DeviceType> RECEIVING = Arrays.stream(DeviceType.values()).filter(DeviceType::receivesMail).toList();

    static Situation random(long seed) {
        var random = new Random(seed);
        Instant now = Terminals.NOW.plus(Duration.ofMinutes(random.nextInt(7 * 24 * 60)));
        return new Situation(seed, now, devices(random, now), policy(random, now), mail(random));
    }

    PushPlan plan(Router router) {
        return router.plan(ALICE, devices, policy, mail, now);
    }

    private static List<DeviceSnapshot> devices(Random random, Instant now) {
        var ids = new ArrayList<>(IDS);
        Collections.shuffle(ids, random);
        List<DeviceSnapshot> devices = new ArrayList<>();
        for (String id : ids.subList(0, random.nextInt(7))) {
            var terminal = terminal(id, oneOf(random, DeviceType.values()))
                    .named(random.nextBoolean() ? id : "The " + id)
                    .capabilities(capabilities(random))
                    .addresses(addresses(random));
            DeviceSnapshot snapshot = random.nextInt(7) == 0 ? terminal.unreported() : terminal.with(report(random, now));
            devices.add(new DeviceSnapshot(snapshot.device(), snapshot.latestReport(), reachability(random, now)));
        }
        return devices;
    }

    /** Not known, connected, or not connected for up to ten minutes (about half past the grace), some with a push channel. */
    private static Reachability reachability(Random random, Instant now) {
        List<String> channels = random.nextInt(4) == 0 ? List.of("Web Push") : List.of();
        return switch (random.nextInt(3)) {
            case 0 -> Reachability.UNKNOWN;
            case 1 -> Reachability.connected(channels);
            default -> Reachability.notConnectedSince(now.minus(Duration.ofSeconds(random.nextInt(600))), channels);
        };
    }

    private static Capabilities capabilities(Random random) {
        long maxMailBytes = oneOf(random, 50_000L, 1_000_000L, Capabilities.UNLIMITED);
        return new Capabilities(random.nextBoolean(), random.nextBoolean(), maxMailBytes, Set.copyOf(subset(random, ATTACHMENT_TYPES)));
    }

    private static DeviceAddress[] addresses(Random random) {
        var addresses = new ArrayList<>(subset(random, ADDRESSES));
        Collections.shuffle(addresses, random);
        return addresses.toArray(DeviceAddress[]::new);
    }

    private static Terminals.Report report(Random random, Instant now) {
        // Ages from two minutes in the future (clock skew) to an hour: about a third are stale.
        var report = reportAt(now).ago(Duration.ofSeconds(random.nextInt(3_720) - 120))
                .power(oneOf(random, PowerState.ON, PowerState.ON, PowerState.ASLEEP, PowerState.OFF))
                .proximity(oneOf(random, Proximity.values()));
        if (random.nextInt(10) < 7) {
            report = report.input(Duration.ofSeconds(random.nextInt(1_860) - 60));
        }
        if (random.nextInt(10) < 4) {
            report = report.celsius(15 + random.nextInt(270) / 10.0);
        }
        if (random.nextBoolean()) {
            report = report.at(paris(random.nextInt(6_000) - 3_000, random.nextInt(6_000) - 3_000));
        }
        return report;
    }

    private static Policy policy(Random random, Instant now) {
        List<Rule> rules = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            rules.add(rule(random, now));
        }
        return new Policy(oneOf(random, ZONES.toArray(ZoneId[]::new)), rules, oneOf(random, Policy.Others.values()));
    }

    private static Rule rule(Random random, Instant now) {
        Rule rule = Rule.of(target(random));
        if (random.nextInt(10) < 3) {
            rule = rule.named("rule of " + IDS.get(random.nextInt(IDS.size())));
        }
        if (random.nextInt(10) < 4) {
            rule = rule.when(condition(random));
        }
        if (random.nextInt(4) == 0) {
            rule = rule.until(now.plus(Duration.ofMinutes(random.nextInt(360) - 180)));
        }
        return rule;
    }

    private static Target target(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> new Target.InUse();
            case 1 -> new Target.PreferType(oneOf(random, RECEIVING.toArray(DeviceType[]::new)));
            case 2 -> new Target.PreferDevice(new DeviceId(IDS.get(random.nextInt(IDS.size()))));
            case 3 -> new Target.Several(Set.copyOf(subset(random, RECEIVING)), 1 + random.nextInt(3));
            case 4 -> random.nextBoolean()
                    ? new Target.Nearest()
                    : new Target.Nearest(Set.copyOf(subset(random, RECEIVING.subList(0, RECEIVING.size() - 1))));
            default -> new Target.Capable(oneOf(random, Target.Choice.values()));
        };
    }

    private static Condition condition(Random random) {
        var senders = new TreeSet<>(subset(random, List.of("boss@example.com", "@example.com", "@other.org")));
        Optional<Importance> importance = random.nextBoolean() ? Optional.of(oneOf(random, Importance.values())) : Optional.empty();
        Optional<TimeWindow> hours = Optional.empty();
        if (random.nextBoolean()) {
            int from = random.nextInt(24);
            int to = (from + 1 + random.nextInt(23)) % 24;
            var days = EnumSet.noneOf(DayOfWeek.class);
            days.addAll(subset(random, List.of(DayOfWeek.values())));
            hours = Optional.of(new TimeWindow(days, LocalTime.of(from, 0), LocalTime.of(to, 0)));
        }
        return new Condition(senders, importance, hours);
    }

    private static MailSummary mail(Random random) {
        var mail = Terminals.mail()
                .from(oneOf(random, "boss@example.com", "friend@example.com", "x@other.org", ""))
                .size(oneOf(random, 500L, 60_000L, 3_000_000L))
                .pictures(random.nextInt(3))
                .importance(oneOf(random, Importance.values()));
        for (String type : subset(random, List.of("application/pdf", "image/png", "text/plain"))) {
            mail = mail.attachment(type);
        }
        return mail.summary();
    }

    @SafeVarargs
    private static <T> T oneOf(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static <T> List<T> subset(Random random, List<T> from) {
        return from.stream().filter(x -> random.nextBoolean()).toList();
    }
}
