package org.mailpush.device;

import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.UserDirectory;

class InMemoryPushChannelsTest implements PushChannelsContract {
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();
    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    private final InMemoryPushChannels channels = new InMemoryPushChannels();

    @Override
    public PushChannels channels() {
        return channels;
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
