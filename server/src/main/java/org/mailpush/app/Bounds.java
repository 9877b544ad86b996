package org.mailpush.app;

import java.time.Duration;
import org.mailpush.admin.Administration;
import org.mailpush.mail.Quota;

/**
 * How long the store keeps what it holds, and how much each user may hold (docs/configuration.md,
 * "Retention and quotas").
 *
 * @param keepMail       a mail goes this long after every terminal it went to acknowledged it
 * @param keepDeliveries an acknowledged delivery, and a plan no delivery waits on, goes this long after
 * @param interval       how often retention runs
 * @param quota          how many mails and bytes each user's mailbox may hold
 * @param limits         how many devices and upstream accounts each user may have
 */
public record Bounds(Duration keepMail, Duration keepDeliveries, Duration interval, Quota quota, Administration.Limits limits) {

    public Bounds {
        positive("retention.mail", keepMail);
        positive("retention.deliveries", keepDeliveries);
        positive("retention.interval", interval);
    }

    private static void positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }

    static Bounds read(Settings s) {
        Duration mail = s.duration("retention.mail", Duration.ofDays(30));
        Duration deliveries = s.duration("retention.deliveries", Duration.ofDays(7));
        Duration interval = s.duration("retention.interval", Duration.ofHours(1));
        long mails = s.check("quota.max-mails", () -> Long.parseLong(s.text("quota.max-mails", "0").strip()));
        long bytes = s.bytes("quota.max-bytes", 0);
        int devices = s.count("limits.max-devices", Administration.Limits.DEFAULTS.maxDevices());
        int accounts = s.count("limits.max-accounts", Administration.Limits.DEFAULTS.maxAccounts());
        return s.check("retention", () -> new Bounds(mail, deliveries, interval, new Quota(mails, bytes),
                new Administration.Limits(devices, accounts)));
    }
}
