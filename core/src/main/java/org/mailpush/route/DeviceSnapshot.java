package org.mailpush.route;

import java.util.Objects;
import java.util.Optional;
import org.mailpush.device.Device;
import org.mailpush.presence.UsageReport;

/** A terminal as the router sees it: the device and its latest usage report, if any. */
public record DeviceSnapshot(Device device, Optional<UsageReport> latestReport) {
    public DeviceSnapshot {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(latestReport, "latestReport");
    }

    public static DeviceSnapshot of(Device device, UsageReport report) {
        return new DeviceSnapshot(device, Optional.of(report));
    }

    public static DeviceSnapshot unreported(Device device) {
        return new DeviceSnapshot(device, Optional.empty());
    }
}
