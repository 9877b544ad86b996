package org.mailpush.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.mailpush.mail.MailUsage;
import org.mailpush.mail.Quota;
import org.mailpush.user.MailAddress;
import org.mailpush.user.UserId;

class QuotasTest {
    private static final UserId ALICE = new UserId("alice");
    private static final Envelope TO_ALICE = new Envelope("carol@example.org",
            List.of(new RecipientCheck.Verdict.Local(ALICE, MailAddress.of("alice@example.test"))));

    private final AtomicLong storedBytes = new AtomicLong();
    private final AtomicLong storedMails = new AtomicLong();
    private final Quotas quotas = new Quotas(owner -> new MailUsage.Usage(storedMails.get(), storedBytes.get()),
            new Quota(0, 10_000));

    @Test
    void manySessionsSettlingAtOnceNeverTakeTheMailboxOverItsBytes() throws Exception {
        var start = new CountDownLatch(1);
        var accepted = new AtomicInteger();
        List<Thread> sessions = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            sessions.add(Thread.ofPlatform().start(() -> {
                Quotas.Holds holds = quotas.holds();
                try {
                    start.await();
                    if (holds.admit(ALICE, 0, "alice@example.test").isEmpty()
                            && holds.settle(TO_ALICE, 1_500).isEmpty()) {
                        // stored: the store counts it before the room held is given back
                        storedBytes.addAndGet(1_500);
                        storedMails.incrementAndGet();
                        accepted.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    holds.release();
                }
            }));
        }
        start.countDown();
        for (Thread session : sessions) {
            session.join();
        }

        assertThat(accepted).hasValue(6);
        assertThat(storedBytes.get()).isLessThanOrEqualTo(10_000);
        assertThat(quotas.held(ALICE)).as("all given back").isEqualTo(new MailUsage.Usage(0, 0));
    }

    @Test
    void aDeclaredSizeIsHeldFromRcptAndTheRealSizeFromTheEndOfData() {
        Quotas.Holds first = quotas.holds();
        assertThat(first.admit(ALICE, 6_000, "alice@example.test")).isEmpty();
        assertThat(quotas.held(ALICE)).isEqualTo(new MailUsage.Usage(1, 6_000));
        assertThat(quotas.holds().admit(ALICE, 5_000, "alice@example.test")).get().extracting(Reply::code).isEqualTo(452);

        assertThat(first.settle(TO_ALICE, 3_000)).isEmpty();
        assertThat(quotas.held(ALICE)).isEqualTo(new MailUsage.Usage(1, 3_000));
        Quotas.Holds second = quotas.holds();
        assertThat(second.admit(ALICE, 5_000, "alice@example.test")).isEmpty();
        assertThat(second.settle(TO_ALICE, 8_000)).get().extracting(Reply::code, Reply::status).containsExactly(452, "4.2.2");

        first.release();
        second.release();
        assertThat(quotas.held(ALICE)).isEqualTo(new MailUsage.Usage(0, 0));
    }
}
