package org.mailpush.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailpush.mail.MailId;
import org.mailpush.push.EscalationStore.Scheduled;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/**
 * What every {@link EscalationStore} does. Each test first adds the owners to {@link #users()}, as a
 * store that keeps users and their escalations together requires.
 */
public interface EscalationStoreContract {
    UserId ALICE = new UserId("alice");
    UserId BOB = new UserId("bob");
    Instant NOW = Instant.parse("2025-06-02T12:00:00Z");

    /** The store under test: empty at the start of each test, the same instance within it. */
    EscalationStore escalations();

    /** The directory the owners live in, the same instance within a test. */
    UserDirectory users();

    private void addOwners() {
        users().add(new User(ALICE, "Alice", Set.of(MailAddress.of("alice@example.com"))));
        users().add(new User(BOB, "Bob", Set.of(MailAddress.of("bob@example.com"))));
    }

    private static MailId mail(long id) {
        return new MailId(id);
    }

    @Test
    default void escalationIsDueFromItsMomentOnUntilCancelled() {
        addOwners();
        Instant due = NOW.plusSeconds(300);

        escalations().schedule(ALICE, mail(1), due);

        assertThat(escalations().dueBy(NOW)).isEmpty();
        assertThat(escalations().dueBy(due.minusNanos(1000))).isEmpty();
        assertThat(escalations().dueBy(due)).containsExactly(new Scheduled(ALICE, mail(1), due));
        assertThat(escalations().dueBy(due.plusSeconds(3600))).containsExactly(new Scheduled(ALICE, mail(1), due));
    }

    @Test
    default void dueEscalationsComeEarliestFirstThenByMail() {
        addOwners();
        escalations().schedule(ALICE, mail(3), NOW.plusSeconds(30));
        escalations().schedule(BOB, mail(9), NOW.plusSeconds(10));
        escalations().schedule(ALICE, mail(2), NOW.plusSeconds(30));
        escalations().schedule(ALICE, mail(1), NOW.plusSeconds(20));
        escalations().schedule(BOB, mail(4), NOW.plusSeconds(40));

        assertThat(escalations().dueBy(NOW.plusSeconds(30))).containsExactly(
                new Scheduled(BOB, mail(9), NOW.plusSeconds(10)),
                new Scheduled(ALICE, mail(1), NOW.plusSeconds(20)),
                new Scheduled(ALICE, mail(2), NOW.plusSeconds(30)),
                new Scheduled(ALICE, mail(3), NOW.plusSeconds(30)));
    }

    @Test
    default void schedulingAgainMovesTheEscalation() {
        addOwners();
        escalations().schedule(ALICE, mail(1), NOW.plusSeconds(60));

        escalations().schedule(ALICE, mail(1), NOW.plusSeconds(600));

        assertThat(escalations().dueBy(NOW.plusSeconds(60))).isEmpty();
        assertThat(escalations().dueBy(NOW.plusSeconds(600))).containsExactly(new Scheduled(ALICE, mail(1), NOW.plusSeconds(600)));

        escalations().schedule(ALICE, mail(1), NOW.minusSeconds(1));

        assertThat(escalations().dueBy(NOW)).containsExactly(new Scheduled(ALICE, mail(1), NOW.minusSeconds(1)));
    }

    @Test
    default void cancelledEscalationIsNoLongerDue() {
        addOwners();
        escalations().schedule(ALICE, mail(1), NOW);
        escalations().schedule(ALICE, mail(2), NOW);

        assertThat(escalations().cancel(mail(1))).isTrue();

        assertThat(escalations().dueBy(NOW)).containsExactly(new Scheduled(ALICE, mail(2), NOW));
        assertThat(escalations().cancel(mail(1))).isFalse();
    }

    @Test
    default void cancellingAMailWithoutEscalationIsFalse() {
        addOwners();

        assertThat(escalations().cancel(mail(5))).isFalse();
    }

    @Test
    default void aCancelledEscalationCanBeScheduledAgain() {
        addOwners();
        escalations().schedule(ALICE, mail(1), NOW);
        escalations().cancel(mail(1));

        escalations().schedule(ALICE, mail(1), NOW.plusSeconds(5));

        assertThat(escalations().dueBy(NOW.plusSeconds(5))).containsExactly(new Scheduled(ALICE, mail(1), NOW.plusSeconds(5)));
    }
}
