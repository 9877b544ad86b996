package org.mailpush.link;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.DeviceTokens;
import org.mailpush.device.PushChannel;
import org.mailpush.device.PushChannels;
import org.mailpush.device.TokenHash;
import org.mailpush.json.InvalidInputException;
import org.mailpush.json.LinkJson;
import org.mailpush.policy.Policy;
import org.mailpush.policy.PolicyStore;
import org.mailpush.presence.ReportStore;
import org.mailpush.protocol.ProtocolVersion;
import org.mailpush.protocol.Request;
import org.mailpush.protocol.RequestId;
import org.mailpush.protocol.ServerMessage.ErrorCode;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;
import org.mailpush.push.Outbox;
import org.mailpush.push.OutboxEntry;
import org.mailpush.push.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server does with each message a terminal sends (docs/protocol.md). A session's identity
 * comes from its device token only. Bad input is answered with {@code error} and counted; past the
 * limit the connection is closed. No message can raise an exception out of here.
 */
final class LinkService {
    private static final Logger LOG = LoggerFactory.getLogger(LinkService.class);
    private static final Optional<RequestId> NO_ID = Optional.empty();

    /** The stores the link reads and writes. */
    record Ports(DeviceRegistry devices, DeviceTokens tokens, ReportStore reports, PolicyStore policies, Outbox outbox,
            PushChannels channels, org.mailpush.policy.PolicyFromTerminals policyFromTerminals) {}

    private final Ports ports;
    /** Why the server cannot use a channel a terminal registers, or an empty string when it can. */
    private final Function<PushChannel, String> refusal;
    private final Terminals terminals;
    private final Courier courier;
    private final Probes probes;
    private final MailboxSync mailbox;
    private final InstantSource clock;
    private final LinkSettings settings;

    LinkService(Ports ports, Terminals terminals, Courier courier, Probes probes, MailboxSync mailbox, InstantSource clock,
            LinkSettings settings, Function<PushChannel, String> refusal) {
        this.ports = ports;
        this.refusal = refusal;
        this.terminals = terminals;
        this.courier = courier;
        this.probes = probes;
        this.mailbox = mailbox;
        this.clock = clock;
        this.settings = settings;
    }

    /** Whether as many connections as link.max-connections-before-hello allows wait for their hello now. */
    boolean crowded() {
        return terminals.unidentifiedCount() >= settings.maxUnidentified();
    }

    Session open(Channel channel) {
        Session session = new Session(channel, settings, clock.instant());
        terminals.opened(session);
        return session;
    }

    /**
     * Identifies a session by a device token (from {@code hello} or a bearer header) and resumes it;
     * the welcome, or the error, carries the id of the hello.
     */
    boolean authenticate(Session session, String token, long lastAck, Optional<RequestId> id) {
        Optional<Device> device = ports.tokens().deviceOf(TokenHash.of(token)).flatMap(ports.devices()::find);
        if (device.isEmpty()) {
            session.send(new ServerMessage.Error(ErrorCode.UNAUTHORIZED, "unknown or revoked device token", 0, id));
            session.close(Closing.UNAUTHORIZED);
            return false;
        }
        Device d = device.get();
        session.identify(new Session.Identity(d.id(), d.owner(), d.name()), lastAck);
        if (lastAck > 0) {
            ports.outbox().acknowledge(d.id(), lastAck, clock.instant());
        }
        terminals.attach(session);
        session.send(new ServerMessage.Welcome(ProtocolVersion.CURRENT, d.id(), d.owner(), settings.heartbeat(),
                settings.probeDeadline(), id));
        courier.flush(session);
        return true;
    }

    void receive(Session session, String text) {
        Instant now = clock.instant();
        // Too large or too fast: refused before it is read, so without its id.
        if (text.length() > settings.maxMessageBytes()) {
            refuse(session, ErrorCode.TOO_LARGE, "a message may have at most " + settings.maxMessageBytes() + " bytes", NO_ID);
            return;
        }
        if (!session.allow(now)) {
            refuse(session, ErrorCode.TOO_FAST, "at most " + settings.messagesPerSecond() + " messages a second", NO_ID);
            return;
        }
        Request request;
        try {
            request = LinkJson.readRequest(text);
        } catch (InvalidInputException e) {
            boolean policy = e.path().startsWith("policy");
            refuse(session, policy ? ErrorCode.INVALID_POLICY : ErrorCode.MALFORMED, e.getMessage(), LinkJson.requestId(text));
            return;
        }
        try {
            handle(session, request.message(), request.id());
        } catch (RuntimeException e) {
            LOG.error("terminal message {} failed", request.message().getClass().getSimpleName(), e);
            session.send(new ServerMessage.Error(ErrorCode.MALFORMED, "the server could not handle this message", 0, request.id()));
        }
    }

    /** The link is JSON in text frames: a binary message counts as malformed. */
    void receiveBinary(Session session) {
        refuse(session, ErrorCode.MALFORMED, "a binary message is not part of the link: send JSON in text frames", NO_ID);
    }

