package org.mailpush.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailpush.route.Terminals.ALICE;
import static org.mailpush.route.Terminals.NOW;
import static org.mailpush.route.Terminals.browser;
import static org.mailpush.route.Terminals.laptop;
import static org.mailpush.route.Terminals.mail;
import static org.mailpush.route.Terminals.minutes;
import static org.mailpush.route.Terminals.phone;
import static org.mailpush.route.Terminals.report;
import static org.mailpush.route.Terminals.seconds;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.policy.Policy;
import org.mailpush.policy.Rule;
import org.mailpush.policy.Target;
import org.mailpush.presence.PresenceInference;
import org.mailpush.presence.PresenceSettings;
import org.mailpush.presence.Reachability;

/**
 * A terminal that stopped talking is not "on" for routing: one whose link is lost past the grace and
 * that has no push channel is passed over while a reachable terminal receives mail (SPEC M1, X2).
 */
class RouterReachabilityTest {
    private static final Router ROUTER = new Router(new PresenceInference(PresenceSettings.DEFAULTS));
    private static final Policy PREFER_LAPTOP = Policy.of(Rule.of(new Target.PreferType(DeviceType.LAPTOP)).named("prefer laptop if on"));
    private static final Policy IN_USE = Policy.of(Rule.of(new Target.InUse()));

    private static DeviceSnapshot lostLinkAgo(DeviceSnapshot snapshot, Duration ago, String... channels) {
        return new DeviceSnapshot(snapshot.device(), snapshot.latestReport(), Reachability.notConnectedSince(NOW.minus(ago), List.of(channels)));
    }

    private static DeviceSnapshot connected(DeviceSnapshot snapshot) {
        return new DeviceSnapshot(snapshot.device(), snapshot.latestReport(), Reachability.connected(List.of()));
    }

    private static PushPlan plan(Policy policy, DeviceSnapshot... devices) {
        return ROUTER.plan(ALICE, List.of(devices), policy, mail().summary(), NOW);
    }

    @Test
    void aLaptopThatDroppedItsLinkPastTheGraceStopsWinningPreferLaptop() {
        PushPlan plan = plan(PREFER_LAPTOP,
                lostLinkAgo(laptop("laptop").with(report().ago(minutes(4)).input(minutes(9))), minutes(3)),
                connected(phone("phone").with(report().input(seconds(20)))));

        assertThat(plan.devicesWith(PushAction.FULL)).containsExactly(new DeviceId("phone"));
        assertThat(plan.trail().getFirst()).isEqualTo(
                "rule 1 'prefer laptop if on': laptop: no input for 9 min, not connected for 3 min and no working push channel; passed over, unreachable");
        assertThat(plan.targets()).filteredOn(t -> t.device().equals(new DeviceId("laptop"))).singleElement()
                .satisfies(t -> assertThat(t.reason()).contains("not connected for 3 min and no working push channel"));
    }

    @Test
    void withinTheGraceALostLinkIsOnlyEvidenceAndTheLaptopStillWins() {
        PushPlan plan = plan(PREFER_LAPTOP,
                lostLinkAgo(laptop("laptop").with(report().input(minutes(9))), seconds(12)),
                connected(phone("phone").with(report().input(seconds(20)))));

        assertThat(plan.devicesWith(PushAction.FULL)).containsExactly(new DeviceId("laptop"));
        assertThat(plan.withAction(PushAction.FULL).getFirst().reason()).contains("not connected for 12 s");
    }

    @Test
    void aPushChannelKeepsATerminalWithoutItsLinkReachable() {
        PushPlan plan = plan(PREFER_LAPTOP,
                lostLinkAgo(laptop("laptop").with(report().input(minutes(9))), minutes(30), "Web Push"),
                connected(phone("phone").with(report().input(seconds(20)))));

        assertThat(plan.devicesWith(PushAction.FULL)).containsExactly(new DeviceId("laptop"));
        assertThat(plan.withAction(PushAction.FULL).getFirst().reason()).contains("not connected for 30 min, reachable by Web Push");
    }

    @Test
    void aClosedBrowserTabDoesNotWinInUseOverTheLivePhone() {
        PushPlan plan = plan(IN_USE,
                lostLinkAgo(browser("tab").with(report().ago(minutes(2)).input(minutes(2))), minutes(2)),
                connected(phone("phone").with(report().input(minutes(4)))));

        assertThat(plan.devicesWith(PushAction.FULL)).containsExactly(new DeviceId("phone"));
    }

    @Test
    void withNothingReachableTheRulesSeeEveryTerminalAndTheMailWaitsForThem() {
        PushPlan plan = plan(PREFER_LAPTOP,
                lostLinkAgo(laptop("laptop").with(report().ago(minutes(4)).input(minutes(9))), minutes(3)),
                lostLinkAgo(phone("phone").with(report().ago(minutes(6)).input(minutes(6))), minutes(5)));

        assertThat(plan.devicesWith(PushAction.FULL)).containsExactly(new DeviceId("laptop"));
    }

    @Test
    void failOpenPrefersTheReachableTerminalsThatMayBeOn() {
        PushPlan plan = plan(Policy.FAIL_OPEN_ONLY,
                lostLinkAgo(laptop("laptop").with(report().ago(minutes(4)).input(minutes(9))), minutes(3)),
                connected(phone("phone").with(report().input(minutes(7)))),
                connected(laptop("old").with(report().off())));

        assertThat(plan.devicesWith(PushAction.FULL)).containsExactly(new DeviceId("phone"));
    }
}
