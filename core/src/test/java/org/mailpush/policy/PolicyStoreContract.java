package org.mailpush.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.mail.Importance;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/**
 * What every {@link PolicyStore} does. Each test first adds the policies' users to {@link #users()},
 * as a store that keeps users and their policies together requires.
 */
public interface PolicyStoreContract {
    UserId ALICE = new UserId("alice");
    UserId BOB = new UserId("bob");

    /** The store under test: empty at the start of each test, the same instance within it. */
    PolicyStore policies();

    /** The directory of the policies' users, the same instance within a test. */
    UserDirectory users();

    private void addUsers() {
        users().add(new User(ALICE, "Alice", Set.of(MailAddress.of("alice@example.com"))));
        users().add(new User(BOB, "Bob", Set.of(MailAddress.of("bob@example.com"))));
    }

    /** A policy with every kind of rule, condition and expiry. */
    private static Policy everything() {
        var vip = new Condition(Set.of("boss@example.com", "@board.example.com"), Optional.of(Importance.HIGH), Optional.empty());
        var evenings = new Condition(Set.of(), Optional.empty(),
                Optional.of(new TimeWindow(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), LocalTime.of(22, 30), LocalTime.of(6, 0))));
        var rules = List.of(
                Rule.of(new Target.PreferDevice(new DeviceId("laptop-1"))).until(Instant.parse("2025-06-02T18:00:00.123456Z")),
                Rule.of(new Target.Several(Set.of(DeviceType.PHONE, DeviceType.LAPTOP), 2)).named("VIPs everywhere").when(vip),
                Rule.of(new Target.Capable(Target.Choice.NEAREST)),
                Rule.of(new Target.Nearest()).when(evenings),
                Rule.of(new Target.PreferType(DeviceType.DESKTOP)),
                Rule.of(new Target.Several(Set.of(), 1)),
                Rule.of(new Target.InUse()));
        return new Policy(ZoneId.of("Europe/Berlin"), rules, Policy.Others.HINT);
    }

    @Test
    default void userWithoutAPolicyHasNone() {
        addUsers();

        assertThat(policies().policyOf(ALICE)).isEmpty();
    }

    @Test
    default void savedPolicyIsReadBackEqual() {
        addUsers();

        policies().save(ALICE, everything());

        assertThat(policies().policyOf(ALICE)).contains(everything());
    }

    @Test
    default void policyWithoutRulesIsKept() {
        addUsers();

        policies().save(ALICE, Policy.FAIL_OPEN_ONLY);

        assertThat(policies().policyOf(ALICE)).contains(Policy.FAIL_OPEN_ONLY);
    }

    @Test
    default void savingAgainReplacesThePolicy() {
        addUsers();
        policies().save(ALICE, everything());
        var simpler = Policy.of(Rule.of(new Target.InUse()));

        policies().save(ALICE, simpler);

        assertThat(policies().policyOf(ALICE)).contains(simpler);
    }

    @Test
    default void eachUserHasTheirOwnPolicy() {
        addUsers();
        var nearest = Policy.of(Rule.of(new Target.Nearest()));

        policies().save(ALICE, everything());
        policies().save(BOB, nearest);

        assertThat(policies().policyOf(ALICE)).contains(everything());
        assertThat(policies().policyOf(BOB)).contains(nearest);
    }
}
