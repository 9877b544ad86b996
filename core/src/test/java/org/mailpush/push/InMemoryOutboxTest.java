package org.mailpush.push;

import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.InMemoryDeviceRegistry;
import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.UserDirectory;

class InMemoryOutboxTest implements OutboxContract {
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public DeviceRegistry devices() {
        return devices;
    }

    @Override
    public UserDirectory users() {
        return users;
    }
}
