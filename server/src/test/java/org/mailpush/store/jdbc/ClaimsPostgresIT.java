package org.mailpush.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailpush.cluster.RoutingClaims;
import org.mailpush.cluster.RoutingClaimsContract;
import org.mailpush.device.Capabilities;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.MailSummary;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.Origin;
import org.mailpush.mail.StoredMail;
import org.mailpush.push.OutboxEntry;
import org.mailpush.push.Payload;
import org.mailpush.push.RoutingStore;
import org.mailpush.route.Decision;
import org.mailpush.route.PushPlan;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;

/**
 * The routing claims on PostgreSQL, as the nodes of a cluster use them: two stores on one schema, as
 * two processes would open it, race for the same jobs ({@link RoutingClaimsContract#otherProcess}).
 * Fails, rather than skips, when PostgreSQL cannot be reached ({@link TestPostgres}).
 */
class ClaimsPostgresIT implements RoutingClaimsContract {
    private TestPostgres postgres;
    private Database first;
    private Database second;

    @BeforeEach
    void open() {
        postgres = new TestPostgres();
        first = Database.open(postgres.database(4), JdbcStoreContract.KEY);
        second = Database.open(postgres.database(4), JdbcStoreContract.KEY);
    }

    @AfterEach
    void close() {
        second.close();
        first.close();
        postgres.close();
    }

    @Override
    public RoutingClaims claims() {
        return first.routingClaims();
    }

    @Override
    public RoutingClaims otherProcess() {
        return second.routingClaims();
    }

    @Override
    public MailStore mails() {
        return first.mails();
    }

    @Override
    public UserDirectory users() {
        return first.users();
    }

    /**
     * Node A paused past its lease while routing; node B claimed the job again and routed it too. Both keep
     * their plan at once: one is kept, with its deliveries, and the other keeps nothing, so the terminal
     * gets the mail once.
     */
    @Test
    void twoNodesKeepingOneMailsPlanAtOnceKeepItOnce() throws Exception {
        users().add(new User(CLEO, "Cleo", Set.of(MailAddress.of("cleo@example.com"))));
        DeviceId phone = new DeviceId("cleo-phone");
        first.devices().save(new Device(phone, CLEO, "phone", DeviceType.PHONE, Capabilities.FULL, List.of(new DeviceAddress.Link())));
        for (int round = 0; round < 20; round++) {
            var summary = new MailSummary("carol@example.net", "round " + round, 20, 0, List.of(), Importance.NORMAL, "");
            StoredMail mail = mails().append(new NewMail(List.of(CLEO), "carol@example.net",
                    ("Subject: round " + round + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), summary, T,
                    new Origin.Smtp("192.0.2.1", "mx.example.net"))).getFirst();
            assertThat(claims().claim(A, CLEO, mail.id(), T, LEASE_END)).isTrue();
            Instant late = LEASE_END.plusSeconds(1);
            assertThat(otherProcess().claim(B, CLEO, mail.id(), late, late.plusSeconds(30))).isTrue();
            var routed = new RoutingStore.Routed(CLEO, mail.id(), new PushPlan(CLEO, new Decision.FailOpen(), List.of(), List.of()),
                    List.of(new OutboxEntry.Addressed(phone, new Payload.Full(mail.id()))), Optional.empty(), late);

            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<List<OutboxEntry>>>> keeps = new ArrayList<>();
            try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
                for (Database node : List.of(first, second)) {
                    keeps.add(nodes.submit(() -> {
                        start.await();
                        return node.routings().keep(routed);
                    }));
                }
                start.countDown();
                int kept = 0;
                for (var keep : keeps) {
                    kept += keep.get().isPresent() ? 1 : 0;
                }
                assertThat(kept).as("round %d", round).isEqualTo(1);
            }
            assertThat(first.outbox().ofMail(mail.id())).hasSize(1);
        }
    }
}