    /** Handles one message; every answer and error carries its id. */
    private void handle(Session session, TerminalMessage message, Optional<RequestId> id) {
        if (message instanceof TerminalMessage.Hello hello) {
            if (session.identity().isPresent()) {
                refuse(session, ErrorCode.MALFORMED, "hello was already said on this connection", id);
            } else if (!ProtocolVersion.CURRENT.understands(hello.version())) {
                unsupported(session, hello.version(), id);
            } else {
                authenticate(session, hello.token(), hello.lastAck(), id);
            }
            return;
        }
        Optional<Session.Identity> identity = session.identity();
        if (identity.isEmpty()) {
            refuse(session, ErrorCode.MALFORMED, "say hello first", id);
            return;
        }
        Session.Identity who = identity.get();
        switch (message) {
            case TerminalMessage.State state -> ports.reports().record(who.device(), state.report());
            case TerminalMessage.ProbeReply reply -> probes.answer(who.device(), reply);
            case TerminalMessage.Ack ack -> {
                ports.outbox().acknowledge(who.device(), ack.seq(), clock.instant());
                session.acknowledged(ack.seq());
            }
            case TerminalMessage.Flags flags -> {
                if (mailbox.apply(who.device(), who.user(), flags).isEmpty()) {
                    refuse(session, ErrorCode.NO_SUCH_MAIL, "no mail " + flags.mail() + " in this user's mailbox", id);
                }
            }
            case TerminalMessage.PolicySet set -> {
                if (ports.policyFromTerminals().allowed(who.user())) {
                    setPolicy(who.user(), set.policy());
                } else {
                    refuse(session, ErrorCode.INVALID_POLICY, "user '" + who.user() + "' does not let terminals set the policy; "
                            + "it is set on the web page, which can allow terminals to set it too", id);
                }
            }
            case TerminalMessage.PolicyGet get -> session.send(new ServerMessage.PolicyChanged(OptionalLong.empty(),
                    ports.policies().policyOf(who.user()).orElse(Policy.FAIL_OPEN_ONLY), id));
            case TerminalMessage.ChannelAdd add -> addChannel(session, who, add, id);
            case TerminalMessage.ChannelRemove remove -> {
                ports.channels().remove(who.device(), remove.endpoint());
                session.send(channels(who, id));
            }
            case TerminalMessage.Hello hello -> throw new IllegalStateException("handled above");
        }
    }

    /** A push channel for this terminal, checked as the API checks it; answered with the terminal's channels. */
    private void addChannel(Session session, Session.Identity who, TerminalMessage.ChannelAdd add, Optional<RequestId> id) {
        PushChannel channel;
        try {
            channel = new PushChannel(who.device(), add.kind(), add.endpoint(), add.p256dh(), add.auth());
        } catch (IllegalArgumentException e) {
            refuse(session, ErrorCode.INVALID_CHANNEL, e.getMessage(), id);
            return;
        }
        String refused = refusal.apply(channel);
        if (!refused.isEmpty()) {
            refuse(session, ErrorCode.INVALID_CHANNEL, "endpoint: " + refused, id);
            return;
        }
        ports.channels().add(channel, clock.instant());
        session.send(channels(who, id));
    }

    private ServerMessage.Channels channels(Session.Identity who, Optional<RequestId> id) {
        return new ServerMessage.Channels(ports.channels().of(who.device()).stream()
                .map(c -> new ServerMessage.Channel(c.kind(), c.endpoint())).toList(), id);
    }

    /** A terminal of another major version: told which versions the server speaks, and let go. */
    private void unsupported(Session session, ProtocolVersion version, Optional<RequestId> id) {
        List<String> spoken = ProtocolVersion.CURRENT.spoken().stream().map(ProtocolVersion::toString).toList();
        String versions = spoken.size() == 1 ? spoken.getFirst()
                : String.join(", ", spoken.subList(0, spoken.size() - 1)) + " and " + spoken.getLast();
        session.send(new ServerMessage.Error(ErrorCode.UNSUPPORTED_VERSION,
                "protocol version " + version + " is not spoken here; this server speaks " + versions, 0, id));
        session.close(Closing.UNSUPPORTED_VERSION);
    }

    /** A valid policy replaces the user's and is delivered to all their terminals (SPEC T6, S6). */
    void setPolicy(org.mailpush.user.UserId user, Policy policy) {
        ports.policies().save(user, policy);
        List<OutboxEntry.Addressed> deliveries = ports.devices().devicesOf(user).stream()
                .filter(d -> d.type().receivesMail())
                .map(d -> new OutboxEntry.Addressed(d.id(), new Payload.PolicyChanged()))
                .toList();
        ports.outbox().append(deliveries, clock.instant());
        deliveries.forEach(d -> courier.flush(d.device()));
    }

    private void refuse(Session session, ErrorCode code, String message, Optional<RequestId> id) {
        int strikes = session.strike();
        session.send(new ServerMessage.Error(code, message, strikes, id));
        if (strikes >= settings.maxStrikes()) {
            session.close(Closing.TOO_MANY_STRIKES);
        }
    }

    void closed(Session session) {
        session.closedByPeer();
        terminals.detach(session);
    }
}
