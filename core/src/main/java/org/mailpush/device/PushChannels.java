package org.mailpush.device;

import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The terminals' push channels (Web Push, UnifiedPush): how to reach one that holds no link. A channel
 * is known by its endpoint, which belongs to one device; a device has at most {@link #MAX_PER_DEVICE}.
 */
public interface PushChannels {
    /** The most channels a device keeps: a newer subscription beyond that replaces the oldest. */
    int MAX_PER_DEVICE = 4;

    /** Adds the channel, or renews it when its endpoint is known (moving it to this device). */
    void add(PushChannel channel, Instant now);

    /** The device's channels, oldest first. */
    List<PushChannel> of(DeviceId device);

    /** The channels of each of these devices that has any. */
    Map<DeviceId, List<PushChannel>> of(Collection<DeviceId> devices);

    /** Removes the device's channel with this endpoint; whether there was one. */
    boolean remove(DeviceId device, URI endpoint);
}
