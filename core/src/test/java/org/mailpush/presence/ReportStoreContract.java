package org.mailpush.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mailpush.device.Capabilities;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.DeviceType;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/**
 * What every {@link ReportStore} does. Each test first registers the reporting devices in
 * {@link #devices()}, as a store that keeps devices and their reports together requires.
 */
public interface ReportStoreContract {
    DeviceId PHONE = new DeviceId("phone");
    DeviceId LAPTOP = new DeviceId("laptop");
    Instant NOON = Instant.parse("2025-06-02T12:00:00Z");

    /** The store under test: empty at the start of each test, the same instance within it. */
    ReportStore reports();

    /** The registry of the reporting devices, the same instance within a test. */
    DeviceRegistry devices();

    /** The directory of the devices' owners, the same instance within a test. */
    UserDirectory users();

    private void registerDevices() {
        var owner = new UserId("alice");
        users().add(new User(owner, "Alice", Set.of(MailAddress.of("alice@example.com"))));
        for (DeviceId id : List.of(PHONE, LAPTOP)) {
            devices().save(new Device(id, owner, id.value(), DeviceType.PHONE, Capabilities.FULL, List.of()));
        }
    }

    @Test
    default void deviceThatNeverReportedHasNoReport() {
        registerDevices();

        assertThat(reports().latest(PHONE)).isEmpty();
    }

    @Test
    default void reportIsKeptWithEveryReading() {
        registerDevices();
        var report = UsageReport.on(NOON)
                .withLastInput(NOON.minusSeconds(42))
                .withProximity(Proximity.NEAR)
                .withTemperature(Temperature.celsius(36.6))
                .withLocation(new Location(52.520008, 13.404954, 12.5));

        reports().record(PHONE, report);

        assertThat(reports().latest(PHONE)).contains(report);
    }

    @Test
    default void latestReportsOfSeveralDevicesAreReadAtOnce() {
        registerDevices();
        var phones = UsageReport.on(NOON).withProximity(Proximity.NEAR);
        var laptops = UsageReport.on(NOON.plusSeconds(1)).withLastInput(NOON);
        reports().record(PHONE, phones);
        reports().record(LAPTOP, laptops);

        assertThat(reports().latest(List.of(PHONE, LAPTOP, new DeviceId("unknown")))).isEqualTo(Map.of(PHONE, phones, LAPTOP, laptops));
        assertThat(reports().latest(List.of(LAPTOP))).isEqualTo(Map.of(LAPTOP, laptops));
        assertThat(reports().latest(List.of())).isEmpty();
    }

    @Test
    default void reportWithOnlyThePowerStateIsKept() {
        registerDevices();
        var report = new UsageReport(NOON, PowerState.ASLEEP, Optional.empty(), Proximity.AWAY, Optional.empty(), Optional.empty());

        reports().record(PHONE, report);

        assertThat(reports().latest(PHONE)).contains(report);
    }

    @Test
    default void newerReportReplacesTheKeptOne() {
        registerDevices();
        reports().record(PHONE, UsageReport.on(NOON).withProximity(Proximity.NEAR));
        var newer = UsageReport.on(NOON.plusSeconds(1)).withPower(PowerState.OFF);

        reports().record(PHONE, newer);

        assertThat(reports().latest(PHONE)).contains(newer);
    }

    @Test
    default void reportOfTheSameMomentReplacesTheKeptOne() {
        registerDevices();
        reports().record(PHONE, UsageReport.on(NOON));
        var again = UsageReport.on(NOON).withProximity(Proximity.AWAY);

        reports().record(PHONE, again);

        assertThat(reports().latest(PHONE)).contains(again);
    }

    @Test
    default void olderReportArrivingLateIsIgnored() {
        registerDevices();
        var kept = UsageReport.on(NOON);
        reports().record(PHONE, kept);

        reports().record(PHONE, UsageReport.on(NOON.minusMillis(1)).withPower(PowerState.OFF));

        assertThat(reports().latest(PHONE)).contains(kept);
    }

    @Test
    default void eachDeviceHasItsOwnReport() {
        registerDevices();
        var phone = UsageReport.on(NOON).withProximity(Proximity.NEAR);
        var laptop = UsageReport.on(NOON.minusSeconds(60)).withPower(PowerState.ASLEEP);

        reports().record(PHONE, phone);
        reports().record(LAPTOP, laptop);

        assertThat(reports().latest(PHONE)).contains(phone);
        assertThat(reports().latest(LAPTOP)).contains(laptop);
    }

