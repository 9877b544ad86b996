package org.mailpush.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.mail.MailId;
import org.mailpush.presence.UsageState;
import org.mailpush.route.Decision;
import org.mailpush.route.PushAction;
import org.mailpush.route.PushPlan;
import org.mailpush.route.PushTarget;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/**
 * What every {@link PlanStore} does. Each test first adds the plans' users to {@link #users()}, as a
 * store that keeps users and their plans together requires.
 */
public interface PlanStoreContract {
    UserId ALICE = new UserId("alice");
    UserId BOB = new UserId("bob");
    MailId MAIL = new MailId(7);
    Instant DECIDED = Instant.parse("2025-06-02T12:00:00Z");

    /** The store under test: empty at the start of each test, the same instance within it. */
    PlanStore plans();

    /** The directory the plans' users live in, the same instance within a test. */
    UserDirectory users();

    private void addUsers() {
        users().add(new User(ALICE, "Alice", Set.of(MailAddress.of("alice@example.com"))));
        users().add(new User(BOB, "Bob", Set.of(MailAddress.of("bob@example.com"))));
    }

    /** A plan that puts the mail on {@code full} and a hint on the colour phone. */
    private static PushPlan plan(UserId user, String full) {
        var target = new PushTarget(new DeviceId(full), full, PushAction.FULL, Optional.of(DeviceAddress.parse("tel:+4915100000003")),
                UsageState.IN_USE, full + ": input 12 s ago; rule 1 'in use'", List.of());
        var hint = new PushTarget(new DeviceId("colour"), "colour phone ✓", PushAction.HINT, Optional.of(new DeviceAddress.Link()),
                UsageState.IDLE, "colour phone: hint", List.of(new DeviceId(full)));
        var none = new PushTarget(new DeviceId("laptop"), "laptop", PushAction.NONE, Optional.empty(), UsageState.ASLEEP,
                "laptop: asleep", List.of());
        return new PushPlan(user, new Decision.ByRule(1, "in use"), List.of(target, hint, none),
                List.of("rule 1 'in use': picked " + full));
    }

    @Test
    default void savedPlanReadsBackWithItsMoment() {
        addUsers();
        PushPlan plan = plan(ALICE, "desktop");

        plans().save(MAIL, plan, DECIDED);

        var decided = new PlanStore.Decided(MAIL, plan, DECIDED);
        assertThat(plans().plansOf(ALICE, MAIL)).containsExactly(decided);
        assertThat(plans().firstPlan(ALICE, MAIL)).contains(decided);
    }

    @Test
    default void everyDecisionKindIsKept() {
        addUsers();
        List<PushPlan> kinds = List.of(
                new PushPlan(ALICE, new Decision.FailOpen(), plan(ALICE, "a").targets(), List.of("rule 1 'in use': nothing in use")),
                new PushPlan(ALICE, new Decision.NoReceiver(), List.of(), List.of()),
                plan(ALICE, "b"));

        for (int i = 0; i < kinds.size(); i++) {
            plans().save(new MailId(100 + i), kinds.get(i), DECIDED);
        }

        for (int i = 0; i < kinds.size(); i++) {
            assertThat(plans().firstPlan(ALICE, new MailId(100 + i))).map(PlanStore.Decided::plan).contains(kinds.get(i));
        }
    }

    @Test
    default void laterPlansOfAMailAreKeptBesideTheFirstOldestFirst() {
        addUsers();
        PushPlan first = plan(ALICE, "desktop");
        PushPlan escalated = plan(ALICE, "phone");
        PushPlan again = plan(ALICE, "tablet");

        plans().save(MAIL, first, DECIDED);
        plans().save(MAIL, escalated, DECIDED.plusSeconds(300));
        plans().save(MAIL, again, DECIDED.plusSeconds(300));

        assertThat(plans().plansOf(ALICE, MAIL)).containsExactly(
                new PlanStore.Decided(MAIL, first, DECIDED),
                new PlanStore.Decided(MAIL, escalated, DECIDED.plusSeconds(300)),
                new PlanStore.Decided(MAIL, again, DECIDED.plusSeconds(300)));
        assertThat(plans().firstPlan(ALICE, MAIL)).map(PlanStore.Decided::plan).contains(first);
    }

    @Test
    default void plansAreKeptPerMail() {
        addUsers();
        plans().save(MAIL, plan(ALICE, "desktop"), DECIDED);
        plans().save(new MailId(8), plan(ALICE, "phone"), DECIDED);

        assertThat(plans().plansOf(ALICE, MAIL)).extracting(PlanStore.Decided::plan).containsExactly(plan(ALICE, "desktop"));
        assertThat(plans().plansOf(ALICE, new MailId(8))).extracting(PlanStore.Decided::plan).containsExactly(plan(ALICE, "phone"));
    }

    @Test
    default void mailWithoutAPlanHasNone() {
        addUsers();

        assertThat(plans().plansOf(ALICE, MAIL)).isEmpty();
        assertThat(plans().firstPlan(ALICE, MAIL)).isEmpty();
    }

    @Test
    default void anotherUsersPlansCannotBeReadByTheMailId() {
        addUsers();
        plans().save(MAIL, plan(ALICE, "desktop"), DECIDED);

        assertThat(plans().plansOf(BOB, MAIL)).isEmpty();
        assertThat(plans().firstPlan(BOB, MAIL)).isEmpty();
        assertThat(plans().plansOf(ALICE, MAIL)).hasSize(1);
    }
}
