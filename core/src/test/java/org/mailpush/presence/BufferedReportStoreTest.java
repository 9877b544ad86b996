package org.mailpush.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.InMemoryDeviceRegistry;
import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.UserDirectory;

/** The buffer in front of a store: the contract holds, and what it adds — reads before the write, one write for all, a store away. */
class BufferedReportStoreTest implements ReportStoreContract {
    private static final Instant NOW = Instant.parse("2025-06-02T12:00:00Z");

    private final AtomicBoolean away = new AtomicBoolean();
    private final List<Map<DeviceId, List<UsageReport>>> writes = new ArrayList<>();
    /** Down at the first write. */
    private final CountDownLatch written = new CountDownLatch(1);
    private final InMemoryReportStore kept = new InMemoryReportStore();
    /** The store behind: counts its writes, and fails them while {@link #away}. */
    private final ReportStore behind = new ReportStore() {
        @Override
        public void record(DeviceId device, UsageReport report) {
            kept.record(device, report);
        }

        @Override
        public void record(Map<DeviceId, List<UsageReport>> reports) {
            if (away.get()) {
                throw new IllegalStateException("the store is away");
            }
            writes.add(Map.copyOf(reports));
            ReportStore.super.record(reports);
            written.countDown();
        }

        @Override
        public Optional<UsageReport> latest(DeviceId device) {
            return kept.latest(device);
        }

        @Override
        public List<UsageReport> history(DeviceId device, Instant since) {
            return kept.history(device, since);
        }
    };
    // An hour: the timer never writes during a test; write() and history() do.
    private final BufferedReportStore reports = new BufferedReportStore(behind, Duration.ofHours(1), e -> { });
    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();

    @AfterEach
    void close() {
        reports.close();
    }

    @Override
    public ReportStore reports() {
        return reports;
    }

    @Override
    public DeviceRegistry devices() {
        return devices;
    }

    @Override
    public UserDirectory users() {
        return users;
    }

    @Test
    void aReportIsReadAtOnceAndWrittenWithTheOthersInOneWrite() {
        DeviceId phone = new DeviceId("phone");
        DeviceId laptop = new DeviceId("laptop");
        reports.record(phone, UsageReport.on(NOW));
        reports.record(laptop, UsageReport.on(NOW.plusSeconds(1)));
        reports.record(phone, UsageReport.on(NOW.plusSeconds(2)));

        assertThat(reports.latest(phone)).contains(UsageReport.on(NOW.plusSeconds(2)));
        assertThat(reports.latest(List.of(phone, laptop))).containsOnlyKeys(phone, laptop);
        assertThat(writes).isEmpty();
        assertThat(kept.latest(phone)).isEmpty();

        reports.write();

        assertThat(writes).hasSize(1);
        assertThat(writes.getFirst().get(phone)).containsExactly(UsageReport.on(NOW), UsageReport.on(NOW.plusSeconds(2)));
        assertThat(kept.latest(phone)).contains(UsageReport.on(NOW.plusSeconds(2)));
        assertThat(kept.latest(laptop)).contains(UsageReport.on(NOW.plusSeconds(1)));
        reports.write();
        assertThat(writes).as("nothing waits: nothing written").hasSize(1);
    }

    @Test
    void whileTheStoreIsAwayReportsWaitEachDeviceItsNewestAndABoundedHistory() {
        DeviceId phone = new DeviceId("phone");
        away.set(true);
        for (int second = 0; second < BufferedReportStore.MOST_WAITING + 10; second++) {
            reports.record(phone, UsageReport.on(NOW.plusSeconds(second)));
            if (second % 20 == 0) {
                assertThatThrownBy(reports::write).hasMessageContaining("away");
            }
        }
        UsageReport newest = UsageReport.on(NOW.plusSeconds(BufferedReportStore.MOST_WAITING + 9));
        assertThat(reports.latest(phone)).contains(newest);

        away.set(false);
        reports.write();

        assertThat(writes).hasSize(1);
        assertThat(writes.getFirst().get(phone)).hasSize(BufferedReportStore.MOST_WAITING).endsWith(newest)
                .startsWith(UsageReport.on(NOW.plusSeconds(10)));
        assertThat(kept.latest(phone)).contains(newest);
    }

    @Test
    void closingWritesWhatWaits() {
        DeviceId phone = new DeviceId("phone");
        reports.record(phone, UsageReport.on(NOW));

        reports.close();

        assertThat(kept.latest(phone)).contains(UsageReport.on(NOW));
    }

    @Test
    void theTimerWritesWithoutBeingAsked() throws InterruptedException {
        DeviceId phone = new DeviceId("phone");
        try (var quick = new BufferedReportStore(behind, Duration.ofMillis(20), e -> { })) {
            quick.record(phone, UsageReport.on(NOW));

            assertThat(written.await(10, TimeUnit.SECONDS)).as("written by the timer").isTrue();
            assertThat(kept.latest(phone)).contains(UsageReport.on(NOW));
        }
    }
}
