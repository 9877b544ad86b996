package org.mailpush.route;

import java.util.Objects;
import java.util.Optional;
import org.mailpush.device.Device;
import org.mailpush.presence.Reachability;
import org.mailpush.presence.UsageReport;

/**
 * A terminal as the router sees it: the device, its latest usage report, if any, and how the server
 * can reach it.
 */
public record DeviceSnapshot(Device device, Optional<UsageReport> latestReport, Reachability reachability) {
    public DeviceSnapshot {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(latestReport, "latestReport");
        Objects.requireNonNull(reachability, "reachability");
    }

    /** A terminal whose link and push channels are not known, and so not held against it. */
    public DeviceSnapshot(Device device, Optional<UsageReport> latestReport) {
        this(device, latestReport, Reachability.UNKNOWN);
    }

    public static DeviceSnapshot of(Device device, UsageReport report) {
        return new DeviceSnapshot(device, Optional.of(report));
    }

    public static DeviceSnapshot unreported(Device device) {
        return new DeviceSnapshot(device, Optional.empty());
    }
}