    @Test
    default void historyHoldsTheReportsSinceAnInstantAndTheOneBeforeOldestFirstWithoutLocation() {
        registerDevices();
        var first = UsageReport.on(NOON.minusSeconds(600)).withLastInput(NOON.minusSeconds(601));
        var second = UsageReport.on(NOON.minusSeconds(300)).withPower(PowerState.ASLEEP);
        var third = UsageReport.on(NOON).withProximity(Proximity.NEAR).withLocation(new Location(52.52, 13.40, 10));
        reports().record(PHONE, first);
        reports().record(PHONE, third);
        reports().record(PHONE, second); // late: not the latest, but part of the history
        reports().record(LAPTOP, UsageReport.on(NOON));

        assertThat(reports().history(PHONE, NOON.minusSeconds(400))).containsExactly(first, second,
                UsageReport.on(NOON).withProximity(Proximity.NEAR));
        assertThat(reports().history(PHONE, NOON.minusSeconds(200))).containsExactly(second, UsageReport.on(NOON).withProximity(Proximity.NEAR));
        assertThat(reports().history(PHONE, NOON.plusSeconds(1))).containsExactly(UsageReport.on(NOON).withProximity(Proximity.NEAR));
        assertThat(reports().latest(PHONE)).contains(third);
        assertThat(reports().history(new DeviceId("unknown"), NOON)).isEmpty();
    }

    @Test
    default void historyKeepsOnlyTheReportsOfTheLastDayBeforeTheNewest() {
        registerDevices();
        var old = UsageReport.on(NOON.minus(ReportStore.HISTORY).minusSeconds(1));
        var dayOld = UsageReport.on(NOON.minus(ReportStore.HISTORY));
        reports().record(PHONE, old);
        reports().record(PHONE, dayOld);
        reports().record(PHONE, UsageReport.on(NOON));

        assertThat(reports().history(PHONE, NOON.minus(ReportStore.HISTORY).minusSeconds(10)))
                .containsExactly(dayOld, UsageReport.on(NOON));
    }

    @Test
    default void reportsOfSeveralDevicesKeptAtOnceAreKeptAsOneByOne() {
        registerDevices();
        var early = UsageReport.on(NOON.minusSeconds(60)).withPower(PowerState.ASLEEP);
        var late = UsageReport.on(NOON).withProximity(Proximity.NEAR).withLocation(new Location(52.52, 13.40, 10));
        var laptop = UsageReport.on(NOON.minusSeconds(5));
        reports().record(PHONE, UsageReport.on(NOON.minusSeconds(120)));

        reports().record(Map.of(PHONE, List.of(late, early), LAPTOP, List.of(laptop)));

        assertThat(reports().latest(List.of(PHONE, LAPTOP))).isEqualTo(Map.of(PHONE, late, LAPTOP, laptop));
        assertThat(reports().history(PHONE, NOON.minusSeconds(90))).containsExactly(UsageReport.on(NOON.minusSeconds(120)), early,
                UsageReport.on(NOON).withProximity(Proximity.NEAR));
    }

    @Test
    default void ofReportsKeptAtOnceForOneMomentTheLastGivenIsKept() {
        registerDevices();
        var first = UsageReport.on(NOON).withPower(PowerState.ASLEEP);
        var second = UsageReport.on(NOON).withProximity(Proximity.NEAR);

        reports().record(Map.of(PHONE, List.of(first, second)));

        assertThat(reports().latest(PHONE)).contains(second);
        assertThat(reports().history(PHONE, NOON.minusSeconds(1))).containsExactly(second);
    }

    @Test
    default void theNewestOfConcurrentReportsWins() throws Exception {
        registerDevices();
        List<Callable<Void>> senders = new ArrayList<>();
        for (int second = 0; second < 40; second++) {
            var report = UsageReport.on(NOON.plusSeconds(second));
            senders.add(() -> {
                reports().record(PHONE, report);
                return null;
            });
        }

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Void> sent : pool.invokeAll(senders)) {
                sent.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(reports().latest(PHONE)).contains(UsageReport.on(NOON.plusSeconds(39)));
    }
}
