package org.mailpush.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;

/** Policies, rules and targets: defaults, names and validation. */
class PolicyTest {
    private static final Instant SIX_PM = Instant.parse("2025-03-14T18:00:00Z");

    @Test
    void rulesAreNamedAfterTheirTargetUnlessNamed() {
        assertThat(Rule.of(new Target.InUse()).name()).isEqualTo("in use");
        assertThat(Rule.of(new Target.PreferType(DeviceType.LAPTOP)).name()).isEqualTo("prefer laptop if on");
        assertThat(Rule.of(new Target.PreferDevice(new DeviceId("work-laptop"))).name())
                .isEqualTo("prefer device work-laptop if on");
        assertThat(Rule.of(new Target.Nearest()).name()).isEqualTo("nearest");
        assertThat(Rule.of(new Target.Capable(Target.Choice.NEAREST)).name()).isEqualTo("capable device, nearest");
        assertThat(Rule.of(new Target.InUse()).named("  at my desk ").name()).isEqualTo("at my desk");
        assertThat(Rule.of(new Target.InUse()).named(" ").name()).isEqualTo("in use");
    }

    @Test
    void severalDescribesItsPool() {
        assertThat(new Target.Several(Set.of(), 1).describe()).isEqualTo("all devices that are on");
        assertThat(new Target.Several(EnumSet.of(DeviceType.LAPTOP, DeviceType.PHONE), 2).describe())
                .isEqualTo("at least 2 of phone, laptop");
        assertThat(new Target.Several(Set.of(DeviceType.DESKTOP), 1).describe()).isEqualTo("desktop that are on");
    }

    @Test
    void severalWithNoTypesIncludesEveryType() {
        var all = new Target.Several(Set.of(), 2);
        var phones = new Target.Several(Set.of(DeviceType.PHONE), 2);

        assertThat(all.includes(DeviceType.TABLET)).isTrue();
        assertThat(phones.includes(DeviceType.PHONE)).isTrue();
        assertThat(phones.includes(DeviceType.TABLET)).isFalse();
    }

    @Test
    void targetsThatWouldPickLocatorsAreRejected() {
        assertThatThrownBy(() -> new Target.PreferType(DeviceType.LOCATOR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("locator");
        assertThatThrownBy(() -> new Target.Several(Set.of(DeviceType.PHONE, DeviceType.LOCATOR), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("locator");
    }

    @Test
    void nearestDescribesWhatItLeavesOut() {
        assertThat(new Target.Nearest().describe()).isEqualTo("nearest");
        assertThat(new Target.Nearest(Set.of(DeviceType.PHONE)).describe()).isEqualTo("nearest, not a phone");
        assertThat(new Target.Nearest(EnumSet.of(DeviceType.TABLET, DeviceType.PHONE, DeviceType.BROWSER)).describe())
                .isEqualTo("nearest, not a phone, tablet or browser");
        assertThat(new Target.Nearest(Set.of(DeviceType.PHONE)).excludes(DeviceType.PHONE)).isTrue();
        assertThat(new Target.Nearest(Set.of(DeviceType.PHONE)).excludes(DeviceType.LAPTOP)).isFalse();
    }

    @Test
    void nearestCannotLeaveOutLocatorsOrEveryTypeThatReceivesMail() {
        assertThatThrownBy(() -> new Target.Nearest(Set.of(DeviceType.LOCATOR)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nearest: locator devices receive no mail, there is nothing to exclude");
        assertThatThrownBy(() -> new Target.Nearest(EnumSet.of(DeviceType.PHONE, DeviceType.LAPTOP, DeviceType.DESKTOP,
                DeviceType.TABLET, DeviceType.BROWSER)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nearest: excluding every type that receives mail leaves nothing to pick");
    }

    @Test
    void severalNeedsAtLeastOne() {
        assertThatThrownBy(() -> new Target.Several(Set.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("atLeast");
    }

    @Test
    void aRuleExpiresAtItsUntil() {
        Rule laptopPrimary = Rule.of(new Target.PreferDevice(new DeviceId("laptop"))).until(SIX_PM);

        assertThat(laptopPrimary.expiredAt(SIX_PM.minusMillis(1))).isFalse();
        assertThat(laptopPrimary.expiredAt(SIX_PM)).isTrue();
        assertThat(laptopPrimary.expiredAt(SIX_PM.plusSeconds(1))).isTrue();
        assertThat(Rule.of(new Target.InUse()).expiredAt(Instant.MAX)).isFalse();
    }

    @Test
    void ruleNamesAreAtMost100Characters() {
        assertThat(Rule.of(new Target.InUse()).named("n".repeat(100)).name()).hasSize(100);
        assertThatThrownBy(() -> Rule.of(new Target.InUse()).named("n".repeat(101)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule name");
    }

    @Test
    void policiesDefaultToUtcAndNoHints() {
        Policy policy = Policy.of(Rule.of(new Target.InUse()));

        assertThat(policy.zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(policy.others()).isEqualTo(Policy.Others.NOTHING);
        assertThat(policy.withOthers(Policy.Others.HINT).others()).isEqualTo(Policy.Others.HINT);
        assertThat(policy.withZone(ZoneId.of("Asia/Tokyo")).rules()).isEqualTo(policy.rules());
        assertThat(Policy.FAIL_OPEN_ONLY.rules()).isEmpty();
    }

    @Test
    void atMostFiftyRules() {
        List<Rule> fifty = Collections.nCopies(Policy.MAX_RULES, Rule.of(new Target.InUse()));
        List<Rule> fiftyOne = Collections.nCopies(Policy.MAX_RULES + 1, Rule.of(new Target.InUse()));

        assertThat(new Policy(ZoneOffset.UTC, fifty, Policy.Others.NOTHING).rules()).hasSize(50);
        assertThatThrownBy(() -> new Policy(ZoneOffset.UTC, fiftyOne, Policy.Others.NOTHING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 50 rules");
    }

    @Test
    void ruleWithersKeepTheOtherParts() {
        var condition = new Condition(Set.of("@example.com"), Optional.empty(), Optional.empty());
        Rule rule = Rule.of(new Target.Nearest()).named("closest").when(condition).until(SIX_PM);

        assertThat(rule).isEqualTo(new Rule("closest", new Target.Nearest(), condition, Optional.of(SIX_PM)));
    }
}
