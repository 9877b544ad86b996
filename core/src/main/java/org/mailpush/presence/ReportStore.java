package org.mailpush.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailpush.device.DeviceId;

/**
 * Each terminal's latest usage report (SPEC T3, S2), and its reports of the last {@link #HISTORY}, for
 * the history of its states. Implementations are safe for concurrent use.
 */
public interface ReportStore {
    /** How long before a device's newest report its earlier reports are kept. */
    Duration HISTORY = Duration.ofHours(24);

    /**
     * Keeps this report unless a newer one (by {@link UsageReport#reportedAt()}) is already kept. A
     * store that keeps devices and their reports together drops the report of a device that is not
     * in the {@link org.mailpush.device.DeviceRegistry} (one removed while it reported).
     */
    void record(DeviceId device, UsageReport report);

    /**
     * Keeps each device's reports, oldest first, as {@link #record(DeviceId, UsageReport)} would one by
     * one; a store that can writes them all at once.
     */
    default void record(Map<DeviceId, List<UsageReport>> reports) {
        reports.forEach((device, each) -> each.forEach(report -> record(device, report)));
    }

    Optional<UsageReport> latest(DeviceId device);

    /**
     * The device's reports that tell its states from {@code since} on, oldest first: the last one kept
     * from before {@code since}, if any, and every one after. They carry no location: the store keeps
     * no trail of where a terminal was, only its latest place. Reports older than {@link #HISTORY}
     * before the device's newest one are gone.
     */
    List<UsageReport> history(DeviceId device, Instant since);

    /** The latest reports of these devices, by device; a device without one is not among the keys. */
    default Map<DeviceId, UsageReport> latest(Collection<DeviceId> devices) {
        Map<DeviceId, UsageReport> reports = new HashMap<>();
        for (DeviceId device : devices) {
            latest(device).ifPresent(report -> reports.put(device, report));
        }
        return reports;
    }
}
