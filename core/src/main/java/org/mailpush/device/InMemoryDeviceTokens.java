package org.mailpush.device;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link DeviceTokens} held in memory. */
public final class InMemoryDeviceTokens implements DeviceTokens {
    private final Map<DeviceId, TokenHash> tokens = new HashMap<>();

    @Override
    public synchronized void issue(DeviceId device, TokenHash token) {
        tokens.values().remove(token);
        tokens.put(device, token);
    }

    @Override
    public synchronized Optional<DeviceId> deviceOf(TokenHash token) {
        return tokens.entrySet().stream().filter(e -> e.getValue().equals(token)).map(Map.Entry::getKey).findFirst();
    }

    @Override
    public synchronized boolean revoke(DeviceId device) {
        return tokens.remove(device) != null;
    }
}
