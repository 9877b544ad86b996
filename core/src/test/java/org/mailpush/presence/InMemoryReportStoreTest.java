package org.mailpush.presence;

import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.InMemoryDeviceRegistry;
import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.UserDirectory;

class InMemoryReportStoreTest implements ReportStoreContract {
    private final InMemoryReportStore reports = new InMemoryReportStore();
    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();

    @Override
    public ReportStore reports() {
        return reports;
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
