package org.mailpush.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.mail.Importance;
import org.mailpush.policy.Condition;
import org.mailpush.policy.Escalation;
import org.mailpush.policy.Policy;
import org.mailpush.policy.ReportingMode;
import org.mailpush.policy.Rule;
import org.mailpush.policy.Target;
import org.mailpush.policy.TimeWindow;

class PolicyJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Policy read(String json) throws Exception {
        return PolicyJson.read(JSON.readTree(json), "policy");
    }

    @Test
    void readsEveryRuleKindConditionAndExpiry() throws Exception {
        Policy policy = read("""
                {"zone": "Europe/Berlin", "others": "hint", "rules": [
                  {"name": "laptop primary until 18:00", "kind": "prefer", "type": "laptop", "until": "2026-11-26T18:00:00+01:00"},
                  {"kind": "prefer", "device": "work-laptop"},
                  {"kind": "capability", "choose": "in-use"},
                  {"kind": "several", "types": ["phone", "laptop"], "atLeast": 2,
                   "when": {"senders": ["Boss@Example.com", "@family.example"], "importance": "high",
                            "hours": {"days": ["mon", "fri"], "from": "22:00", "to": "06:30"}}},
                  {"kind": "in-use"},
                  {"kind": "nearest"},
                  {"kind": "nearest", "exclude": ["phone", "tablet"]}
                ]}""");

        assertThat(policy.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(policy.others()).isEqualTo(Policy.Others.HINT);
        assertThat(policy.rules()).extracting(Rule::target).containsExactly(
                new Target.PreferType(DeviceType.LAPTOP),
                new Target.PreferDevice(new DeviceId("work-laptop")),
                new Target.Capable(Target.Choice.IN_USE),
                new Target.Several(Set.of(DeviceType.PHONE, DeviceType.LAPTOP), 2),
                new Target.InUse(),
                new Target.Nearest(),
                new Target.Nearest(Set.of(DeviceType.PHONE, DeviceType.TABLET)));
        assertThat(policy.rules().get(6).name()).isEqualTo("nearest, not a phone or tablet");
        assertThat(policy.rules().get(0).until()).contains(Instant.parse("2026-11-26T17:00:00Z"));
        assertThat(policy.rules().get(3).when()).isEqualTo(new Condition(
                Set.of("boss@example.com", "@family.example"),
                Optional.of(Importance.HIGH),
                Optional.of(new TimeWindow(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(6, 30)))));
        assertThat(policy.rules().get(4).name()).isEqualTo("in use");
    }

    @Test
    void writingThenReadingGivesTheSamePolicy() throws Exception {
        Policy policy = new Policy(ZoneId.of("America/New_York"), List.of(
                Rule.of(new Target.PreferType(DeviceType.DESKTOP)).named("desk").until(Instant.parse("2026-12-01T00:00:00Z")),
                Rule.of(new Target.Several(Set.of(), 1)).when(new Condition(Set.of("@a.example"), Optional.of(Importance.LOW),
                        Optional.of(new TimeWindow(Set.of(), LocalTime.of(9, 0), LocalTime.of(17, 0))))),
                Rule.of(new Target.Capable(Target.Choice.ALL)),
                Rule.of(new Target.Nearest()),
                Rule.of(new Target.Nearest(Set.of(DeviceType.PHONE)))), Policy.Others.HINT)
                .withReporting(ReportingMode.PROBE)
                .withEscalation(new Escalation(java.time.Duration.ofMinutes(5), Escalation.Unless.READ));

        JsonNode written = PolicyJson.write(policy);

        assertThat(PolicyJson.read(written, "policy")).isEqualTo(policy);
        assertThat(written.at("/rules/3").has("exclude")).isFalse();
        assertThat(written.at("/rules/4/exclude/0").asText()).isEqualTo("phone");
    }

    @Test
    void aPolicyIsWrittenBackAsItWasWritten() throws Exception {
        String given = """
                {"zone": "UTC", "rules": [
                  {"kind": "several"},
                  {"kind": "in-use"},
                  {"name": "the boss", "kind": "several", "types": ["phone", "laptop"], "atLeast": 2,
                   "when": {"senders": ["boss@example.com", "@family.example"]}, "until": "2026-11-26T17:00:00Z"},
                  {"kind": "capability", "choose": "all"}
                ], "escalation": {"after": "PT5M"}}""";

        assertThat(PolicyJson.write(read(given))).isEqualTo(JSON.readTree(given));
    }

    @Test
    void fieldsGivenAtTheirDefaultsAreLeftOutAndTheExpiryIsWrittenInThePolicysZone() throws Exception {
        JsonNode written = PolicyJson.write(read("""
                {"zone": "Europe/Berlin", "others": "nothing", "reporting": "heartbeat",
                 "escalation": {"after": "PT300S", "unless": "acknowledged"}, "rules": [
                  {"name": "in use", "kind": "in-use", "until": "2026-11-26T17:00:00Z"},
                  {"kind": "several", "types": [], "atLeast": 1},
                  {"kind": "nearest", "exclude": []},
                  {"kind": "capability", "choose": "nearest",
                   "when": {"senders": ["Boss@Example.com"], "hours": {"days": ["tue", "mon"], "from": "09:00", "to": "17:00"}}}
                ]}"""));

        assertThat(written).isEqualTo(JSON.readTree("""
                {"zone": "Europe/Berlin", "escalation": {"after": "PT5M"}, "rules": [
                  {"kind": "in-use", "until": "2026-11-26T18:00:00+01:00"},
                  {"kind": "several"},
                  {"kind": "nearest"},
                  {"kind": "capability",
                   "when": {"senders": ["boss@example.com"], "hours": {"days": ["mon", "tue"], "from": "09:00", "to": "17:00"}}}
                ]}"""));
    }

    @Test
    void withoutAZoneThePolicyIsInUtcAndIsWrittenWithoutOne() throws Exception {
        Policy policy = read("{\"rules\": [{\"kind\": \"in-use\", \"until\": \"2026-11-26T18:00:00+01:00\"}]}");

        assertThat(policy.zone().getRules().getOffset(Instant.EPOCH)).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(PolicyJson.write(policy)).isEqualTo(JSON.readTree(
                "{\"rules\": [{\"kind\": \"in-use\", \"until\": \"2026-11-26T17:00:00Z\"}]}"));
    }

    @Test
    void aPolicyWithoutOptionalFieldsGetsTheDocumentedDefaults() throws Exception {
        Policy policy = read("{\"rules\": []}");

        assertThat(policy).isEqualTo(Policy.FAIL_OPEN_ONLY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not an object            | []                                                        | policy: must be an object, got []
            rules missing            | {}                                                        | policy.rules: is required
            unknown kind             | {"rules": [{"kind": "loudest"}]}                          | policy.rules[0].kind: 'loudest' is not one of in-use, prefer, several, nearest, capability
            kind missing             | {"rules": [{"type": "laptop"}]}                           | policy.rules[0].kind: is required
            field of another kind    | {"rules": [{"kind": "nearest", "atLeast": 2}]}             | policy.rules[0].atLeast: does not belong to a rule of kind 'nearest'
            misspelt type            | {"rules": [{"kind": "prefer", "type": "labtop"}]}         | policy.rules[0].type: 'labtop' is not one of phone, laptop, desktop, tablet, browser
            locator preferred        | {"rules": [{"kind": "prefer", "type": "locator"}]}        | policy.rules[0].type: 'locator' cannot be named in a rule: a locator receives no mail (one of phone, laptop, desktop, tablet, browser)
            locator among several    | {"rules": [{"kind": "several", "types": ["phone", "locator"]}]} | policy.rules[0].types[1]: 'locator' cannot be named in a rule: a locator receives no mail (one of phone, laptop, desktop, tablet, browser)
            atLeast zero             | {"rules": [{"kind": "several", "atLeast": 0}]}            | policy.rules[0].atLeast: must be a whole number from 1 to 100, got 0
            bad zone                 | {"zone": "Mars/Olympus", "rules": []}                     | policy.zone: Unknown time-zone ID: Mars/Olympus
            bad others               | {"others": "shout", "rules": []}                          | policy.others: 'shout' is not one of nothing, hint
            bad until                | {"rules": [{"kind": "in-use", "until": "18:00"}]}         | policy.rules[0].until: must be a date-time with offset like 2026-11-26T18:00:00+01:00, got '18:00'
            bad sender               | {"rules": [{"kind": "in-use", "when": {"senders": ["boss"]}}]} | policy.rules[0].when: sender must be an address (name@domain) or a domain (@domain), got 'boss'
            bad hour                 | {"rules": [{"kind": "in-use", "when": {"hours": {"from": "9am", "to": "17:00"}}}]} | policy.rules[0].when.hours.from: must be a local time like 09:00 or 18:30, got '9am'
            bad day                  | {"rules": [{"kind": "in-use", "when": {"hours": {"days": ["monday"], "from": "09:00", "to": "17:00"}}}]} | policy.rules[0].when.hours.days[0]: 'monday' is not one of mon, tue, wed, thu, fri, sat, sun
            empty window             | {"rules": [{"kind": "in-use", "when": {"hours": {"from": "09:00", "to": "09:00"}}}]} | policy.rules[0].when.hours: time window from and to must differ, both are 09:00
            bad reporting            | {"reporting": "psychic", "rules": []}                    | policy.reporting: 'psychic' is not one of heartbeat, probe
            escalation without after | {"escalation": {"unless": "read"}, "rules": []}          | policy.escalation.after: is required
            escalation too slow      | {"escalation": {"after": "P30D"}, "rules": []}           | policy.escalation: escalation 'after' must be at most 7 days, got PT720H
            unknown rule field       | {"rules": [{"kind": "in-use", "priority": 1}]}            | policy.rules[0].priority: unknown field (expected one of atLeast, choose, device, exclude, kind, name, type, types, until, when)
            exclude not a list       | {"rules": [{"kind": "nearest", "exclude": "phone"}]}      | policy.rules[0].exclude: must be an array, got "phone"
            exclude a misspelt type  | {"rules": [{"kind": "nearest", "exclude": ["fone"]}]}     | policy.rules[0].exclude[0]: 'fone' is not one of phone, laptop, desktop, tablet, browser
            exclude a locator        | {"rules": [{"kind": "nearest", "exclude": ["locator"]}]}  | policy.rules[0].exclude[0]: 'locator' cannot be named in a rule: a locator receives no mail (one of phone, laptop, desktop, tablet, browser)
            exclude everything       | {"rules": [{"kind": "nearest", "exclude": ["phone", "laptop", "desktop", "tablet", "browser"]}]} | policy.rules[0].exclude: nearest: excluding every type that receives mail leaves nothing to pick
            exclude on another kind  | {"rules": [{"kind": "in-use", "exclude": ["phone"]}]}     | policy.rules[0].exclude: does not belong to a rule of kind 'in-use'
            """)
    void anInvalidPolicyIsRefusedNamingTheFieldAndValue(String title, String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(InvalidInputException.class).hasMessage(message);
    }

    @Test
    void tooManyRulesAreRefused() {
        String rules = String.join(",", java.util.Collections.nCopies(51, "{\"kind\": \"in-use\"}"));

        assertThatThrownBy(() -> read("{\"rules\": [" + rules + "]}"))
                .hasMessage("policy: a policy has at most 50 rules, got 51");
    }
}
