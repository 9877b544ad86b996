package org.mailpush.device;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Push channels in memory, for tests and the demo. Thread-safe. */
public final class InMemoryPushChannels implements PushChannels {
    /** By endpoint, oldest first. */
    private final Map<URI, Listed> channels = new LinkedHashMap<>();

    @Override
    public synchronized void add(PushChannel channel, Instant now) {
        channels.remove(channel.endpoint());
        List<Listed> mine = listed(channel.device());
        for (int i = 0; i <= mine.size() - MAX_PER_DEVICE; i++) {
            channels.remove(mine.get(i).channel().endpoint());
        }
        channels.put(channel.endpoint(), Listed.fresh(channel, now));
    }

    @Override
    public synchronized Map<DeviceId, List<Listed>> listed(Collection<DeviceId> devices) {
        Map<DeviceId, List<Listed>> found = new HashMap<>();
        for (Listed listed : channels.values()) {
            if (devices.contains(listed.channel().device())) {
                found.computeIfAbsent(listed.channel().device(), d -> new ArrayList<>()).add(listed);
            }
        }
        return found;
    }

    @Override
    public synchronized void outcome(PushChannel channel, Optional<String> failure, Instant at) {
        channels.computeIfPresent(channel.endpoint(), (endpoint, listed) ->
                listed.channel().device().equals(channel.device()) ? listed.after(failure, at) : listed);
    }

    @Override
    public synchronized boolean remove(DeviceId device, URI endpoint) {
        Listed listed = channels.get(endpoint);
        if (listed == null || !listed.channel().device().equals(device)) {
            return false;
        }
        channels.remove(endpoint);
        return true;
    }
}
