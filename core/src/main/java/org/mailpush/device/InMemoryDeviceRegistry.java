package org.mailpush.device;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.mailpush.user.UserId;

/** A {@link DeviceRegistry} held in memory. */
public final class InMemoryDeviceRegistry implements DeviceRegistry {
    private final ConcurrentSkipListMap<DeviceId, Device> devices = new ConcurrentSkipListMap<>();

    @Override
    public synchronized boolean save(Device device) {
        Device existing = devices.get(device.id());
        if (existing != null && !existing.owner().equals(device.owner())) {
            return false;
        }
        devices.put(device.id(), device);
        return true;
    }

    @Override
    public Optional<Device> find(DeviceId id) {
        return Optional.ofNullable(devices.get(id));
    }

    @Override
    public List<Device> devicesOf(UserId owner) {
        return devices.values().stream().filter(d -> d.owner().equals(owner)).toList();
    }

    @Override
    public synchronized boolean remove(UserId owner, DeviceId id) {
        Device existing = devices.get(id);
        return existing != null && existing.owner().equals(owner) && devices.remove(id, existing);
    }
}
