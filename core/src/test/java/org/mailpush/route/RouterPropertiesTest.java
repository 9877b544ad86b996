package org.mailpush.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailpush.route.Terminals.MALLORY;
import static org.mailpush.route.Terminals.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.presence.PresenceInference;
import org.mailpush.presence.PresenceSettings;
import org.mailpush.presence.UsageState;

/**
 * Properties every plan has, checked on {@value #TRIES} random {@link Situation}s. The seeds are
 * fixed, so a run is repeatable and a failure names the seed that replays it.
 */
class RouterPropertiesTest {
    private static final int TRIES = 1_000;
    private static final PresenceInference INFERENCE = new PresenceInference(PresenceSettings.DEFAULTS);
    private static final Router ROUTER = new Router(INFERENCE);

    private static void forAll(Consumer<Situation> property) {
        for (long seed = 0; seed < TRIES; seed++) {
            Situation situation = Situation.random(seed);
            try {
                property.accept(situation);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("falsified by seed " + seed + ": " + situation, e);
            }
        }
    }

    @Test
    void theSameInputsGiveTheSamePlanInAnyOrder() {
        forAll(situation -> {
            PushPlan plan = situation.plan(ROUTER);
            var shuffled = new ArrayList<>(situation.devices());
            Collections.shuffle(shuffled, new Random(situation.seed()));
            var reversed = new ArrayList<>(situation.devices());
            Collections.reverse(reversed);

            assertThat(situation.plan(ROUTER)).isEqualTo(plan);
            assertThat(ROUTER.plan(Terminals.ALICE, shuffled, situation.policy(), situation.mail(), situation.now())).isEqualTo(plan);
            assertThat(ROUTER.plan(Terminals.ALICE, reversed, situation.policy(), situation.mail(), situation.now())).isEqualTo(plan);
        });
    }

    @Test
    void everyGivenTerminalHasExactlyOneTargetAndNoOtherDoes() {
        forAll(situation -> {
            PushPlan plan = situation.plan(ROUTER);

            assertThat(plan.user()).isEqualTo(Terminals.ALICE);
            assertThat(plan.targets()).extracting(PushTarget::device)
                    .containsExactlyInAnyOrderElementsOf(ids(situation.devices()))
                    .doesNotHaveDuplicates()
                    .isSorted();
        });
    }

