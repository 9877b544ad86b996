package org.mailpush.json;

import java.time.Instant;
import java.util.List;
import org.mailpush.mail.MailSummary;
import org.mailpush.policy.Policy;
import org.mailpush.presence.PresenceSettings;
import org.mailpush.route.DeviceSnapshot;
import org.mailpush.user.UserId;

/** Everything one routing decision depends on, as read from a scenario file for {@code mailpush plan}. */
public record Scenario(
        Instant now, UserId user, PresenceSettings presence, Policy policy, List<DeviceSnapshot> devices, MailSummary mail) {

    public Scenario {
        devices = List.copyOf(devices);
    }
}
