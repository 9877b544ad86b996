package org.mailpush.device;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Push channels in memory, for tests and the demo. Thread-safe. */
public final class InMemoryPushChannels implements PushChannels {
    /** By endpoint, oldest first. */
    private final Map<URI, PushChannel> channels = new LinkedHashMap<>();

    @Override
    public synchronized void add(PushChannel channel, Instant now) {
        channels.remove(channel.endpoint());
        List<PushChannel> mine = of(channel.device());
        for (int i = 0; i <= mine.size() - MAX_PER_DEVICE; i++) {
            channels.remove(mine.get(i).endpoint());
        }
        channels.put(channel.endpoint(), channel);
    }

    @Override
    public synchronized List<PushChannel> of(DeviceId device) {
        return channels.values().stream().filter(c -> c.device().equals(device)).toList();
    }

    @Override
    public synchronized Map<DeviceId, List<PushChannel>> of(Collection<DeviceId> devices) {
        Map<DeviceId, List<PushChannel>> found = new HashMap<>();
        for (PushChannel channel : channels.values()) {
            if (devices.contains(channel.device())) {
                found.computeIfAbsent(channel.device(), d -> new ArrayList<>()).add(channel);
            }
        }
        return found;
    }

    @Override
    public synchronized boolean remove(DeviceId device, URI endpoint) {
        PushChannel channel = channels.get(endpoint);
        if (channel == null || !channel.device().equals(device)) {
            return false;
        }
        channels.remove(endpoint);
        return true;
    }
}
