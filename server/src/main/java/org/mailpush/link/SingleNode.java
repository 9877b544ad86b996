package org.mailpush.link;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailpush.device.DeviceId;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.StoredMail;
import org.mailpush.presence.UsageReport;
import org.mailpush.user.UserId;

/** No other node: every mail is this node's to route, every terminal is here or nowhere. */
final class SingleNode implements Peers {
    /** How often the sweep takes up routing jobs that failed or were left in the store. */
    static final Duration SWEEP = Duration.ofSeconds(30);

    private final MailStore mails;

    SingleNode(MailStore mails) {
        this.mails = mails;
    }

    @Override
    public boolean claim(StoredMail mail) {
        return true;
    }

    @Override
    public List<StoredMail> claimPending(int limit) {
        return mails.pendingRouting(limit);
    }

    @Override
    public Duration sweep() {
        return SWEEP;
    }

    @Override
    public boolean clustered() {
        return false;
    }

    @Override
    public void attached(DeviceId device) {}

    @Override
    public void detached(DeviceId device) {}

    @Override
    public Optional<Elsewhere> elsewhere(DeviceId device) {
        return Optional.empty();
    }

    @Override
    public boolean deliveryDue(DeviceId device) {
        return false;
    }

    @Override
    public Map<DeviceId, UsageReport> probe(UserId user, Duration deadline) {
        return Map.of();
    }

    @Override
    public void disconnect(DeviceId device) {}
}
