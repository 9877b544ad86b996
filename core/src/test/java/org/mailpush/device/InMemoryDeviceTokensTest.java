package org.mailpush.device;

import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.UserDirectory;

class InMemoryDeviceTokensTest implements DeviceTokensContract {
    private final InMemoryDeviceTokens tokens = new InMemoryDeviceTokens();
    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();

    @Override
    public DeviceTokens tokens() {
        return tokens;
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
