package org.mailpush.presence;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mailpush.device.DeviceId;

/** A {@link ReportStore} held in memory. */
public final class InMemoryReportStore implements ReportStore {
    private final Map<DeviceId, UsageReport> latest = new ConcurrentHashMap<>();

    @Override
    public void record(DeviceId device, UsageReport report) {
        latest.merge(device, report, (kept, offered) -> offered.reportedAt().isBefore(kept.reportedAt()) ? kept : offered);
    }

    @Override
    public Optional<UsageReport> latest(DeviceId device) {
        return Optional.ofNullable(latest.get(device));
    }
}
