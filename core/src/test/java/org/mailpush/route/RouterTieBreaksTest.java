package org.mailpush.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailpush.route.Terminals.ALICE;
import static org.mailpush.route.Terminals.NOW;
import static org.mailpush.route.Terminals.desktop;
import static org.mailpush.route.Terminals.laptop;
import static org.mailpush.route.Terminals.locator;
import static org.mailpush.route.Terminals.mail;
import static org.mailpush.route.Terminals.paris;
import static org.mailpush.route.Terminals.phone;
import static org.mailpush.route.Terminals.report;
import static org.mailpush.route.Terminals.seconds;
import static org.mailpush.route.Terminals.tablet;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.mail.MailSummary;
import org.mailpush.policy.Policy;
import org.mailpush.policy.Policy.Others;
import org.mailpush.policy.Rule;
import org.mailpush.policy.Target;
import org.mailpush.presence.PresenceInference;
import org.mailpush.presence.PresenceSettings;

/** Which one terminal "in use" means, which address a push takes, and fail-open among capable terminals. */
class RouterTieBreaksTest {
    private static final Router ROUTER = new Router(new PresenceInference(PresenceSettings.DEFAULTS));
    private static final DeviceAddress MAC = new DeviceAddress.MacAddress("3c:22:fb:01:02:03");
    private static final DeviceAddress IP = new DeviceAddress.IpAddress("192.168.1.20");

    private static PushPlan plan(Policy policy, MailSummary mail, DeviceSnapshot... devices) {
        return ROUTER.plan(ALICE, List.of(devices), policy, mail, NOW);
    }

    private static DeviceAddress address(PushPlan plan, String device) {
        return plan.targets().stream().filter(t -> t.device().value().equals(device)).findFirst().orElseThrow()
                .address().orElseThrow();
    }

    @Test
    void inUseMeansTheOneTerminalMostClearlyInUse() {
        PushPlan typedOn = plan(Policy.of(Rule.of(new Target.InUse())), mail().summary(),
                desktop("desk").with(report().input(seconds(40))),
                laptop("laptop").with(report().input(seconds(5))),
                phone("phone").with(report().celsius(34.0).near()));

        assertThat(typedOn.devicesWith(PushAction.FULL)).containsExactly(new DeviceId("laptop"));
    }

    @Test
    void proximityCountsForMoreThanBodyHeatWhenNobodyTypes() {
        PushPlan plan = plan(Policy.of(Rule.of(new Target.InUse())), mail().summary(),
                phone("carried").with(report().celsius(34.0)),
                tablet("watched").with(report().near()));

        assertThat(plan.devicesWith(PushAction.FULL)).containsExactly(new DeviceId("watched"));
    }

    @Test
    void aMacAddressNeverCarriesAPushToATerminalThatIsOn() {
        PushPlan plan = plan(Policy.of(Rule.of(new Target.InUse())), mail().summary(),
                laptop("laptop").addresses(MAC, IP).with(report().input(seconds(3))));

        assertThat(address(plan, "laptop")).isEqualTo(IP);
    }

    @Test
    void aTerminalWithOnlyAMacAddressIsReachedOverItsLinkUnlessItSleeps() {
        PushPlan plan = plan(Policy.FAIL_OPEN_ONLY, mail().summary(), desktop("desk").addresses(MAC).unreported());

        assertThat(address(plan, "desk")).isEqualTo(new DeviceAddress.Link());
    }

    @Test
    void aHintDoesNotWakeASleepingMachine() {
        PushPlan plan = plan(Policy.of(Rule.of(new Target.InUse())).withOthers(Others.HINT), mail().summary(),
                phone("phone").with(report().input(seconds(3))),
                laptop("laptop").addresses(MAC).with(report().asleep()));

        assertThat(address(plan, "laptop")).isEqualTo(new DeviceAddress.Link());
    }

    @Test
    void capabilityFailsOpenToEveryCapableTerminalThatMayBeOn() {
        PushPlan plan = plan(Policy.of(Rule.of(new Target.Capable(Target.Choice.NEAREST))), mail().pictures(1).summary(),
                phone("a-colour").unreported(),
                tablet("b-tablet").unreported(),
                phone("c-mono").monochrome().with(report().input(seconds(3))));

        assertThat(plan.devicesWith(PushAction.FULL)).containsExactly(new DeviceId("a-colour"), new DeviceId("b-tablet"));
        assertThat(plan.devicesWith(PushAction.HINT)).containsExactly(new DeviceId("c-mono"));
    }

    @Test
    void aLocatorThatIsOffSaysNothingAboutWhereTheUserIs() {
        PushPlan plan = plan(Policy.of(Rule.of(new Target.Nearest())), mail().summary(),
                locator("badge").with(report().off().at(paris(0, 0))),
                desktop("desk").with(report().at(paris(10, 0))));

        assertThat(plan.trail()).containsExactly(
                "rule 1 'nearest': user position unknown (no device in use or locator reports a location)");
    }
}
