package org.mailpush.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailpush.route.Terminals.ALICE;
import static org.mailpush.route.Terminals.MALLORY;
import static org.mailpush.route.Terminals.NOW;
import static org.mailpush.route.Terminals.desktop;
import static org.mailpush.route.Terminals.laptop;
import static org.mailpush.route.Terminals.locator;
import static org.mailpush.route.Terminals.mail;
import static org.mailpush.route.Terminals.minutes;
import static org.mailpush.route.Terminals.paris;
import static org.mailpush.route.Terminals.phone;
import static org.mailpush.route.Terminals.report;
import static org.mailpush.route.Terminals.seconds;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.mail.MailSummary;
import org.mailpush.policy.Condition;
import org.mailpush.policy.Policy;
import org.mailpush.policy.Rule;
import org.mailpush.policy.Target;
import org.mailpush.presence.PresenceInference;
import org.mailpush.presence.PresenceSettings;
import org.mailpush.presence.UsageState;

/**
 * Reasons, trails, addresses and input validation of the {@link Router}. Which terminal gets what in
 * each SPEC example is in the scenario table of {@link RouterTest}.
 */
class RouterExplanationsTest {
    private static final Router ROUTER = new Router(new PresenceInference(PresenceSettings.DEFAULTS));
    private static final MailSummary PLAIN = mail().summary();
    private static final Rule IN_USE = Rule.of(new Target.InUse());

    private static PushPlan plan(Policy policy, MailSummary mail, DeviceSnapshot... devices) {
        return ROUTER.plan(ALICE, List.of(devices), policy, mail, NOW);
    }

    private static PushTarget target(PushPlan plan, String device) {
        return plan.targets().stream().filter(t -> t.device().value().equals(device)).findFirst().orElseThrow();
    }

    @Test
    void reasonsNameTheDeviceTheEvidenceAndTheRule() {
        PushPlan plan = plan(Policy.of(IN_USE), PLAIN,
                desktop("desk").named("Desk PC").with(report().input(seconds(12))),
                laptop("laptop").named("Laptop").with(report()));

        assertThat(target(plan, "desk").reason()).isEqualTo("Desk PC: input 12 s ago; rule 1 'in use'");
        assertThat(target(plan, "laptop").reason()).isEqualTo("Laptop: on, no input reported; not picked by rule 1 'in use'");
        assertThat(plan.decidedBy()).isEqualTo(new Decision.ByRule(1, "in use"));
    }

    @Test
    void targetsCarryTheirNameAndTheStateTheDecisionWasBasedOn() {
        PushPlan plan = plan(Policy.of(IN_USE), PLAIN,
                phone("phone").named("Phone").with(report().celsius(36.2)),
                laptop("laptop").with(report().asleep()),
                desktop("desk").unreported());

        assertThat(plan.user()).isEqualTo(ALICE);
        assertThat(plan.targets()).extracting(PushTarget::deviceName).containsExactly("desk", "laptop", "Phone");
        assertThat(plan.targets()).extracting(PushTarget::state)
                .containsExactly(UsageState.UNKNOWN, UsageState.ASLEEP, UsageState.IN_USE);
        assertThat(target(plan, "phone").reason()).isEqualTo("Phone: 36.2 °C (carried); rule 1 'in use'");
    }

    @Test
    void aHintSaysWhereTheMailWentAndWhyNotHere() {
        var badge = locator("badge").with(report().at(paris(0, 0)));
        var mono = phone("mono").named("Mono phone").monochrome().with(report().input(seconds(30)).at(paris(5, 0)));
        var colour = phone("colour").named("Colour phone").with(report().at(paris(3_000, 0)));

        PushPlan plan = plan(Policy.of(Rule.of(new Target.Capable(Target.Choice.NEAREST))),
                mail().from("friend@example.org").pictures(1).summary(), badge, mono, colour);

        PushTarget hint = target(plan, "mono");
        assertThat(hint.action()).isEqualTo(PushAction.HINT);
        assertThat(hint.pushedTo()).containsExactly(new DeviceId("colour"));
        assertThat(hint.reason()).isEqualTo(
                "Mono phone: input 30 s ago, cannot show pictures; hint: mail went to Colour phone; rule 1 'capable device, nearest'");
        assertThat(target(plan, "colour").reason())
                .isEqualTo("Colour phone: on, no input reported, 3.0 km from the user (position from badge); "
                        + "rule 1 'capable device, nearest'");
        assertThat(target(plan, "badge").reason()).isEqualTo("badge: locator, receives no mail");
    }

    @Test
    void capabilityNotesNameWhatIsMissing() {
        var phone = phone("phone").monochrome().accepting("text/*").maxMailBytes(1_000_000).with(report());
        var laptop = laptop("laptop").with(report());

        PushPlan plan = plan(Policy.of(Rule.of(new Target.Capable(Target.Choice.ALL))),
                mail().pictures(2).size(2_500_000).attachment("application/pdf").summary(), phone, laptop);

        assertThat(target(plan, "phone").reason()).startsWith(
                "phone: on, no input reported, cannot show pictures, takes at most 977 KB, mail is 2.4 MB, cannot open application/pdf; ");
    }

