package org.mailpush.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.mailpush.cluster.TerminalDirectory.Lease;
import org.mailpush.device.DeviceId;

/** What every {@link TerminalDirectory} does, with nodes A, B and C holding the terminals of one user. */
public interface TerminalDirectoryContract {
    NodeId A = new NodeId("node-a");
    NodeId B = new NodeId("node-b");
    NodeId C = new NodeId("node-c");
    DeviceId PHONE = new DeviceId("eve-phone");
    DeviceId LAPTOP = new DeviceId("eve-laptop");
    DeviceId DESK = new DeviceId("eve-desk");
    Instant T = Instant.parse("2025-06-02T12:00:00Z");
    Instant LEASE_END = T.plusSeconds(15);

    /** The directory under test, empty at the start of each test. */
    TerminalDirectory directory();

    /** The directory as a second process on the same store sees it; by default {@link #directory()}. */
    default TerminalDirectory otherProcess() {
        return directory();
    }

    @Test
    default void aHeldTerminalHasItsHolderUntilTheLeaseEnds() {
        directory().hold(A, PHONE, LEASE_END);

        assertThat(otherProcess().holder(PHONE, T)).contains(A);
        assertThat(otherProcess().holder(PHONE, LEASE_END.minusMillis(1))).contains(A);
        assertThat(otherProcess().holder(PHONE, LEASE_END)).isEmpty();
        assertThat(otherProcess().holder(LAPTOP, T)).isEmpty();
        assertThat(otherProcess().leases(List.of(PHONE, LAPTOP))).isEqualTo(Map.of(PHONE, new Lease(A, LEASE_END)));
    }

    @Test
    default void aTerminalThatConnectsToAnotherNodeIsTakenOverAndTheFormerHolderNoLongerTouchesIt() {
        directory().hold(A, PHONE, LEASE_END);
        otherProcess().hold(B, PHONE, LEASE_END.plusSeconds(5));

        directory().release(A, PHONE, T.plusSeconds(1));
        directory().renew(A, T.plusSeconds(1), LEASE_END.plusSeconds(60));

        assertThat(directory().holder(PHONE, LEASE_END.plusSeconds(4))).contains(B);
        assertThat(directory().holder(PHONE, LEASE_END.plusSeconds(5))).as("not renewed by A").isEmpty();
    }

    @Test
    default void renewingExtendsTheLeasesTheNodeHoldsOnly() {
        directory().hold(A, PHONE, LEASE_END);
        directory().hold(A, LAPTOP, LEASE_END);
        directory().hold(A, DESK, T.plusSeconds(5));
        otherProcess().hold(B, new DeviceId("bob-phone"), LEASE_END);

        assertThat(directory().renew(A, T.plusSeconds(10), LEASE_END.plusSeconds(10))).as("not the desk, whose lease ended").isEqualTo(2);

        assertThat(otherProcess().leases(List.of(PHONE, LAPTOP, DESK))).isEqualTo(Map.of(PHONE, new Lease(A, LEASE_END.plusSeconds(10)),
                LAPTOP, new Lease(A, LEASE_END.plusSeconds(10)), DESK, new Lease(A, T.plusSeconds(5))));
        assertThat(otherProcess().holder(DESK, T.plusSeconds(10))).isEmpty();
    }

    @Test
    default void anEndedLinkIsRememberedWithWhenItEndedForADay() {
        directory().hold(A, PHONE, LEASE_END);
        directory().hold(B, DESK, T.plusSeconds(5));

        directory().release(A, PHONE, T.plusSeconds(3));

        assertThat(otherProcess().holder(PHONE, T.plusSeconds(3))).isEmpty();
        assertThat(otherProcess().leases(List.of(PHONE, DESK))).as("the lapsed one too")
                .isEqualTo(Map.of(PHONE, new Lease(A, T.plusSeconds(3)), DESK, new Lease(B, T.plusSeconds(5))));
        directory().release(A, PHONE, T.plusSeconds(9));
        assertThat(otherProcess().leases(List.of(PHONE))).as("ended already").isEqualTo(Map.of(PHONE, new Lease(A, T.plusSeconds(3))));

        otherProcess().renew(C, T.plusSeconds(4).plus(TerminalDirectory.FORGET_AFTER), LEASE_END.plus(TerminalDirectory.FORGET_AFTER));
        assertThat(directory().leases(List.of(PHONE, DESK))).as("a day after the phone's link ended")
                .isEqualTo(Map.of(DESK, new Lease(B, T.plusSeconds(5))));
    }

    @Test
    default void releasingAllEndsTheNodesLeasesOnly() {
        directory().hold(A, PHONE, LEASE_END);
        directory().hold(A, LAPTOP, LEASE_END);
        directory().hold(C, DESK, LEASE_END);

        directory().releaseAll(A, T.plusSeconds(2));

        assertThat(otherProcess().holder(PHONE, T.plusSeconds(2))).isEmpty();
        assertThat(otherProcess().holder(LAPTOP, T.plusSeconds(2))).isEmpty();
        assertThat(otherProcess().holder(DESK, T.plusSeconds(2))).contains(C);
        assertThat(otherProcess().leases(List.of(PHONE)).get(PHONE).until()).isEqualTo(T.plusSeconds(2));
        assertThat(otherProcess().leases(List.of())).isEmpty();
    }

    /** Terminals reconnecting through a load balancer may reach two nodes at once: one of them holds the terminal. */
    @Test
    default void nodesHoldingOneTerminalAtOnceLeaveOneHolder() throws Exception {
        for (int round = 0; round < 10; round++) {
            DeviceId device = new DeviceId("raced-" + round);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> holds = new ArrayList<>();
            try (ExecutorService nodes = Executors.newFixedThreadPool(3)) {
                for (NodeId node : List.of(A, B, C)) {
                    TerminalDirectory directory = node.equals(B) ? otherProcess() : directory();
                    holds.add(nodes.submit(() -> {
                        start.await();
                        directory.hold(node, device, LEASE_END);
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> hold : holds) {
                    hold.get();
                }
            }
            Optional<NodeId> holder = directory().holder(device, T);
            assertThat(holder).isPresent();
            assertThat(otherProcess().holder(device, T)).isEqualTo(holder);
        }
    }
}