    @Test
    void aTerminalOfAnotherUserIsRejectedWherever() {
        forAll(situation -> {
            var devices = new ArrayList<>(situation.devices());
            var random = new Random(situation.seed());
            devices.add(random.nextInt(devices.size() + 1), Terminals.phone("intruder").ownedBy(MALLORY).with(report()));

            assertThatThrownBy(() -> ROUTER.plan(Terminals.ALICE, devices, situation.policy(), situation.mail(), situation.now()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("intruder");
        });
    }

    @Test
    void aMailNeverGoesNowhereWhileATerminalCanReceiveIt() {
        forAll(situation -> {
            PushPlan plan = situation.plan(ROUTER);
            boolean anyReceiver = situation.devices().stream().anyMatch(d -> d.device().type().receivesMail());

            if (anyReceiver) {
                assertThat(plan.withAction(PushAction.FULL)).isNotEmpty();
            } else {
                assertThat(plan.decidedBy()).isEqualTo(new Decision.NoReceiver());
                assertThat(plan.targets()).allSatisfy(t -> assertThat(t.action()).isEqualTo(PushAction.NONE));
            }
        });
    }

    @Test
    void hintsNameTerminalsThatGotTheMailAndAddressesFollowTheAction() {
        forAll(situation -> {
            PushPlan plan = situation.plan(ROUTER);
            Set<DeviceId> full = Set.copyOf(plan.devicesWith(PushAction.FULL));
            Set<DeviceId> locators = situation.devices().stream()
                    .filter(d -> d.device().type() == DeviceType.LOCATOR)
                    .map(d -> d.device().id())
                    .collect(Collectors.toSet());

            for (PushTarget target : plan.targets()) {
                switch (target.action()) {
                    case FULL -> {
                        assertThat(target.address()).isPresent();
                        assertThat(target.pushedTo()).isEmpty();
                    }
                    case HINT -> {
                        assertThat(target.address()).isPresent();
                        assertThat(target.pushedTo()).isNotEmpty().isSubsetOf(full);
                        assertThat(target.state()).as("no hint to a terminal that is off").isNotEqualTo(UsageState.OFF);
                    }
                    case NONE -> assertThat(target.address()).isEmpty();
                }
                if (locators.contains(target.device())) {
                    assertThat(target.action()).as("a locator receives nothing").isEqualTo(PushAction.NONE);
                }
            }
        });
    }

    @Test
    void failOpenGoesToEveryReceiverThatMayBeOnElseToAll() {
        forAll(situation -> {
            PushPlan plan = situation.plan(ROUTER);
            if (!(plan.decidedBy() instanceof Decision.FailOpen)) {
                return;
            }
            List<PushTarget> receivers = plan.targets().stream().filter(t -> !isLocator(situation, t.device())).toList();
            List<DeviceId> mayBeOn = receivers.stream()
                    .filter(t -> t.state().on() || t.state() == UsageState.UNKNOWN)
                    .map(PushTarget::device)
                    .toList();
            List<DeviceId> reachable = mayBeOn.stream().filter(id -> reachable(situation, id)).toList();

            assertThat(plan.devicesWith(PushAction.FULL)).containsExactlyElementsOf(
                    !reachable.isEmpty() ? reachable : !mayBeOn.isEmpty() ? mayBeOn : receivers.stream().map(PushTarget::device).toList());
            assertThat(plan.trail()).hasSize(situation.policy().rules().size());
        });
    }

    @Test
    void anUnreachableTerminalGetsTheMailOnlyWhenNoReachableOneMayBeOn() {
        forAll(situation -> {
            PushPlan plan = situation.plan(ROUTER);
            boolean unreachableGotIt = plan.devicesWith(PushAction.FULL).stream().anyMatch(id -> !reachable(situation, id));
            if (!unreachableGotIt) {
                return;
            }
            assertThat(plan.targets())
                    .filteredOn(t -> !isLocator(situation, t.device()) && reachable(situation, t.device()))
                    .as("reachable receivers, none of which may be on")
                    .noneMatch(t -> t.state().on() || t.state() == UsageState.UNKNOWN);
        });
    }

    private static boolean reachable(Situation situation, DeviceId id) {
        DeviceSnapshot snapshot = situation.devices().stream().filter(d -> d.device().id().equals(id)).findFirst().orElseThrow();
        return INFERENCE.infer(snapshot.latestReport(), snapshot.reachability(), situation.now()).reachable();
    }

    @Test
    void reasonsNameTheTerminalAndWhatDecided() {
        forAll(situation -> {
            PushPlan plan = situation.plan(ROUTER);
            if (plan.decidedBy() instanceof Decision.ByRule rule) {
                assertThat(plan.trail()).hasSize(rule.number());
                assertThat(plan.trail().getLast()).startsWith(rule.describe() + ": picked ");
            }
            for (PushTarget target : plan.targets()) {
                assertThat(target.reason()).startsWith(target.deviceName() + ": ");
                if (target.action() != PushAction.NONE) {
                    assertThat(target.reason()).endsWith("; " + plan.decidedBy().describe());
                }
            }
        });
    }

    /** Guards the properties against a generator that never reaches the interesting cases. */
    @Test
    void theSituationsReachEveryKindOfDecisionAndAction() {
        Map<PushAction, Integer> actions = new EnumMap<>(PushAction.class);
        Map<Class<?>, Integer> decisions = new HashMap<>();
        int staleOrUnreported = 0;
        for (long seed = 0; seed < TRIES; seed++) {
            PushPlan plan = Situation.random(seed).plan(ROUTER);
            plan.targets().forEach(t -> actions.merge(t.action(), 1, Integer::sum));
            decisions.merge(plan.decidedBy().getClass(), 1, Integer::sum);
            staleOrUnreported += (int) plan.targets().stream().filter(t -> t.state() == UsageState.UNKNOWN).count();
        }

        assertThat(actions).allSatisfy((action, count) -> assertThat(count).as(action.name()).isGreaterThan(50)).hasSize(3);
        assertThat(decisions).containsKeys(Decision.ByRule.class, Decision.FailOpen.class, Decision.NoReceiver.class);
        assertThat(decisions.values()).allSatisfy(count -> assertThat(count).isGreaterThan(20));
        assertThat(staleOrUnreported).isGreaterThan(200);
    }

    private static List<DeviceId> ids(List<DeviceSnapshot> devices) {
        return devices.stream().map(d -> d.device().id()).toList();
    }

    private static boolean isLocator(Situation situation, DeviceId id) {
        return situation.devices().stream().anyMatch(d -> d.device().id().equals(id) && d.device().type() == DeviceType.LOCATOR);
    }
}
