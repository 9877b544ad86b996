package org.mailpush.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.mailpush.device.Capabilities;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.DeviceType;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailId;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.MailSummary;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.Origin;
import org.mailpush.mail.StoredMail;
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
 * What every {@link RoutingStore} does, read back through the stores it writes to. Each test adds a
 * user with a phone and a laptop and stores a mail for them, pending routing.
 */
public interface RoutingStoreContract {
    UserId ROUTED_USER = new UserId("rita");
    UserId OTHER_USER = new UserId("otto");
    DeviceId RITAS_PHONE = new DeviceId("rita-phone");
    DeviceId RITAS_LAPTOP = new DeviceId("rita-laptop");
    Instant ROUTED_AT = Instant.parse("2025-06-02T12:00:00Z");

    /** The store under test, writing to the stores below: the same instances within a test. */
    RoutingStore routings();

    MailStore mails();

    PlanStore plans();

    Outbox outbox();

    EscalationStore escalations();

    DeviceRegistry devices();

    UserDirectory users();

    private StoredMail pendingMail() {
        users().add(new User(ROUTED_USER, "Rita", Set.of(MailAddress.of("rita@example.com"))));
        users().add(new User(OTHER_USER, "Otto", Set.of(MailAddress.of("otto@example.com"))));
        for (DeviceId id : List.of(RITAS_PHONE, RITAS_LAPTOP)) {
            devices().save(new Device(id, ROUTED_USER, id.value(), DeviceType.PHONE, Capabilities.FULL, List.of(new DeviceAddress.Link())));
        }
        var summary = new MailSummary("carol@example.net", "routed", 20, 0, List.of(), Importance.NORMAL, "");
        byte[] raw = "Subject: routed\r\n\r\nHello\r\n".getBytes(StandardCharsets.US_ASCII);
        return mails().append(new NewMail(List.of(ROUTED_USER), "carol@example.net", raw, summary, ROUTED_AT,
                new Origin.Smtp("192.0.2.1", "mx.example.net"))).getFirst();
    }

    /** The phone gets the mail, the laptop a hint. */
    private static PushPlan phoneWithHintOnLaptop(UserId user) {
        var phone = new PushTarget(RITAS_PHONE, "phone", PushAction.FULL, Optional.of(new DeviceAddress.Link()), UsageState.IN_USE,
                "phone: in use; rule 1 'in use'", List.of());
        var laptop = new PushTarget(RITAS_LAPTOP, "laptop", PushAction.HINT, Optional.of(new DeviceAddress.Link()), UsageState.IDLE,
                "laptop: idle; a hint", List.of(RITAS_PHONE));
        return new PushPlan(user, new Decision.ByRule(1, "in use"), List.of(phone, laptop), List.of("rule 1 'in use': picked phone"));
    }

    private static RoutingStore.Routed routed(MailId mail, Optional<Instant> escalation) {
        return new RoutingStore.Routed(ROUTED_USER, mail, phoneWithHintOnLaptop(ROUTED_USER), List.of(
                new OutboxEntry.Addressed(RITAS_PHONE, new Payload.Full(mail)),
                new OutboxEntry.Addressed(RITAS_LAPTOP, new Payload.Hint(mail, List.of(RITAS_PHONE)))), escalation, ROUTED_AT);
    }

    @Test
    default void keepingAMailsRoutingKeepsPlanDeliveriesAndEscalationAndEndsItsJob() {
        StoredMail mail = pendingMail();
        Instant due = ROUTED_AT.plusSeconds(300);

        Optional<List<OutboxEntry>> entries = routings().keep(routed(mail.id(), Optional.of(due)));

        assertThat(entries).hasValueSatisfying(kept -> assertThat(kept)
                .extracting(OutboxEntry::device, OutboxEntry::seq, OutboxEntry::payload)
                .containsExactly(
                        tuple(RITAS_PHONE, 1L, new Payload.Full(mail.id())),
                        tuple(RITAS_LAPTOP, 1L, new Payload.Hint(mail.id(), List.of(RITAS_PHONE)))));
        assertThat(outbox().ofMail(mail.id())).containsExactlyInAnyOrderElementsOf(entries.get());
        assertThat(plans().plansOf(ROUTED_USER, mail.id()))
                .containsExactly(new PlanStore.Decided(mail.id(), phoneWithHintOnLaptop(ROUTED_USER), ROUTED_AT));
        assertThat(escalations().dueBy(due)).containsExactly(new EscalationStore.Scheduled(ROUTED_USER, mail.id(), due));
        assertThat(mails().pendingRouting(10)).isEmpty();
    }

    @Test
    default void withoutAnEscalationNoneIsScheduled() {
        StoredMail mail = pendingMail();

        assertThat(routings().keep(routed(mail.id(), Optional.empty()))).isPresent();

        assertThat(escalations().dueBy(ROUTED_AT.plusSeconds(365 * 86_400L))).isEmpty();
    }

    @Test
    default void aMailRoutedAlreadyKeepsNothingMore() {
        StoredMail mail = pendingMail();
        routings().keep(routed(mail.id(), Optional.empty()));

        assertThat(routings().keep(routed(mail.id(), Optional.empty()))).isEmpty();

        assertThat(plans().plansOf(ROUTED_USER, mail.id())).hasSize(1);
        assertThat(outbox().ofMail(mail.id())).hasSize(2);
    }

    @Test
    default void anotherUsersMailKeepsNothingAndStaysPending() {
        StoredMail ritas = pendingMail();
        var foreign = new RoutingStore.Routed(OTHER_USER, ritas.id(), new PushPlan(OTHER_USER, new Decision.NoReceiver(), List.of(),
                List.of()), List.of(new OutboxEntry.Addressed(RITAS_PHONE, new Payload.Full(ritas.id()))), Optional.empty(), ROUTED_AT);

        assertThat(routings().keep(foreign)).isEmpty();

        assertThat(outbox().ofMail(ritas.id())).isEmpty();
        assertThat(plans().plansOf(OTHER_USER, ritas.id())).isEmpty();
        assertThat(mails().pendingRouting(10)).containsExactly(ritas);
    }

    @Test
    default void ofConcurrentKeepsOfOneMailExactlyOneKeepsIt() throws Exception {
        StoredMail mail = pendingMail();
        int keepers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(keepers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<List<OutboxEntry>>>> results = new ArrayList<>();
            for (int i = 0; i < keepers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return routings().keep(routed(mail.id(), Optional.empty()));
                }));
            }
            start.countDown();
            int kept = 0;
            for (var result : results) {
                kept += result.get().isPresent() ? 1 : 0;
            }
            assertThat(kept).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(plans().plansOf(ROUTED_USER, mail.id())).hasSize(1);
        assertThat(outbox().unacknowledged(RITAS_PHONE)).extracting(OutboxEntry::seq).containsExactly(1L);
    }

    @Test
    default void aPlanForSomeoneElseIsRefused() {
        assertThatThrownBy(() -> new RoutingStore.Routed(ROUTED_USER, new MailId(1), phoneWithHintOnLaptop(OTHER_USER), List.of(),
                Optional.empty(), ROUTED_AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("otto");
    }
}
