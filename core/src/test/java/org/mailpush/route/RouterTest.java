package org.mailpush.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailpush.route.Terminals.ALICE;
import static org.mailpush.route.Terminals.NOW;
import static org.mailpush.route.Terminals.browser;
import static org.mailpush.route.Terminals.desktop;
import static org.mailpush.route.Terminals.laptop;
import static org.mailpush.route.Terminals.locator;
import static org.mailpush.route.Terminals.mail;
import static org.mailpush.route.Terminals.minutes;
import static org.mailpush.route.Terminals.paris;
import static org.mailpush.route.Terminals.phone;
import static org.mailpush.route.Terminals.report;
import static org.mailpush.route.Terminals.reportAt;
import static org.mailpush.route.Terminals.seconds;
import static org.mailpush.route.Terminals.tablet;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.mail.Importance;
import org.mailpush.policy.Condition;
import org.mailpush.policy.Policy;
import org.mailpush.policy.Rule;
import org.mailpush.policy.Target;
import org.mailpush.policy.TimeWindow;
import org.mailpush.presence.PresenceInference;
import org.mailpush.presence.PresenceSettings;

/**
 * Which terminal gets the mail, a hint or nothing — one row per SPEC example (M1–M4, X2, X5) and per
 * policy feature. Every terminal not listed as FULL or HINT must get NONE. Reasons, trails and
 * addresses are checked in {@link RouterExplanationsTest}.
 */
class RouterTest {
    private static final Router ROUTER = new Router(new PresenceInference(PresenceSettings.DEFAULTS));
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static final Rule IN_USE = Rule.of(new Target.InUse());
    private static final Rule NEAREST = Rule.of(new Target.Nearest());
    private static final Rule NEAREST_SCREEN = Rule.of(new Target.Nearest(Set.of(DeviceType.PHONE)));
    private static final Rule PREFER_LAPTOP = Rule.of(new Target.PreferType(DeviceType.LAPTOP));
    private static final Rule PREFER_DESKTOP = Rule.of(new Target.PreferType(DeviceType.DESKTOP));
    private static final Rule ALL_ON = Rule.of(new Target.Several(Set.of(), 1));
    private static final Rule VIP = ALL_ON.named("VIP").when(from("boss@example.com"));
    private static final Rule LAPTOP_PRIMARY = Rule.of(new Target.PreferDevice(new DeviceId("laptop"))).named("laptop primary");
    // 22:00-07:00 every night, in the policy's zone.
    private static final Rule QUIET_HOURS = Rule.of(new Target.PreferDevice(new DeviceId("desk"))).named("quiet hours")
            .when(new Condition(Set.of(), Optional.empty(),
                    Optional.of(new TimeWindow(Set.of(), LocalTime.of(22, 0), LocalTime.of(7, 0)))));

    private static final Terminals.Mail PHOTO = mail().from("friend@example.org").pictures(1);

    // The M2 worked example: a badge at the user, two monochrome phones near, the colour phone farther.
    private static final DeviceSnapshot BADGE = locator("badge").with(report().at(paris(0, 0)));
    private static final DeviceSnapshot MONO_NEAR = phone("mono1").monochrome().with(report().at(paris(5, 0)));
    private static final DeviceSnapshot MONO_FAR = phone("mono2").monochrome().with(report().at(paris(800, 0)));
    private static final DeviceSnapshot COLOUR = phone("colour").with(report().at(paris(3_000, 0)));

