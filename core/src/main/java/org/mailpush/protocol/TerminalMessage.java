package org.mailpush.protocol;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.mailpush.device.PushChannel;
import org.mailpush.mail.MailId;
import org.mailpush.policy.Policy;
import org.mailpush.presence.UsageReport;

/** A message from a terminal to the server (docs/protocol.md). */
public sealed interface TerminalMessage {

    /**
     * The first message of a connection: the protocol version the terminal speaks, the device token
     * and the last sequence number processed.
     */
    record Hello(ProtocolVersion version, String token, long lastAck) implements TerminalMessage {
        public Hello {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(token, "token");
            if (lastAck < 0) {
                throw new IllegalArgumentException("lastAck must not be negative, got " + lastAck);
            }
        }

        /** The hello of a terminal that speaks {@code major}.0, as every terminal of version 1.0 does. */
        public Hello(int major, String token, long lastAck) {
            this(new ProtocolVersion(major, 0), token, lastAck);
        }

        @Override
        public String toString() {
            return "Hello[version=" + version + ", token=******, lastAck=" + lastAck + "]";
        }
    }

    /** A usage report, sent on change and at the suggested heartbeat interval (SPEC T3, T5a). */
    record State(UsageReport report) implements TerminalMessage {
        public State {
            Objects.requireNonNull(report, "report");
        }
    }

    /** The answer to a {@link ServerMessage.Probe} (SPEC S5). */
    record ProbeReply(String probe, UsageReport report) implements TerminalMessage {
        public ProbeReply {
            Objects.requireNonNull(probe, "probe");
            Objects.requireNonNull(report, "report");
        }
    }

    /** Acknowledges {@code seq} and every earlier delivery. */
    record Ack(long seq) implements TerminalMessage {
        public Ack {
            if (seq < 1) {
                throw new IllegalArgumentException("seq starts at 1, got " + seq);
            }
        }
    }

    /** The user changed a mail's flags on this terminal; only the flags given change (SPEC M7). */
    record Flags(MailId mail, Optional<Boolean> seen, Optional<Boolean> flagged, Optional<Boolean> deleted) implements TerminalMessage {
        public Flags {
            Objects.requireNonNull(mail, "mail");
            Objects.requireNonNull(seen, "seen");
            Objects.requireNonNull(flagged, "flagged");
            Objects.requireNonNull(deleted, "deleted");
        }
    }

    /** Replace the user's policy (SPEC T6). */
    record PolicySet(Policy policy) implements TerminalMessage {
        public PolicySet {
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** Ask for the user's current policy. */
    record PolicyGet() implements TerminalMessage {}

    /**
     * Add a push channel to this terminal (a UnifiedPush endpoint, a Web Push subscription, an APNs
     * or FCM token): the server answers with the terminal's channels.
     */
    record ChannelAdd(PushChannel.Kind kind, URI endpoint, String p256dh, String auth) implements TerminalMessage {
        public ChannelAdd {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(p256dh, "p256dh");
            Objects.requireNonNull(auth, "auth");
        }
    }

    /** Remove one of this terminal's push channels: the server answers with the channels left. */
    record ChannelRemove(URI endpoint) implements TerminalMessage {
        public ChannelRemove {
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }
}
