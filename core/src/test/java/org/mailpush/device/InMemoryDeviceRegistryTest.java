package org.mailpush.device;

import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.UserDirectory;

class InMemoryDeviceRegistryTest implements DeviceRegistryContract {
    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();

    @Override
    public DeviceRegistry devices() {
        return devices;
    }

    @Override
    public UserDirectory users() {
        return users;
    }
}
