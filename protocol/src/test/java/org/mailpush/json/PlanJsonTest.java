package org.mailpush.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.presence.PresenceInference;
import org.mailpush.presence.UsageState;
import org.mailpush.route.Decision;
import org.mailpush.route.DeviceSnapshot;
import org.mailpush.route.PushAction;
import org.mailpush.route.PushPlan;
import org.mailpush.route.PushTarget;
import org.mailpush.route.Router;
import org.mailpush.user.UserId;

class PlanJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");
    private static final UserId ALICE = new UserId("alice");

    /** Written, printed as text, parsed and read again: the way the store keeps a plan. */
    private static PushPlan roundTrip(PushPlan plan) throws IOException {
        return PlanJson.read(JSON.readTree(PlanJson.write(plan).toString()));
    }

    /**
     * The router's plans for every documented scenario, made with every subset of the scenario's
     * devices (down to none) and at the scenario's moment, an hour later and a day later, when the
     * reports have gone stale.
     */
    static List<PushPlan> routerPlans() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(EXAMPLES)) {
            files = listed.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("scenario examples in " + EXAMPLES.toAbsolutePath()).isNotEmpty();
        List<PushPlan> plans = new ArrayList<>();
        for (Path file : files) {
            Scenario scenario = ScenarioJson.read(JSON.readTree(file.toFile()));
            var router = new Router(new PresenceInference(scenario.presence()));
            List<DeviceSnapshot> devices = scenario.devices();
            for (int subset = 0; subset < 1 << devices.size(); subset++) {
                List<DeviceSnapshot> chosen = new ArrayList<>();
                for (int i = 0; i < devices.size(); i++) {
                    if ((subset & 1 << i) != 0) {
                        chosen.add(devices.get(i));
                    }
                }
                for (Duration later : List.of(Duration.ZERO, Duration.ofHours(1), Duration.ofDays(1))) {
                    plans.add(router.plan(scenario.user(), chosen, scenario.policy(), scenario.mail(), scenario.now().plus(later)));
                }
            }
        }
        return plans;
    }

    static List<PushPlan> handMadePlans() {
        var link = Optional.<DeviceAddress>of(new DeviceAddress.Link());
        List<PushTarget> everyAddress = new ArrayList<>();
        List<String> addresses = List.of("link:", "tel:+4915112345678", "ip:10.0.0.7", "ip:fe80::1", "mac:3c:22:fb:01:02:03",
                "https://push.example.com/wpush/v2/abc?x=1&y=%20", "http://192.0.2.7:8080/fcm/send/é");
        UsageState[] states = UsageState.values();
        for (int i = 0; i < addresses.size(); i++) {
            everyAddress.add(new PushTarget(new DeviceId("d" + i), "Device " + i, PushAction.FULL,
                    Optional.of(DeviceAddress.parse(addresses.get(i))), states[i % states.length], "full to " + addresses.get(i),
                    List.of()));
        }
        var hint = new PushTarget(new DeviceId("mono.1"), "pocket phone \"mono\"", PushAction.HINT,
                Optional.of(DeviceAddress.parse("tel:+4915100000001")), UsageState.IN_USE, "hint: mail is on colour, mono_2",
                List.of(new DeviceId("colour"), new DeviceId("mono_2")));
        var none = new PushTarget(new DeviceId("badge"), "Badge ✓", PushAction.NONE, Optional.empty(), UsageState.UNKNOWN,
                "", List.of());
        return List.of(
                new PushPlan(ALICE, new Decision.ByRule(1, "Grüße — \"VIP\"\nsenders 📷"), everyAddress,
                        List.of("rule 1 'Grüße': picked everything", "line\twith\ttabs")),
                new PushPlan(ALICE, new Decision.ByRule(Integer.MAX_VALUE, ""), List.of(hint, none),
                        List.of()),
                new PushPlan(new UserId("bob"), new Decision.FailOpen(),
                        List.of(new PushTarget(new DeviceId("a"), "A", PushAction.FULL, link, UsageState.ASLEEP, "fail-open", List.of()),
                                new PushTarget(new DeviceId("b"), "B", PushAction.HINT, link, UsageState.OFF, "", List.of())),
                        List.of("rule 1 'in use': nothing in use")),
                new PushPlan(ALICE, new Decision.NoReceiver(), List.of(none), List.of("no device can receive mail")),
                new PushPlan(ALICE, new Decision.NoReceiver(), List.of(), List.of()));
    }

    @ParameterizedTest(name = "router plan {index}")
    @MethodSource("routerPlans")
    void everyPlanTheRouterMakesForTheExamplesReadsBackEqual(PushPlan plan) throws IOException {
        assertThat(roundTrip(plan)).isEqualTo(plan);
    }

    @ParameterizedTest(name = "hand-made plan {index}")
    @MethodSource("handMadePlans")
    void everyHandMadePlanReadsBackEqual(PushPlan plan) throws IOException {
        assertThat(roundTrip(plan)).isEqualTo(plan);
    }

    @Test
    void thePlansRoundTrippedCoverEveryDecisionActionAndState() throws IOException {
        Set<Class<?>> decisions = new HashSet<>();
        Set<PushAction> actions = EnumSet.noneOf(PushAction.class);
        Set<UsageState> states = EnumSet.noneOf(UsageState.class);
        boolean pushedTo = false;
        List<PushPlan> plans = new ArrayList<>(routerPlans());
        plans.addAll(handMadePlans());
        for (PushPlan plan : plans) {
            decisions.add(plan.decidedBy().getClass());
            for (PushTarget target : plan.targets()) {
                actions.add(target.action());
                states.add(target.state());
                pushedTo |= !target.pushedTo().isEmpty();
            }
        }

        assertThat(decisions).containsExactlyInAnyOrder(Decision.ByRule.class, Decision.FailOpen.class, Decision.NoReceiver.class);
        assertThat(actions).containsExactlyInAnyOrder(PushAction.values());
        assertThat(states).containsExactlyInAnyOrder(UsageState.values());
        assertThat(pushedTo).isTrue();
        // The examples alone give every decision kind too.
        assertThat(routerPlans()).extracting(plan -> plan.decidedBy().getClass().getSimpleName())
                .contains("ByRule", "FailOpen", "NoReceiver");
    }

    @Test
    void theDocumentedPlanReads() throws IOException {
        PushPlan plan = PlanJson.read(JSON.readTree("""
                {
                  "user" : "alice",
                  "decidedBy" : { "rule" : 1, "name" : "in use", "description" : "rule 1 'in use'" },
                  "targets" : [ {
                    "device" : "desktop", "name" : "office desktop", "action" : "FULL", "address" : "ip:10.1.2.3",
                    "state" : "in-use", "reason" : "office desktop: input 12 s ago; rule 1 'in use'"
                  }, {
                    "device" : "laptop", "name" : "laptop", "action" : "NONE",
                    "state" : "asleep", "reason" : "laptop: asleep; not picked by rule 1 'in use'"
                  } ],
                  "trail" : [ "rule 1 'in use': picked office desktop" ]
                }"""));

        assertThat(plan.decidedBy()).isEqualTo(new Decision.ByRule(1, "in use"));
        assertThat(plan.devicesWith(PushAction.FULL)).containsExactly(new DeviceId("desktop"));
        assertThat(plan.targets().getFirst().address()).contains(DeviceAddress.parse("ip:10.1.2.3"));
        assertThat(plan.targets().get(1).state()).isEqualTo(UsageState.ASLEEP);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"user":"alice","decidedBy":{"fallback":"fail-open"},"targets":[],"trail":[],"why":1}           | why: unknown field
            {"decidedBy":{"fallback":"fail-open"},"targets":[],"trail":[]}                                 | user: is required
            {"user":"alice","decidedBy":{"fallback":"give-up"},"targets":[],"trail":[]}                    | decidedBy.fallback: 'give-up' is not one of fail-open, no-receiver
            {"user":"alice","decidedBy":{"rule":0,"name":"x"},"targets":[],"trail":[]}                     | decidedBy.rule: must be a whole number from 1
            {"user":"alice","decidedBy":{"rule":1},"targets":[],"trail":[]}                                | decidedBy.name: is required
            {"user":"alice","decidedBy":{"rule":1,"name":"x","fallback":"fail-open"},"targets":[],"trail":[]} | decidedBy.fallback: does not belong to a decision by a rule
            {"user":"alice","decidedBy":{"name":"x","fallback":"fail-open"},"targets":[],"trail":[]}       | decidedBy.name: belongs to a decision by a rule only
            {"user":"alice","decidedBy":{"fallback":"fail-open"},"targets":[{"device":"p","name":"P","action":"FULL","address":"fax:1","state":"idle","reason":""}],"trail":[]} | targets[0].address: address must start with
            {"user":"alice","decidedBy":{"fallback":"fail-open"},"targets":[{"device":"p","name":"P","action":"NONE","address":"link:","state":"idle","reason":""}],"trail":[]} | targets[0]: a NONE target takes no address
            {"user":"alice","decidedBy":{"fallback":"fail-open"},"targets":[{"device":"p","name":"P","action":"FULL","state":"idle","reason":""}],"trail":[]} | targets[0]: a FULL target needs address
            {"user":"alice","decidedBy":{"fallback":"fail-open"},"targets":[{"device":"p","name":"P","action":"full","address":"link:","state":"idle","reason":""}],"trail":[]} | targets[0].action: 'full' is not one of FULL, HINT, NONE
            {"user":"alice","decidedBy":{"fallback":"fail-open"},"targets":[{"device":"p","name":"P","action":"FULL","address":"link:","state":"in use","reason":""}],"trail":[]} | targets[0].state: 'in use' is not one of in-use, idle, asleep, off, unknown
            {"user":"alice","decidedBy":{"fallback":"fail-open"},"targets":[{"device":"p","name":"P","action":"HINT","address":"link:","state":"idle","reason":"","pushedTo":["a b"]}],"trail":[]} | targets[0].pushedTo[0]: device id must be
            {"user":"alice","decidedBy":{"fallback":"fail-open"},"targets":[],"trail":[1]}                 | trail[0]: must be a string
            """)
    void aMalformedPlanIsRefusedNamingTheField(String json, String message) throws IOException {
        JsonNode node = JSON.readTree(json);

        assertThatThrownBy(() -> PlanJson.read(node))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void theDescriptionIsDerivedAndNotRead() throws IOException {
        ObjectNode written = PlanJson.write(new PushPlan(ALICE, new Decision.FailOpen(), List.of(), List.of()));
        ((ObjectNode) written.get("decidedBy")).put("description", "anything");

        assertThat(PlanJson.read(written).decidedBy()).isEqualTo(new Decision.FailOpen());
    }
}