    @Test
    void aScreenWithoutColourIsNotedAsSuch() {
        var grey = phone("grey").withoutColour().with(report());
        var laptop = laptop("laptop").with(report());

        PushPlan plan = plan(Policy.of(Rule.of(new Target.Capable(Target.Choice.ALL))), mail().pictures(1).summary(), grey, laptop);

        assertThat(target(plan, "grey").reason())
                .isEqualTo("grey: on, no input reported, pictures but no colour; hint: mail went to laptop; rule 1 'capable device, all'");
    }

    @Test
    void whenNoTerminalHasColourTheTrailSaysThePicturesNeedIt() {
        PushPlan plan = plan(Policy.of(Rule.of(new Target.Capable(Target.Choice.ALL))), mail().pictures(2).summary(),
                phone("grey").withoutColour().with(report()));

        assertThat(plan.trail()).containsExactly(
                "rule 1 'capable device, all': no device can show this mail (2 pictures in colour, 2 KB)");
    }

    @Test
    void nearestNotesTheDistanceAndWhereThePositionCameFrom() {
        PushPlan plan = plan(Policy.of(Rule.of(new Target.Nearest())), PLAIN,
                locator("badge").with(report().at(paris(0, 0))),
                laptop("laptop").with(report().at(paris(20, 0))),
                phone("phone").with(report().at(paris(5_000, 0))));

        assertThat(target(plan, "laptop").reason())
                .isEqualTo("laptop: on, no input reported, 20 m from the user (position from badge); rule 1 'nearest'");
    }

    @Test
    void nearestWithExclusionsNamesThemInItsRuleAndTrail() {
        var pocket = phone("phone").with(report().celsius(36.5).at(paris(0, 0)));
        var nearest = Rule.of(new Target.Nearest(Set.of(DeviceType.PHONE, DeviceType.TABLET)));

        PushPlan picked = plan(Policy.of(nearest), PLAIN, pocket, laptop("laptop").with(report().at(paris(4, 0))));
        PushPlan none = plan(Policy.of(nearest), PLAIN, pocket, laptop("laptop").with(report()));

        assertThat(target(picked, "laptop").reason())
                .isEqualTo("laptop: on, no input reported, 4 m from the user (position from phone); rule 1 'nearest, not a phone or tablet'");
        assertThat(target(picked, "phone").reason()).endsWith("not picked by rule 1 'nearest, not a phone or tablet'");
        assertThat(none.trail()).first().isEqualTo(
                "rule 1 'nearest, not a phone or tablet': no device that is on and not a phone or tablet reports a location");
    }

    @Test
    void thePositionIsTheFreshestOfLocatorsAndTerminalsInUse() {
        // The badge reported 10 minutes ago at the office; the phone in use reports from home just now.
        PushPlan plan = plan(Policy.of(Rule.of(new Target.Nearest())), PLAIN,
                locator("badge").with(report().ago(minutes(10)).at(paris(0, 0))),
                phone("phone").with(report().input(seconds(5)).at(paris(8_000, 0))),
                laptop("office-laptop").with(report().at(paris(10, 0))),
                laptop("home-laptop").with(report().at(paris(8_020, 0))));

        assertThat(plan.devicesWith(PushAction.FULL)).containsExactly(new DeviceId("phone"));
        assertThat(target(plan, "phone").reason()).contains("0 m from the user (position from phone)");
    }

    @Test
    void theTrailTellsWhyEachEarlierRuleDidNotDecide() {
        Instant expiry = NOW.minus(Duration.ofMinutes(1));
        var vip = new Condition(Set.of("boss@example.com"), Optional.empty(), Optional.empty());
        Policy policy = Policy.of(
                Rule.of(new Target.PreferDevice(new DeviceId("laptop"))).named("laptop primary").until(expiry),
                Rule.of(new Target.Several(Set.of(), 1)).named("VIP").when(vip),
                Rule.of(new Target.PreferType(DeviceType.LAPTOP)),
                Rule.of(new Target.Nearest()),
                IN_USE);

        PushPlan plan = plan(policy, PLAIN,
                laptop("laptop").with(report().off()),
                phone("phone").with(report().input(seconds(3))));

        assertThat(plan.trail()).containsExactly(
                "rule 1 'laptop primary': expired at 2025-03-14T09:59Z",
                "rule 2 'VIP': condition not met",
                "rule 3 'prefer laptop if on': no laptop is on (laptop off)",
                "rule 4 'nearest': user position unknown (no device in use or locator reports a location)",
                "rule 5 'in use': picked phone");
        assertThat(plan.decidedBy().describe()).isEqualTo("rule 5 'in use'");
    }

