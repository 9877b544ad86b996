package org.mailpush.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailId;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.MailSummary;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.Origin;
import org.mailpush.mail.StoredMail;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/**
 * What every {@link RoutingClaims} does, with nodes A and B claiming the pending jobs of mails stored
 * in {@link #mails()}. Each test first adds the users Cleo and Dan.
 */
public interface RoutingClaimsContract {
    UserId CLEO = new UserId("cleo");
    UserId DAN = new UserId("dan");
    NodeId A = new NodeId("node-a");
    NodeId B = new NodeId("node-b");
    Instant T = Instant.parse("2025-06-02T12:00:00Z");
    Instant LEASE_END = T.plusSeconds(30);
    /** Mails are received at T: unclaimed, they may be claimed by any node from here on. */
    Instant SEASONED = T.plusMillis(1);

    /** The claims under test, over the jobs of {@link #mails()}. */
    RoutingClaims claims();

    /**
     * Claims as a second process on the same store sees them; by default {@link #claims()}. A store
     * other processes share (a database) gives one of its own here, so that the tests race two of them.
     */
    default RoutingClaims otherProcess() {
        return claims();
    }

    MailStore mails();

    UserDirectory users();

    private List<StoredMail> store(int count) {
        if (users().find(CLEO).isEmpty()) {
            users().add(new User(CLEO, "Cleo", Set.of(MailAddress.of("cleo@example.com"))));
            users().add(new User(DAN, "Dan", Set.of(MailAddress.of("dan@example.com"))));
        }
        List<StoredMail> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UserId owner = i % 2 == 0 ? CLEO : DAN;
            var summary = new MailSummary("carol@example.net", "mail " + i, 20, 0, List.of(), Importance.NORMAL, "");
            byte[] raw = ("Subject: mail " + i + "\r\n\r\nHello\r\n").getBytes(StandardCharsets.US_ASCII);
            stored.addAll(mails().append(new NewMail(List.of(owner), "carol@example.net", raw, summary, T, new Origin.Smtp("192.0.2.1",
                    "mx.example.net"))));
        }
        return stored;
    }

    @Test
    default void aNodeClaimsTheOldestJobsAndAnotherNodeTheRest() {
        List<StoredMail> stored = store(5);

        assertThat(claims().claim(A, 3, SEASONED, T, LEASE_END)).containsExactlyElementsOf(stored.subList(0, 3));
        assertThat(otherProcess().claim(B, 10, SEASONED, T, LEASE_END)).containsExactlyElementsOf(stored.subList(3, 5));
        assertThat(claims().claim(A, 10, SEASONED, T.plusSeconds(1), LEASE_END)).as("its own claims, again").containsExactlyElementsOf(stored.subList(0, 3));
    }

    @Test
    default void aNewMailNeverClaimedIsLeftToTheNodeThatStoredItForAWhile() {
        StoredMail mail = store(1).getFirst();

        assertThat(claims().claim(A, 10, T, T, LEASE_END)).as("received at T, not before it").isEmpty();
        assertThat(claims().claim(B, CLEO, mail.id(), T, LEASE_END)).as("its own node claims it at once").isTrue();
        assertThat(otherProcess().claim(A, 10, T, LEASE_END.plusSeconds(1), LEASE_END.plusSeconds(30))).as("once claimed, past the lease")
                .containsExactly(mail);
    }

    @Test
    default void aClaimPastItsLeaseIsClaimedAgainByAnotherNode() {
        List<StoredMail> stored = store(2);
        claims().claim(A, 10, SEASONED, T, LEASE_END);

        assertThat(otherProcess().claim(B, 10, SEASONED, LEASE_END.minusMillis(1), LEASE_END.plusSeconds(30))).as("within A's lease").isEmpty();
        assertThat(otherProcess().claim(B, 10, SEASONED, LEASE_END.plusMillis(1), LEASE_END.plusSeconds(30))).as("past it")
                .containsExactlyElementsOf(stored);
        assertThat(claims().claim(A, 10, SEASONED, LEASE_END.plusSeconds(2), LEASE_END.plusSeconds(60))).as("A, now that B holds them").isEmpty();
    }

    @Test
    default void releasedClaimsAreClaimedAtOnce() {
        List<StoredMail> stored = store(2);
        claims().claim(A, 10, SEASONED, T, LEASE_END);
        claims().claim(B, DAN, stored.get(1).id(), T, LEASE_END);

        claims().release(A);

        assertThat(otherProcess().claim(B, 10, SEASONED, T.plusSeconds(1), LEASE_END)).containsExactlyElementsOf(stored);
    }

    @Test
    default void oneMailIsClaimedByOneNodeWhileItsLeaseLasts() {
        StoredMail mail = store(1).getFirst();

        assertThat(claims().claim(A, CLEO, mail.id(), T, LEASE_END)).isTrue();
        assertThat(otherProcess().claim(B, CLEO, mail.id(), T.plusSeconds(1), LEASE_END)).isFalse();
        assertThat(claims().claim(A, CLEO, mail.id(), T.plusSeconds(1), LEASE_END.plusSeconds(1))).as("renewed by its holder").isTrue();
        assertThat(otherProcess().claim(B, CLEO, mail.id(), LEASE_END.plusSeconds(2), LEASE_END.plusSeconds(60))).as("past the lease").isTrue();
        assertThat(otherProcess().claim(B, 10, SEASONED, LEASE_END.plusSeconds(3), LEASE_END.plusSeconds(60))).containsExactly(mail);
    }

    @Test
    default void aRoutedMailOrAnotherUsersMailIsNotClaimed() {
        List<StoredMail> stored = store(2);
        mails().routed(CLEO, stored.getFirst().id());

        assertThat(claims().claim(A, CLEO, stored.getFirst().id(), T, LEASE_END)).as("routed").isFalse();
        assertThat(claims().claim(A, CLEO, stored.get(1).id(), T, LEASE_END)).as("Dan's").isFalse();
        assertThat(claims().claim(A, CLEO, new MailId(999_999), T, LEASE_END)).as("unknown").isFalse();
        assertThat(claims().claim(A, 10, SEASONED, T, LEASE_END)).containsExactly(stored.get(1));
    }

    /** Four nodes claim, route (end the job) and claim again until nothing is left: every job is claimed exactly once. */
    @Test
    default void nodesClaimingAtOnceEachGetOtherJobs() throws Exception {
        List<StoredMail> stored = store(60);
        ConcurrentLinkedQueue<MailId> claimed = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> nodes = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            for (int n = 0; n < 4; n++) {
                NodeId node = new NodeId("node-" + n);
                RoutingClaims claims = n % 2 == 0 ? claims() : otherProcess();
                nodes.add(threads.submit(() -> {
                    start.await();
                    for (List<StoredMail> batch = claims.claim(node, 4, SEASONED, T, LEASE_END); !batch.isEmpty();
                            batch = claims.claim(node, 4, SEASONED, T, LEASE_END)) {
                        for (StoredMail mail : batch) {
                            claimed.add(mail.id());
                            mails().routed(mail.owner(), mail.id());
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> node : nodes) {
                node.get();
            }
        }

        assertThat(claimed).containsExactlyInAnyOrderElementsOf(stored.stream().map(StoredMail::id).toList());
    }
}
