package org.mailpush.presence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.mailpush.device.DeviceId;

/** A {@link ReportStore} held in memory. */
public final class InMemoryReportStore implements ReportStore {
    private final Map<DeviceId, UsageReport> latest = new ConcurrentHashMap<>();
    private final Map<DeviceId, TreeMap<Instant, UsageReport>> history = new ConcurrentHashMap<>();

    @Override
    public void record(DeviceId device, UsageReport report) {
        UsageReport kept = latest.merge(device, report, (old, offered) -> offered.reportedAt().isBefore(old.reportedAt()) ? old : offered);
        history.compute(device, (id, reports) -> {
            TreeMap<Instant, UsageReport> all = reports == null ? new TreeMap<>() : reports;
            all.put(report.reportedAt(), withoutLocation(report));
            all.headMap(kept.reportedAt().minus(HISTORY)).clear();
            return all;
        });
    }

    @Override
    public Optional<UsageReport> latest(DeviceId device) {
        return Optional.ofNullable(latest.get(device));
    }

    @Override
    public List<UsageReport> history(DeviceId device, Instant since) {
        List<UsageReport> reports = new ArrayList<>();
        history.computeIfPresent(device, (id, all) -> {
            Optional.ofNullable(all.lowerEntry(since)).ifPresent(before -> reports.add(before.getValue()));
            reports.addAll(all.tailMap(since, true).values());
            return all;
        });
        return reports;
    }

    private static UsageReport withoutLocation(UsageReport report) {
        return new UsageReport(report.reportedAt(), report.power(), report.lastInput(), report.proximity(), report.temperature(),
                Optional.empty());
    }
}
