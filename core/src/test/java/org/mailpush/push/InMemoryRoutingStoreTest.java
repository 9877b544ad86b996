package org.mailpush.push;

import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.InMemoryDeviceRegistry;
import org.mailpush.mail.InMemoryMailStore;
import org.mailpush.mail.MailStore;
import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.UserDirectory;

class InMemoryRoutingStoreTest implements RoutingStoreContract {
    private final InMemoryMailStore mails = new InMemoryMailStore();
    private final InMemoryPlanStore plans = new InMemoryPlanStore();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryEscalationStore escalations = new InMemoryEscalationStore();
    private final InMemoryRoutingStore routings = new InMemoryRoutingStore(mails, plans, outbox, escalations);
    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();

    @Override
    public RoutingStore routings() {
        return routings;
    }

    @Override
    public MailStore mails() {
        return mails;
    }

    @Override
    public PlanStore plans() {
        return plans;
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public EscalationStore escalations() {
        return escalations;
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
