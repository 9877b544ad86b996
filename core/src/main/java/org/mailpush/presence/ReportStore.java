package org.mailpush.presence;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.mailpush.device.DeviceId;

/** Each terminal's latest usage report (SPEC T3, S2). Implementations are safe for concurrent use. */
public interface ReportStore {

    /**
     * Keeps this report unless a newer one (by {@link UsageReport#reportedAt()}) is already kept. A
     * store that keeps devices and their reports together drops the report of a device that is not
     * in the {@link org.mailpush.device.DeviceRegistry} (one removed while it reported).
     */
    void record(DeviceId device, UsageReport report);

    Optional<UsageReport> latest(DeviceId device);

    /** The latest reports of these devices, by device; a device without one is not among the keys. */
    default Map<DeviceId, UsageReport> latest(Collection<DeviceId> devices) {
        Map<DeviceId, UsageReport> reports = new HashMap<>();
        for (DeviceId device : devices) {
            latest(device).ifPresent(report -> reports.put(device, report));
        }
        return reports;
    }
}
