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
