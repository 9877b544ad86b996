package org.mailpush.protocol;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.mailpush.device.DeviceId;
import org.mailpush.device.PushChannel;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailId;
import org.mailpush.mail.MailSummary;
import org.mailpush.policy.Policy;
import org.mailpush.user.UserId;

/** A message from the server to a terminal (docs/protocol.md). */
public sealed interface ServerMessage {

    /** Deliveries carry a per-device sequence number; other messages do not. */
    default OptionalLong sequence() {
        return OptionalLong.empty();
    }

    /** An answer carries the id of the terminal's message it answers, if that had one; other messages do not. */
    default Optional<RequestId> id() {
        return Optional.empty();
    }

    /** The answer to a good {@link TerminalMessage.Hello}, with the protocol version the server speaks. */
    record Welcome(ProtocolVersion version, DeviceId device, UserId user, Duration heartbeat, Duration probeDeadline,
            Optional<RequestId> id) implements ServerMessage {
        public Welcome {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(heartbeat, "heartbeat");
            Objects.requireNonNull(probeDeadline, "probeDeadline");
            Objects.requireNonNull(id, "id");
        }

        public Welcome(ProtocolVersion version, DeviceId device, UserId user, Duration heartbeat, Duration probeDeadline) {
            this(version, device, user, heartbeat, probeDeadline, Optional.empty());
        }
    }

    /**
     * The whole mail: its raw bytes, or — when it is larger than the terminal takes — a URL to fetch
     * them from with the device token.
     */
    record Mail(long seq, MailId mail, MailSummary summary, Instant receivedAt, MailFlags flags, Optional<byte[]> raw, Optional<String> fetch)
            implements ServerMessage {
        public Mail {
            Objects.requireNonNull(mail, "mail");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(receivedAt, "receivedAt");
            Objects.requireNonNull(flags, "flags");
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(fetch, "fetch");
            if (raw.isPresent() == fetch.isPresent()) {
                throw new IllegalArgumentException("a mail message carries either raw bytes or a fetch URL");
            }
        }

        @Override
        public OptionalLong sequence() {
            return OptionalLong.of(seq);
        }
    }

    /** A terminal a hint names. */
    record Named(DeviceId device, String name) {
        public Named {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A short notice that the mail went to other terminals (SPEC M2).
     *
     * @param summary names the mail: only its sender, subject and number of pictures are kept — the
     *                rest (its size, attachments, importance, the preview of its text) is the mail's
     *                content, which a hint does not carry
     */
    record Hint(long seq, MailId mail, MailSummary summary, List<Named> pushedTo, String text) implements ServerMessage {
        public Hint {
            Objects.requireNonNull(mail, "mail");
            summary = new MailSummary(summary.sender(), summary.subject(), 0, summary.pictures(), List.of(), Importance.NORMAL, "");
            pushedTo = List.copyOf(pushedTo);
            Objects.requireNonNull(text, "text");
        }

        @Override
        public OptionalLong sequence() {
            return OptionalLong.of(seq);
        }
    }

    /** Asks the terminal for its usage state now (SPEC S5). */
    record Probe(String probe, Duration deadline) implements ServerMessage {
        public Probe {
            Objects.requireNonNull(probe, "probe");
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /** A mail's flags changed on another terminal (SPEC M7). */
    record FlagsChanged(long seq, MailId mail, MailFlags flags) implements ServerMessage {
        public FlagsChanged {
            Objects.requireNonNull(mail, "mail");
            Objects.requireNonNull(flags, "flags");
        }

        @Override
        public OptionalLong sequence() {
            return OptionalLong.of(seq);
        }
    }

    /** Withdraw the notification or hint of this mail (SPEC X6). */
    record Retract(long seq, MailId mail) implements ServerMessage {
        public Retract {
            Objects.requireNonNull(mail, "mail");
        }

        @Override
        public OptionalLong sequence() {
            return OptionalLong.of(seq);
        }
    }

    /** The user's policy: a delivery after a change, or the answer to {@code policy.get} (no seq, perhaps an id). */
    record PolicyChanged(OptionalLong seq, Policy policy, Optional<RequestId> id) implements ServerMessage {
        public PolicyChanged {
            Objects.requireNonNull(seq, "seq");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(id, "id");
            if (seq.isPresent() && id.isPresent()) {
                throw new IllegalArgumentException("a policy delivery (with seq) answers no request (id)");
            }
        }

        public PolicyChanged(OptionalLong seq, Policy policy) {
            this(seq, policy, Optional.empty());
        }

        @Override
        public OptionalLong sequence() {
            return seq;
        }
    }

    /**
     * A message was refused; after too many strikes the server closes the connection. The id is the
     * refused message's, when it had one that could be read.
     */
    /** The terminal's push channels, each by kind and endpoint: the answer to {@code channel.add} and {@code channel.remove}. */
    record Channels(List<Channel> channels, Optional<RequestId> id) implements ServerMessage {
        public Channels {
            channels = List.copyOf(channels);
            Objects.requireNonNull(id, "id");
        }
    }

    /** One push channel as the terminal sees it; its keys stay on the server. */
    record Channel(PushChannel.Kind kind, URI endpoint) {
        public Channel {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    record Error(ErrorCode code, String message, int strikes, Optional<RequestId> id) implements ServerMessage {
        public Error {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(id, "id");
        }

        public Error(ErrorCode code, String message, int strikes) {
            this(code, message, strikes, Optional.empty());
        }
    }

    /** Why a message was refused. */
    enum ErrorCode {
        MALFORMED,
        UNAUTHORIZED,
        TOO_LARGE,
        TOO_FAST,
        INVALID_POLICY,
        NO_SUCH_MAIL,
        UNSUPPORTED_VERSION,
        INVALID_CHANNEL;

        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