    @Test
    void failOpenExplainsItselfInTrailAndReasons() {
        PushPlan plan = plan(Policy.of(IN_USE), PLAIN,
                phone("phone").with(report().ago(minutes(30))),
                laptop("laptop").with(report().off()));

        assertThat(plan.decidedBy()).isEqualTo(new Decision.FailOpen());
        assertThat(plan.trail()).containsExactly("rule 1 'in use': no device in use");
        assertThat(target(plan, "phone").reason())
                .isEqualTo("phone: last report 30 min ago (stale); fail-open: no rule picked a device");
        assertThat(target(plan, "laptop").reason())
                .isEqualTo("laptop: off; not picked (fail-open: no rule picked a device)");
    }

    @Test
    void noReceiverLeavesTheMailInTheStore() {
        PushPlan plan = plan(Policy.of(IN_USE), PLAIN, locator("badge").with(report().at(paris(0, 0))));

        assertThat(plan.decidedBy()).isEqualTo(new Decision.NoReceiver());
        assertThat(target(plan, "badge").reason()).isEqualTo("badge: no device can receive mail");
        assertThat(target(plan, "badge").address()).isEmpty();
    }

    @Test
    void pushesGoToTheFirstListedAddress() {
        var tel = new DeviceAddress.PhoneNumber("+4915112345678");
        var endpoint = new DeviceAddress.PushEndpoint(URI.create("https://push.example.net/s/abc"));

        PushPlan plan = plan(Policy.FAIL_OPEN_ONLY, PLAIN, phone("phone").addresses(tel, endpoint).with(report()));

        assertThat(target(plan, "phone").address()).contains(tel);
    }

    @Test
    void aSleepingTerminalIsWokenByItsMacAddress() {
        var ip = new DeviceAddress.IpAddress("192.168.1.20");
        var mac = new DeviceAddress.MacAddress("3c:22:fb:01:02:03");

        PushPlan plan = plan(Policy.of(Rule.of(new Target.Several(Set.of(), 3))), PLAIN,
                desktop("desk").addresses(ip, mac).with(report().asleep()),
                laptop("laptop").addresses(ip, mac).with(report().off()),
                phone("phone").addresses(ip, mac).with(report()));

        assertThat(target(plan, "desk").address()).contains(mac);
        assertThat(target(plan, "laptop").address()).contains(mac);
        assertThat(target(plan, "phone").address()).contains(ip);
    }

    @Test
    void aSleepingTerminalWithoutMacAddressKeepsItsFirstAddress() {
        var ip = new DeviceAddress.IpAddress("192.168.1.20");

        PushPlan plan = plan(Policy.FAIL_OPEN_ONLY, PLAIN, desktop("desk").addresses(ip).with(report().asleep()));

        assertThat(target(plan, "desk").address()).contains(ip);
    }

    @Test
    void theLiveLinkWhenNoAddressIsListed() {
        PushPlan plan = plan(Policy.of(IN_USE).withOthers(Policy.Others.HINT), PLAIN,
                phone("phone").with(report().input(seconds(1))),
                laptop("laptop").with(report()));

        assertThat(target(plan, "phone").address()).contains(new DeviceAddress.Link());
        assertThat(target(plan, "laptop").action()).isEqualTo(PushAction.HINT);
        assertThat(target(plan, "laptop").address()).contains(new DeviceAddress.Link());
    }

    @Test
    void devicesOfAnotherUserAreRejected() {
        var mine = phone("phone").with(report());
        var theirs = laptop("laptop").ownedBy(MALLORY).with(report());

        assertThatThrownBy(() -> plan(Policy.FAIL_OPEN_ONLY, PLAIN, mine, theirs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("laptop")
                .hasMessageContaining("belongs to mallory, not to alice");
    }

    @Test
    void duplicateDeviceIdsAreRejected() {
        var phone = phone("phone").with(report());
        var sameId = laptop("phone").with(report().asleep());

        assertThatThrownBy(() -> plan(Policy.FAIL_OPEN_ONLY, PLAIN, phone, sameId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device id phone appears twice");
    }

    @Test
    void targetsComeInDeviceIdOrderWhateverTheInputOrder() {
        PushPlan plan = plan(Policy.FAIL_OPEN_ONLY, PLAIN,
                phone("c").with(report()), phone("a").with(report()), phone("b").with(report()));

        assertThat(plan.targets()).extracting(t -> t.device().value()).containsExactly("a", "b", "c");
        assertThat(plan.withAction(PushAction.FULL)).hasSize(3);
    }

    @Test
    void aTargetWithoutPushHasNoAddressAndOneWithPushNeedsOne() {
        var id = new DeviceId("phone");
        var link = Optional.<DeviceAddress>of(new DeviceAddress.Link());

        assertThatThrownBy(() -> new PushTarget(id, "phone", PushAction.NONE, link, UsageState.IDLE, "", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes no address");
        assertThatThrownBy(() -> new PushTarget(id, "phone", PushAction.FULL, Optional.empty(), UsageState.IDLE, "", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs");
    }

    @Test
    void ruleNumbersStartAtOne() {
        assertThatThrownBy(() -> new Decision.ByRule(0, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
