package org.mailpush.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailpush.device.DeviceType.PHONE;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailpush.device.DeviceId;
import org.mailpush.mail.StoredMail;
import org.mailpush.push.OutboxEntry;
import org.mailpush.push.Payload;
import org.mailpush.user.UserId;

/**
 * A terminal gets its mail in the order the server accepted it: a mail accepted later never gets a
 * lower sequence number, even when the earlier one's routing is slow (a probe round, a slow store).
 * Another user's mail is not held up by it.
 */
class LinkOrderIT {
    private final LinkFixture fixture = new LinkFixture();
    private final UserId alice = fixture.user("alice");
    private final UserId bob = fixture.user("bob");

    @AfterEach
    void close() {
        fixture.heldKeep.countDown();
        fixture.close();
    }

    @Test
    void aMailAcceptedLaterIsNeverNumberedBeforeOneAcceptedEarlier() throws Exception {
        fixture.device(alice, "phone", PHONE);
        fixture.device(bob, "bobs-phone", PHONE);
        fixture.holdKeepOf = "first";

        StoredMail first = fixture.mail(alice, "first");
        StoredMail second = fixture.mail(alice, "second");
        StoredMail bobs = fixture.mail(bob, "bob's");
        awaitQueued(new DeviceId("bobs-phone"));
        // Give the second mail its chance to overtake, bounded: before the fix it is kept at once.
        fixture.heldKeep.await(500, TimeUnit.MILLISECONDS);
        assertThat(fixture.keeps).as("the second mail waits for the first").doesNotContain("second");
        fixture.heldKeep.countDown();
        awaitQueued(new DeviceId("phone"), 2);

        List<OutboxEntry> entries = fixture.stores.outbox().unacknowledged(new DeviceId("phone"));
        assertThat(entries).extracting(e -> ((Payload.Full) e.payload()).mail()).containsExactly(first.id(), second.id());
        assertThat(entries).extracting(OutboxEntry::seq).containsExactly(1L, 2L);
        assertThat(bobs.id()).isNotNull();
    }

    @Test
    void aUsersMailsWaitingForRoutingAreBoundedAndTheRestFollowInOrderFromTheStore() {
        try (var bounded = new LinkFixture(LinkSettings.DEFAULTS.withMaxRoutingQueue(3))) {
            UserId carol = bounded.user("carol");
            bounded.device(carol, "carols-phone", PHONE);
            bounded.holdKeepOf = "m0";
            List<StoredMail> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sent.add(bounded.mail(carol, "m" + i));
            }

            assertThat(bounded.link.waitingForRouting()).as("link.max-routing-queue").isEqualTo(3);
            bounded.heldKeep.countDown();
            DeviceId phone = new DeviceId("carols-phone");
            awaitQueued(bounded, phone, 3);
            awaitRouted(bounded);
            StoredMail later = bounded.mail(carol, "m6");
            sent.add(later);
            assertThat(bounded.link.waitingForRouting()).as("behind the ones left in the store").isZero();

            // The retry sweep, which runs every 30 s, takes up what was left, oldest first, three at a time.
            for (int sweep = 0; sweep < 5 && bounded.stores.outbox().unacknowledged(phone).size() < sent.size(); sweep++) {
                bounded.link.retryPending();
                awaitRouted(bounded);
            }
            List<OutboxEntry> entries = bounded.stores.outbox().unacknowledged(phone);
            assertThat(entries).extracting(e -> ((Payload.Full) e.payload()).mail())
                    .containsExactlyElementsOf(sent.stream().map(StoredMail::id).toList());
            assertThat(entries).extracting(OutboxEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        }
    }

    @Test
    void aBacklogLongerThanOneBatchIsRecoveredABatchAtATimeAndNewMailWaitsBehindIt() {
        try (var backlog = new LinkFixture()) {
            UserId dave = backlog.user("dave");
            backlog.device(dave, "daves-phone", PHONE);
            List<StoredMail> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 1_200; i++) {
                sent.add(backlog.stored(dave, "old " + i));
            }

            backlog.link.recover();
            assertThat(backlog.link.waitingForRouting()).as("one batch read, not the whole backlog").isLessThanOrEqualTo(1_000);
            StoredMail fresh = backlog.mail(dave, "new");
            sent.add(fresh);

            awaitQueued(backlog, new DeviceId("daves-phone"), sent.size());
            List<OutboxEntry> entries = backlog.stores.outbox().unacknowledged(new DeviceId("daves-phone"));
            assertThat(entries).extracting(e -> ((Payload.Full) e.payload()).mail())
                    .containsExactlyElementsOf(sent.stream().map(StoredMail::id).toList());
        }
    }

    private static void awaitRouted(LinkFixture fixture) {
        long deadline = System.nanoTime() + TerminalClient.PATIENCE.toNanos();
        while (fixture.link.waitingForRouting() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("routing did not finish");
            }
            Thread.onSpinWait();
        }
    }

    private static void awaitQueued(LinkFixture fixture, DeviceId device, int count) {
        long deadline = System.nanoTime() + TerminalClient.PATIENCE.toNanos();
        while (fixture.stores.outbox().unacknowledged(device).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("routing did not queue " + count + " deliveries for " + device);
            }
            Thread.onSpinWait();
        }
    }

    private void awaitQueued(DeviceId device) {
        awaitQueued(device, 1);
    }

    private void awaitQueued(DeviceId device, int count) {
        long deadline = System.nanoTime() + TerminalClient.PATIENCE.toNanos();
        while (fixture.stores.outbox().unacknowledged(device).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("routing did not queue " + count + " deliveries for " + device);
            }
            Thread.onSpinWait();
        }
    }
}
