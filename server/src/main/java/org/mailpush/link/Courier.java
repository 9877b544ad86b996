package org.mailpush.link;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.StoredMail;
import org.mailpush.policy.Policy;
import org.mailpush.policy.PolicyStore;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.push.Outbox;
import org.mailpush.push.OutboxEntry;
import org.mailpush.push.Payload;

/**
 * Sends each terminal its deliveries from the outbox, in sequence order, over its live session: the
 * ones it has not had on this connection, and again the ones unacknowledged for longer than the ack
 * timeout. A terminal that is not connected gets them when it next is (SPEC X1), and meanwhile a
 * notice through its push channels, if it has any ({@link ChannelCourier}). A terminal connected to
 * another node of a cluster is that node's to send to: it is told the terminal has deliveries due.
 */
final class Courier {
    private final Outbox outbox;
    private final MailStore mails;
    private final DeviceRegistry devices;
    private final PolicyStore policies;
    private final Terminals terminals;
    private final InstantSource clock;
    private final LinkSettings settings;
    private final ChannelCourier away;
    private final Peers peers;

    Courier(Outbox outbox, MailStore mails, DeviceRegistry devices, PolicyStore policies, Terminals terminals,
            InstantSource clock, LinkSettings settings, ChannelCourier away, Peers peers) {
        this.peers = peers;
        this.outbox = outbox;
        this.mails = mails;
        this.devices = devices;
        this.policies = policies;
        this.terminals = terminals;
        this.clock = clock;
        this.settings = settings;
        this.away = away;
    }

    /**
     * Sends what is due to the device over its link if it is connected here, else has the node that
     * holds it send it, else sends it through its push channels.
     */
    void flush(DeviceId device) {
        terminals.session(device).ifPresentOrElse(this::flush, () -> {
            if (!peers.deliveryDue(device)) {
                away.push(device);
            }
        });
    }

    /** Sends each terminal connected here what is due to it: the cluster's sweep, for signals that were lost. */
    void flushAll() {
        for (Session session : terminals.all()) {
            if (session.identity().isPresent()) {
                flush(session);
            }
        }
    }

    void flush(Session session) {
        Session.Identity identity = session.identity().orElseThrow();
        // One sender at a time per connection keeps deliveries in sequence order.
        synchronized (session) {
            // Marked until done: should the store fail part way, the resend timer tries again.
            session.unsettled(true);
            Optional<Device> device = devices.find(identity.device());
            if (device.isPresent()) {
                send(session, identity, device.get());
            }
            session.unsettled(false);
        }
    }

    private void send(Session session, Session.Identity identity, Device device) {
        Instant now = clock.instant();
        Instant overdue = now.minus(settings.ackTimeout());
        for (OutboxEntry entry : outbox.unacknowledged(identity.device())) {
            boolean fresh = entry.seq() > session.lastSent();
            boolean late = entry.sentAt().map(at -> !at.isAfter(overdue)).orElse(true) && !session.unwritten(entry.seq());
            if (session.closed() || !(fresh || late)) {
                continue;
            }
            Optional<ServerMessage> message = render(entry, device);
            if (message.isEmpty()) {
                // Nothing left to say (the mail is gone): acknowledge it so it is not tried forever.
                outbox.acknowledge(identity.device(), entry.seq(), now);
                continue;
            }
            if (!session.send(message.get())) {
                return;
            }
            session.sentUpTo(entry.seq());
            outbox.sent(identity.device(), entry.seq(), now);
        }
    }

    /**
     * Sends again what has waited longer than the ack timeout, on every connection where something
     * sent is not acknowledged yet; the others are not looked at.
     */
    void resendOverdue() {
        for (Session session : terminals.all()) {
            if (session.identity().isPresent() && session.awaitsAcknowledgement()) {
                flush(session);
            }
        }
    }

    private Optional<ServerMessage> render(OutboxEntry entry, Device device) {
        return switch (entry.payload()) {
            case Payload.Full full -> mails.find(device.owner(), full.mail()).map(mail -> mail(entry.seq(), mail, device));
            case Payload.Hint hint -> mails.find(device.owner(), hint.mail()).map(mail -> hint(entry.seq(), mail, hint.pushedTo()));
            case Payload.FlagsChanged flags -> Optional.of(new ServerMessage.FlagsChanged(entry.seq(), flags.mail(), flags.flags()));
            case Payload.Retract retract -> Optional.of(new ServerMessage.Retract(entry.seq(), retract.mail()));
            case Payload.PolicyChanged changed -> Optional.of(new ServerMessage.PolicyChanged(OptionalLong.of(entry.seq()),
                    policies.policyOf(device.owner()).orElse(Policy.FAIL_OPEN_ONLY)));
        };
    }

    private ServerMessage mail(long seq, StoredMail mail, Device device) {
        boolean fits = mail.summary().sizeBytes() <= device.capabilities().maxMailBytes();
        Optional<byte[]> raw = fits ? mails.raw(device.owner(), mail.id()) : Optional.empty();
        Optional<String> fetch = raw.isPresent() ? Optional.empty() : Optional.of(LinkEndpoints.fetchPath(mail.id()));
        return new ServerMessage.Mail(seq, mail.id(), mail.summary(), mail.receivedAt(), mail.flags(), raw, fetch);
    }

    private ServerMessage hint(long seq, StoredMail mail, List<DeviceId> pushedTo) {
        List<ServerMessage.Named> named = pushedTo.stream()
                .map(id -> new ServerMessage.Named(id, devices.find(id).map(Device::name).orElse(id.value())))
                .toList();
        return new ServerMessage.Hint(seq, mail.id(), mail.summary(), named, HintText.of(mail.summary(), named));
    }
}