    static Stream<Scenario> scenarios() {
        return Stream.of(
                // M1: state or location only -> one terminal
                given("M1 in use: the desktop being typed on",
                        desktop("desk").with(report().input(seconds(12))),
                        laptop("laptop").with(report()),
                        phone("phone").with(report().asleep()))
                        .policy(IN_USE).full("desk").decidedBy("rule 1 'in use'"),
                given("M1 in use: the laptop whose proximity sensor sees the user",
                        laptop("laptop").with(report().near()),
                        desktop("desk").with(report().input(minutes(10)).away()))
                        .policy(IN_USE).full("laptop").decidedBy("rule 1 'in use'"),
                given("M1 in use: the phone carried at body heat",
                        phone("phone").with(report().celsius(36.5)),
                        desktop("desk").with(report()))
                        .policy(IN_USE).full("phone").decidedBy("rule 1 'in use'"),
                given("M1 nearest: the laptop next to the user's badge",
                        BADGE,
                        phone("phone").with(report().at(paris(5_000, 0))),
                        laptop("laptop").with(report().at(paris(20, 0))),
                        desktop("desk").with(report()))
                        .policy(NEAREST).full("laptop").decidedBy("rule 1 'nearest'"),
                given("M1 nearest: skips terminals that are off or asleep",
                        BADGE,
                        laptop("laptop").with(report().off().at(paris(5, 0))),
                        tablet("tablet").with(report().asleep().at(paris(10, 0))),
                        phone("phone").with(report().at(paris(300, 0))))
                        .policy(NEAREST).full("phone").decidedBy("rule 1 'nearest'"),
                given("M1 nearest: the phone in the pocket gives the position and is nearest itself",
                        phone("phone").with(report().celsius(36.5).at(paris(0, 0))),
                        laptop("laptop").with(report().at(paris(4, 0))),
                        desktop("desk").with(report().at(paris(30, 0))))
                        .policy(NEAREST).full("phone").decidedBy("rule 1 'nearest'"),
                given("M1 nearest screen: the phone in the pocket gives the position, the nearest terminal but a phone gets it",
                        phone("phone").with(report().celsius(36.5).at(paris(0, 0))),
                        phone("phone2").with(report().at(paris(2, 0))),
                        laptop("laptop").with(report().at(paris(4, 0))),
                        desktop("desk").with(report().at(paris(30, 0))))
                        .policy(NEAREST_SCREEN).full("laptop").decidedBy("rule 1 'nearest, not a phone'"),
                given("M1 nearest screen: no terminal but phones reports a location, the next rule decides",
                        phone("phone").with(report().celsius(36.5).at(paris(0, 0))),
                        laptop("laptop").with(report()))
                        .policy(NEAREST_SCREEN, IN_USE).full("phone").decidedBy("rule 2 'in use'"),
                given("M1 nearest: without a known position the next rule decides",
                        phone("phone").with(report().input(seconds(5))),
                        laptop("laptop").with(report().at(paris(0, 0))))
                        .policy(NEAREST, IN_USE).full("phone").decidedBy("rule 2 'in use'"),

                // M2: attributes too -> capable terminal + hints
                given("M2 photo: the colour phone gets it, the monochrome phones a hint", BADGE, MONO_NEAR, MONO_FAR, COLOUR)
                        .policy(Rule.of(new Target.Capable(Target.Choice.NEAREST)), NEAREST).mail(PHOTO)
                        .full("colour").hint("mono1", "mono2").decidedBy("rule 1 'capable device, nearest'"),
                given("M2 plain text: left to the next rule, the nearest monochrome phone", BADGE, MONO_NEAR, MONO_FAR, COLOUR)
                        .policy(Rule.of(new Target.Capable(Target.Choice.NEAREST)), NEAREST)
                        .full("mono1").decidedBy("rule 2 'nearest'"),
                given("M2 photo: the nearer of two colour phones", BADGE, MONO_NEAR, MONO_FAR, COLOUR,
                        phone("colour2").with(report().at(paris(1_000, 0))))
                        .policy(Rule.of(new Target.Capable(Target.Choice.NEAREST))).mail(PHOTO)
                        .full("colour2").hint("mono1", "mono2").decidedBy("rule 1 'capable device, nearest'"),
                given("M2 photo: a phone that shows pictures but has no colour gets a hint, the colour phone the mail",
                        BADGE, phone("grey").withoutColour().with(report().at(paris(5, 0))), COLOUR)
                        .policy(Rule.of(new Target.Capable(Target.Choice.NEAREST)), NEAREST).mail(PHOTO)
                        .full("colour").hint("grey").decidedBy("rule 1 'capable device, nearest'"),
                given("M2 plain text needs no colour: left to the next rule, the nearest phone",
                        BADGE, phone("grey").withoutColour().with(report().at(paris(5, 0))), COLOUR)
                        .policy(Rule.of(new Target.Capable(Target.Choice.NEAREST)), NEAREST)
                        .full("grey").decidedBy("rule 2 'nearest'"),
                given("M2 photo and only screens without colour: no terminal can show it, the next rule decides",
                        phone("grey").withoutColour().with(report().input(seconds(5))),
                        phone("grey2").withoutColour().with(report()))
                        .policy(Rule.of(new Target.Capable(Target.Choice.ALL)), IN_USE).mail(PHOTO)
                        .full("grey").decidedBy("rule 2 'in use'"),
                given("M2 capable in use: the colour tablet in use, the monochrome phone in use gets a hint",
                        phone("phone").monochrome().with(report().input(seconds(5))),
                        tablet("tablet").with(report().input(minutes(1))),
                        laptop("laptop").with(report()))
                        .policy(Rule.of(new Target.Capable(Target.Choice.IN_USE))).mail(PHOTO)
                        .full("tablet").hint("phone").decidedBy("rule 1 'capable device, in use'"),
                given("M2 capable in use: none in use, so every capable terminal that is on",
                        phone("phone").accepting("text/*", "image/*").with(report().input(seconds(5))),
                        laptop("laptop").with(report()),
                        desktop("desk").with(report()))
                        .policy(Rule.of(new Target.Capable(Target.Choice.IN_USE)), IN_USE)
                        .mail(mail().attachment("application/pdf"))
                        .full("laptop", "desk").hint("phone").decidedBy("rule 1 'capable device, in use'"),
                given("M2 too large for the phone: the laptop takes it",
                        phone("phone").maxMailBytes(100_000).with(report().input(seconds(5))),
                        laptop("laptop").with(report()))
                        .policy(Rule.of(new Target.Capable(Target.Choice.ALL)), IN_USE).mail(mail().size(5_000_000))
                        .full("laptop").hint("phone").decidedBy("rule 1 'capable device, all'"),
                given("M2 no terminal can show it: the next rule decides",
                        phone("phone").monochrome().with(report().input(seconds(5))),
                        phone("phone2").monochrome().with(report()))
                        .policy(Rule.of(new Target.Capable(Target.Choice.ALL)), IN_USE).mail(PHOTO)
                        .full("phone").decidedBy("rule 2 'in use'"),
                given("M2 a terminal that is off gets no hint",
                        phone("phone").monochrome().with(report().off()),
                        tablet("tablet").with(report()))
                        .policy(Rule.of(new Target.Capable(Target.Choice.ALL))).mail(PHOTO)
                        .full("tablet").decidedBy("rule 1 'capable device, all'"),

                // M3: only device attributes, from two terminals that never reported
                given("M3 attributes only: the capable terminal gets it, the other a hint",
                        phone("phone").monochrome().unreported(),
                        tablet("tablet").unreported())
                        .policy(Rule.of(new Target.Capable(Target.Choice.ALL))).mail(PHOTO)
                        .full("tablet").hint("phone").decidedBy("rule 1 'capable device, all'"),
                given("M3 attributes only, a mail both can show: fail-open to both",
                        phone("phone").monochrome().unreported(),
                        tablet("tablet").unreported())
                        .policy(Rule.of(new Target.Capable(Target.Choice.ALL)))
                        .full("phone", "tablet").decidedBy("fail-open: no rule picked a device"),

                // M4: the policies a user can choose among
                given("M4 prefer laptop if on: the laptop is on",
                        laptop("laptop").with(report()),
                        phone("phone").with(report().input(seconds(5))))
                        .policy(PREFER_LAPTOP, IN_USE).full("laptop").decidedBy("rule 1 'prefer laptop if on'"),
                given("M4 prefer laptop if on: the laptop is asleep, the next rule decides",
                        laptop("laptop").with(report().asleep()),
                        phone("phone").with(report().input(seconds(5))))
                        .policy(PREFER_LAPTOP, IN_USE).full("phone").decidedBy("rule 2 'in use'"),
                given("M4 prefer laptop if on: the laptop is off, the next rule decides",
                        laptop("laptop").with(report().off()),
                        phone("phone").with(report().input(seconds(5))))
                        .policy(PREFER_LAPTOP, IN_USE).full("phone").decidedBy("rule 2 'in use'"),
                given("M4 prefer laptop if on: of two laptops on, the one in use",
                        laptop("work").with(report()),
                        laptop("home").with(report().input(seconds(40))),
                        phone("phone").with(report().input(seconds(5))))
                        .policy(PREFER_LAPTOP).full("home").decidedBy("rule 1 'prefer laptop if on'"),
                given("M4 prefer desktop if on: the desktop is on",
                        desktop("desk").with(report()),
                        laptop("laptop").with(report().input(seconds(5))))
                        .policy(PREFER_DESKTOP, IN_USE).full("desk").decidedBy("rule 1 'prefer desktop if on'"),
                given("M4 prefer desktop if on: no desktop at all",
                        laptop("laptop").with(report().input(seconds(5))))
                        .policy(PREFER_DESKTOP, IN_USE).full("laptop").decidedBy("rule 2 'in use'"),
                given("M4 several: every terminal that is on",
                        phone("phone").with(report().input(seconds(5))),
                        laptop("laptop").with(report()),
                        desktop("desk").with(report()),
                        tablet("tablet").with(report().asleep()),
                        locator("badge").with(report()))
                        .policy(ALL_ON).full("phone", "laptop", "desk").decidedBy("rule 1 'all devices that are on'"),
                given("M4 several: at least two of phone and laptop tops up the sleeping laptop",
                        phone("phone").with(report().input(seconds(5))),
                        laptop("laptop").with(report().asleep()),
                        desktop("desk").with(report().input(seconds(5))))
                        .policy(Rule.of(new Target.Several(EnumSet.of(DeviceType.PHONE, DeviceType.LAPTOP), 2)))
                        .full("phone", "laptop").decidedBy("rule 1 'at least 2 of phone, laptop'"),
                given("M4 several: tops up with the likeliest, unknown before asleep before off",
                        phone("phone").with(report().input(seconds(5))),
                        laptop("laptop").with(report().off()),
                        desktop("desk").with(report().asleep()),
                        tablet("tablet").unreported())
                        .policy(Rule.of(new Target.Several(Set.of(), 3)))
                        .full("phone", "tablet", "desk").decidedBy("rule 1 'at least 3 of all devices'"),
                given("M4 several: enough terminals on, no top-up",
                        phone("phone").with(report().input(seconds(5))),
                        desktop("desk").with(report()),
                        laptop("laptop").with(report().asleep()))
                        .policy(Rule.of(new Target.Several(Set.of(), 2)))
                        .full("phone", "desk").decidedBy("rule 1 'at least 2 of all devices'"),

                // X2: fail open, never to none
                given("X2 stale reports: fail-open to every terminal that may be on",
                        phone("phone").with(report().ago(minutes(30)).input(minutes(30))),
                        laptop("laptop").with(report().ago(minutes(45)).near()),
                        desktop("desk").with(report().off()))
                        .policy(IN_USE).full("phone", "laptop").decidedBy("fail-open: no rule picked a device"),
                given("X2 nobody in use: fail-open to terminals on or unknown",
                        phone("phone").with(report()),
                        laptop("laptop").with(report().asleep()),
                        desktop("desk").unreported(),
                        locator("badge").with(report().at(paris(0, 0))))
                        .policy(IN_USE).full("phone", "desk").decidedBy("fail-open: no rule picked a device"),
                given("X2 all off: fail-open to every terminal that receives mail",
                        phone("phone").with(report().off()),
                        laptop("laptop").with(report().off()),
                        locator("badge").with(report()))
                        .policy(IN_USE).full("phone", "laptop").decidedBy("fail-open: no rule picked a device"),
                given("X2 all asleep or off: fail-open to every terminal that receives mail",
                        phone("phone").with(report().asleep()),
                        laptop("laptop").with(report().off()))
                        .policy(IN_USE, NEAREST).full("phone", "laptop").decidedBy("fail-open: no rule picked a device"),
                given("X2 a policy without rules: fail-open",
                        phone("phone").with(report().input(seconds(5))),
                        laptop("laptop").with(report()),
                        desktop("desk").with(report().asleep()))
                        .full("phone", "laptop").decidedBy("fail-open: no rule picked a device"),
                given("only a locator: no terminal can receive mail",
                        locator("badge").with(report().at(paris(0, 0))))
                        .policy(IN_USE, ALL_ON).decidedBy("no device can receive mail"),
                given("no terminals at all: no receiver").policy(IN_USE).decidedBy("no device can receive mail"),

                // X5: overrides with an expiry
                given("X5 laptop primary until 18:00, before 18:00",
                        laptop("laptop").with(report()),
                        phone("phone").with(report().input(seconds(5))))
                        .policy(LAPTOP_PRIMARY.until(NOW.plus(Duration.ofHours(8))), IN_USE)
                        .full("laptop").decidedBy("rule 1 'laptop primary'"),
                given("X5 laptop primary, expired a minute ago",
                        laptop("laptop").with(report()),
                        phone("phone").with(report().input(seconds(5))))
                        .policy(LAPTOP_PRIMARY.until(NOW.minus(Duration.ofMinutes(1))), IN_USE)
                        .full("phone").decidedBy("rule 2 'in use'"),
                given("X5 laptop primary, expiring this very instant",
                        laptop("laptop").with(report()),
                        phone("phone").with(report().input(seconds(5))))
                        .policy(LAPTOP_PRIMARY.until(NOW), IN_USE).full("phone").decidedBy("rule 2 'in use'"),
                given("X5 laptop primary while the laptop sleeps: the next rule decides",
                        laptop("laptop").with(report().asleep()),
                        phone("phone").with(report().input(seconds(5))))
                        .policy(LAPTOP_PRIMARY, IN_USE).full("phone").decidedBy("rule 2 'in use'"),

                // Conditions: VIP senders, importance, quiet hours
                given("VIP sender: the boss reaches every terminal that is on", phoneInUseAndIdleLaptop())
                        .policy(VIP, IN_USE).mail(mail().from("Boss@Example.com"))
                        .full("phone", "laptop").decidedBy("rule 1 'VIP'"),
                given("VIP sender: anybody else reaches the terminal in use", phoneInUseAndIdleLaptop())
                        .policy(VIP, IN_USE).mail(mail().from("intern@example.com"))
                        .full("phone").decidedBy("rule 2 'in use'"),
                given("VIP domain: a colleague at @example.com", phoneInUseAndIdleLaptop())
                        .policy(ALL_ON.named("colleagues").when(from("@example.com")), IN_USE)
                        .mail(mail().from("colleague@example.com"))
                        .full("phone", "laptop").decidedBy("rule 1 'colleagues'"),
                given("VIP domain: a subdomain is another domain", phoneInUseAndIdleLaptop())
                        .policy(ALL_ON.named("colleagues").when(from("@example.com")), IN_USE)
                        .mail(mail().from("robot@mail.example.com"))
                        .full("phone").decidedBy("rule 2 'in use'"),
                given("min importance high: a high-importance mail", phoneInUseAndIdleLaptop())
                        .policy(ALL_ON.named("urgent").when(atLeast(Importance.HIGH)), IN_USE)
                        .mail(mail().importance(Importance.HIGH))
                        .full("phone", "laptop").decidedBy("rule 1 'urgent'"),
                given("min importance high: a normal mail", phoneInUseAndIdleLaptop())
                        .policy(ALL_ON.named("urgent").when(atLeast(Importance.HIGH)), IN_USE)
                        .full("phone").decidedBy("rule 2 'in use'"),
                quietHours("quiet hours in Berlin: 22:30 there (21:30 UTC) is quiet",
                        "2025-03-14T21:30:00Z", BERLIN).full("desk").decidedBy("rule 1 'quiet hours'"),
                quietHours("quiet hours in Berlin: 06:30 next morning is quiet",
                        "2025-03-15T05:30:00Z", BERLIN).full("desk").decidedBy("rule 1 'quiet hours'"),
                quietHours("quiet hours in Berlin: 07:30 is not",
                        "2025-03-15T06:30:00Z", BERLIN).full("phone").decidedBy("rule 2 'in use'"),
                quietHours("quiet hours in Berlin: summer time, 22:30 there is 20:30 UTC",
                        "2025-07-04T20:30:00Z", BERLIN).full("desk").decidedBy("rule 1 'quiet hours'"),
                quietHours("quiet hours in UTC: 21:30 UTC is not yet quiet",
                        "2025-03-14T21:30:00Z", ZoneId.of("UTC")).full("phone").decidedBy("rule 2 'in use'"),
                given("a Friday-night window does not cover Saturday night",
                        desktop("desk").with(reportAt(Instant.parse("2025-03-15T22:30:00Z"))),
                        phone("phone").with(reportAt(Instant.parse("2025-03-15T22:30:00Z")).input(seconds(5))))
                        .policy(ALL_ON.named("friday night").when(new Condition(Set.of(), Optional.empty(), Optional.of(
                                new TimeWindow(Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(7, 0))))), IN_USE)
                        .at(Instant.parse("2025-03-15T22:30:00Z")).full("phone").decidedBy("rule 2 'in use'"),

                // Others: hints to the terminals not picked
                given("others get a hint: all but the terminals that are off or locators",
                        desktop("desk").with(report().input(seconds(12))),
                        phone("phone").with(report()),
                        tablet("tablet").with(report().asleep()),
                        laptop("laptop").with(report().off()),
                        browser("browser").unreported(),
                        locator("badge").with(report()))
                        .policy(Policy.of(IN_USE).withOthers(Policy.Others.HINT))
                        .full("desk").hint("phone", "tablet", "browser").decidedBy("rule 1 'in use'"),
                given("others get nothing by default",
                        desktop("desk").with(report().input(seconds(12))),
                        phone("phone").with(report()))
                        .policy(IN_USE).full("desk").decidedBy("rule 1 'in use'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void routes(Scenario scenario) {
        PushPlan plan = ROUTER.plan(ALICE, scenario.devices(), scenario.policy(), scenario.mail().summary(), scenario.now());

        List<String> all = scenario.devices().stream().map(d -> d.device().id().value()).toList();
        assertThat(plan.targets()).extracting(t -> t.device().value()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(ids(plan, PushAction.FULL)).as("FULL").containsExactlyInAnyOrderElementsOf(scenario.full());
        assertThat(ids(plan, PushAction.HINT)).as("HINT").containsExactlyInAnyOrderElementsOf(scenario.hint());
        assertThat(ids(plan, PushAction.NONE)).as("NONE")
                .containsExactlyInAnyOrderElementsOf(all.stream()
                        .filter(id -> !scenario.full().contains(id) && !scenario.hint().contains(id)).toList());
        assertThat(plan.decidedBy().describe()).as("decided by").isEqualTo(scenario.decidedBy());
        assertThat(plan.withAction(PushAction.HINT)).allSatisfy(hint ->
                assertThat(hint.pushedTo()).extracting(DeviceId::value).containsExactlyInAnyOrderElementsOf(scenario.full()));
    }

    private static List<String> ids(PushPlan plan, PushAction action) {
        return plan.devicesWith(action).stream().map(DeviceId::value).toList();
    }

    private static Condition from(String sender) {
        return new Condition(Set.of(sender), Optional.empty(), Optional.empty());
    }

    private static Condition atLeast(Importance importance) {
        return new Condition(Set.of(), Optional.of(importance), Optional.empty());
    }

    private static DeviceSnapshot[] phoneInUseAndIdleLaptop() {
        return new DeviceSnapshot[] {phone("phone").with(report().input(seconds(5))), laptop("laptop").with(report())};
    }

    /** The desktop is on, the phone in use; by night the desktop should get the mail. */
    private static Scenario quietHours(String name, String utc, ZoneId zone) {
        Instant now = Instant.parse(utc);
        return given(name,
                desktop("desk").with(reportAt(now)),
                phone("phone").with(reportAt(now).input(seconds(5))))
                .policy(Policy.of(QUIET_HOURS, IN_USE).withZone(zone))
                .at(now);
    }

    private static Scenario given(String name, DeviceSnapshot... devices) {
        return new Scenario(name, List.of(devices), Policy.FAIL_OPEN_ONLY, mail(), NOW, Set.of(), Set.of(), "");
    }

    /** One row of the table: the situation, and the terminals expected to get the mail or a hint. */
    record Scenario(
            String name,
            List<DeviceSnapshot> devices,
            Policy policy,
            Terminals.Mail mail,
            Instant now,
            Set<String> full,
            Set<String> hint,
            String decidedBy) {

        Scenario policy(Rule... rules) {
            return policy(Policy.of(rules));
        }

        Scenario policy(Policy policy) {
            return new Scenario(name, devices, policy, mail, now, full, hint, decidedBy);
        }

        Scenario mail(Terminals.Mail mail) {
            return new Scenario(name, devices, policy, mail, now, full, hint, decidedBy);
        }

        Scenario at(Instant now) {
            return new Scenario(name, devices, policy, mail, now, full, hint, decidedBy);
        }

        Scenario full(String... ids) {
            return new Scenario(name, devices, policy, mail, now, Set.of(ids), hint, decidedBy);
        }

        Scenario hint(String... ids) {
            return new Scenario(name, devices, policy, mail, now, full, Set.of(ids), decidedBy);
        }

        Scenario decidedBy(String decision) {
            return new Scenario(name, devices, policy, mail, now, full, hint, decision);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
