package org.mailpush.link;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.StoredMail;
import org.mailpush.protocol.TerminalMessage;
import org.mailpush.push.EscalationStore;
import org.mailpush.push.Outbox;
import org.mailpush.push.OutboxEntry;
import org.mailpush.push.Payload;
import org.mailpush.user.UserId;

/**
 * Mailbox sync (SPEC M7, X6): a flag change on one terminal updates the user's mailbox and is
 * delivered to every other terminal of the user — now, or when it next connects. Reading or deleting
 * a mail also retracts its mail and hints elsewhere and cancels its escalation.
 */
final class MailboxSync {
    /** Told of every change, e.g. to write flags back to the upstream mailbox in separate mode. */
    interface Listener {
        void changed(UserId owner, StoredMail mail);
    }

    private final MailStore mails;
    private final Outbox outbox;
    private final DeviceRegistry devices;
    private final EscalationStore escalations;
    private final Courier courier;
    private final InstantSource clock;
    private final Listener listener;

    MailboxSync(MailStore mails, Outbox outbox, DeviceRegistry devices, EscalationStore escalations, Courier courier,
            InstantSource clock, Listener listener) {
        this.mails = mails;
        this.outbox = outbox;
        this.devices = devices;
        this.escalations = escalations;
        this.courier = courier;
        this.clock = clock;
        this.listener = listener;
    }

    /** Applies a terminal's flag change; empty when the user has no such mail. */
    Optional<StoredMail> apply(DeviceId from, UserId owner, TerminalMessage.Flags change) {
        Optional<StoredMail> found = mails.find(owner, change.mail());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MailFlags before = found.get().flags();
        MailFlags after = new MailFlags(change.seen().orElse(before.seen()), change.flagged().orElse(before.flagged()),
                change.deleted().orElse(before.deleted()));
        if (after.equals(before)) {
            return found;
        }
        StoredMail changed = mails.setFlags(owner, change.mail(), after).orElseThrow();
        boolean gone = (after.seen() && !before.seen()) || (after.deleted() && !before.deleted());
        Set<DeviceId> others = new LinkedHashSet<>();
        devices.devicesOf(owner).stream().filter(d -> d.type().receivesMail()).map(Device::id)
                .filter(id -> !id.equals(from)).forEach(others::add);
        List<OutboxEntry.Addressed> deliveries = new ArrayList<>();
        others.forEach(id -> deliveries.add(new OutboxEntry.Addressed(id, new Payload.FlagsChanged(change.mail(), after))));
        if (gone) {
            escalations.cancel(change.mail());
            notifiedOf(change.mail()).stream().filter(others::contains)
                    .forEach(id -> deliveries.add(new OutboxEntry.Addressed(id, new Payload.Retract(change.mail()))));
        }
        Instant now = clock.instant();
        outbox.append(deliveries, now);
        others.forEach(courier::flush);
        listener.changed(owner, changed);
        return Optional.of(changed);
    }

    /** The devices that got the mail or a hint of it. */
    private Set<DeviceId> notifiedOf(org.mailpush.mail.MailId mail) {
        Set<DeviceId> notified = new LinkedHashSet<>();
        for (OutboxEntry entry : outbox.ofMail(mail)) {
            if (entry.payload() instanceof Payload.Full || entry.payload() instanceof Payload.Hint) {
                notified.add(entry.device());
            }
        }
        return notified;
    }
}
