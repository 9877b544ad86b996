package org.mailpush.json;

import static org.mailpush.json.JsonInput.UnknownFields.IGNORE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.mailpush.device.DeviceId;
import org.mailpush.device.PushChannel;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailId;
import org.mailpush.protocol.ProtocolVersion;
import org.mailpush.protocol.Request;
import org.mailpush.protocol.RequestId;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;
import org.mailpush.user.UserId;

/**
 * The JSON form of the terminal link's messages (docs/protocol.md, version 1.1), both directions, so
 * that the server and every Java terminal read and write them alike. Reading ignores the fields of a
 * message (and of its report) that this version does not know, so that a newer terminal can talk to
 * an older server; otherwise it is strict, and errors name the field.
 */
public final class LinkJson {
    /** The major protocol version, which a terminal says as {@code hello.v}. */
    public static final int VERSION = ProtocolVersion.CURRENT.major();
    private static final ObjectMapper JSON = StrictJson.reader();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ID_FORM = "must be a string of 1 to " + RequestId.MAX_LENGTH
            + " visible ASCII characters ('!' to '~')";

    private LinkJson() {}

    /** Reads a terminal's message; {@link InvalidInputException} says what is wrong with it. */
    public static TerminalMessage readTerminal(String text) {
        return readRequest(text).message();
    }

    /** Reads a terminal's message with its id; {@link InvalidInputException} says what is wrong with it. */
    public static Request readRequest(String text) {
        JsonInput message = parse(text);
        Optional<RequestId> id = message.optional("id").map(LinkJson::requestId);
        return new Request(id, terminalMessage(message));
    }

    /**
     * The id of a terminal's message, if it has one that can be read, whatever else is wrong with the
     * message: the error that refuses it carries the id back. Never fails.
     */
    public static Optional<RequestId> requestId(String text) {
        try {
            return parse(text).optional("id").map(LinkJson::requestId);
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    private static TerminalMessage terminalMessage(JsonInput message) {
        String type = message.field("type").text();
        return switch (type) {
            case "hello" -> {
                message.object(Set.of("type", "v", "minor", "token", "lastAck"), IGNORE);
                long lastAck = message.optional("lastAck").map(n -> n.integer(0, Long.MAX_VALUE)).orElse(0L);
                yield new TerminalMessage.Hello(version(message), message.field("token").text(), lastAck);
            }
            case "state" -> new TerminalMessage.State(
                    ReportJson.read(message.object(Set.of("type", "report"), IGNORE).field("report"), IGNORE));
            case "probe.reply" -> {
                message.object(Set.of("type", "probe", "report"), IGNORE);
                yield new TerminalMessage.ProbeReply(message.field("probe").text(), ReportJson.read(message.field("report"), IGNORE));
            }
            case "ack" -> new TerminalMessage.Ack(message.object(Set.of("type", "seq"), IGNORE).field("seq").integer(1, Long.MAX_VALUE));
            case "flags" -> {
                message.object(Set.of("type", "mail", "seen", "flagged", "deleted"), IGNORE);
                yield new TerminalMessage.Flags(mailId(message.field("mail")),
                        message.optional("seen").map(JsonInput::bool),
                        message.optional("flagged").map(JsonInput::bool),
                        message.optional("deleted").map(JsonInput::bool));
            }
            // The policy itself stays strict: a part of it ignored would send mail elsewhere than its user meant.
            case "policy.set" -> new TerminalMessage.PolicySet(
                    PolicyJson.read(message.object(Set.of("type", "policy"), IGNORE).field("policy")));
            case "policy.get" -> {
                message.object(Set.of("type"), IGNORE);
                yield new TerminalMessage.PolicyGet();
            }
            case "channel.add" -> {
                message.object(Set.of("type", "kind", "endpoint", "keys"), IGNORE);
                PushChannel.Kind kind = message.field("kind").word(PushChannel.Kind.class, PushChannel.Kind::token);
                Optional<JsonInput> keys = message.optional("keys").map(k -> k.object(Set.of("p256dh", "auth"), IGNORE));
                yield new TerminalMessage.ChannelAdd(kind, endpoint(message.field("endpoint")),
                        keys.map(k -> k.field("p256dh").text()).orElse(""), keys.map(k -> k.field("auth").text()).orElse(""));
            }
            case "channel.remove" -> new TerminalMessage.ChannelRemove(
                    endpoint(message.object(Set.of("type", "endpoint"), IGNORE).field("endpoint")));
            default -> throw message.field("type").invalid("'" + type + "' is not one of hello, state, probe.reply, ack, "
                    + "flags, policy.set, policy.get, channel.add, channel.remove");
        };
    }

    public static String write(TerminalMessage message) {
        return json(message).toString();
    }

    /** Writes a terminal's message with its id, if it has one. */
    public static String write(Request request) {
        ObjectNode json = json(request.message());
        request.id().ifPresent(id -> json.put("id", id.value()));
        return json.toString();
    }

    private static ObjectNode json(TerminalMessage message) {
        ObjectNode json = NODES.objectNode();
        switch (message) {
            case TerminalMessage.Hello m -> {
                json.put("type", "hello").put("v", m.version().major());
                // A 1.0 hello has no minor version: written as one.
                if (m.version().minor() > 0) {
                    json.put("minor", m.version().minor());
                }
                json.put("token", m.token()).put("lastAck", m.lastAck());
            }
            case TerminalMessage.State m -> json.put("type", "state").set("report", ReportJson.write(m.report()));
            case TerminalMessage.ProbeReply m -> json.put("type", "probe.reply").put("probe", m.probe())
                    .set("report", ReportJson.write(m.report()));
            case TerminalMessage.Ack m -> json.put("type", "ack").put("seq", m.seq());
            case TerminalMessage.Flags m -> {
                json.put("type", "flags").put("mail", m.mail().value());
                m.seen().ifPresent(v -> json.put("seen", v));
                m.flagged().ifPresent(v -> json.put("flagged", v));
                m.deleted().ifPresent(v -> json.put("deleted", v));
            }
            case TerminalMessage.PolicySet m -> json.put("type", "policy.set").set("policy", PolicyJson.write(m.policy()));
            case TerminalMessage.PolicyGet m -> json.put("type", "policy.get");
            case TerminalMessage.ChannelAdd m -> {
                json.put("type", "channel.add").put("kind", m.kind().token()).put("endpoint", m.endpoint().toString());
                if (!m.p256dh().isEmpty() || !m.auth().isEmpty()) {
                    json.putObject("keys").put("p256dh", m.p256dh()).put("auth", m.auth());
                }
            }
            case TerminalMessage.ChannelRemove m -> json.put("type", "channel.remove").put("endpoint", m.endpoint().toString());
        }
        return json;
    }

    public static String write(ServerMessage message) {
        ObjectNode json = NODES.objectNode();
        switch (message) {
            case ServerMessage.Welcome m -> json.put("type", "welcome").put("v", m.version().major()).put("minor", m.version().minor())
                    .put("device", m.device().value()).put("user", m.user().value())
                    .put("heartbeat", m.heartbeat().toString()).put("probeDeadline", m.probeDeadline().toString());
            case ServerMessage.Mail m -> {
                json.put("type", "mail").put("seq", m.seq()).put("mail", m.mail().value());
                json.set("summary", SummaryJson.write(m.summary()));
                json.put("receivedAt", m.receivedAt().toString());
                json.set("flags", flags(m.flags()));
                m.raw().ifPresent(raw -> json.put("raw", Base64.getEncoder().encodeToString(raw)));
                m.fetch().ifPresent(url -> json.put("fetch", url));
            }
            case ServerMessage.Hint m -> {
                json.put("type", "hint").put("seq", m.seq()).put("mail", m.mail().value());
                json.set("summary", SummaryJson.writeShort(m.summary()));
                ArrayNode pushedTo = json.putArray("pushedTo");
                m.pushedTo().forEach(n -> pushedTo.addObject().put("device", n.device().value()).put("name", n.name()));
                json.put("text", m.text());
            }
            case ServerMessage.Probe m -> json.put("type", "probe").put("probe", m.probe()).put("deadline", m.deadline().toString());
            case ServerMessage.FlagsChanged m -> json.put("type", "flags").put("seq", m.seq()).put("mail", m.mail().value())
                    .setAll(flags(m.flags()));
            case ServerMessage.Retract m -> json.put("type", "retract").put("seq", m.seq()).put("mail", m.mail().value());
            case ServerMessage.PolicyChanged m -> {
                json.put("type", "policy");
                m.seq().ifPresent(seq -> json.put("seq", seq));
                json.set("policy", PolicyJson.write(m.policy()));
            }
            case ServerMessage.Channels m -> {
                json.put("type", "channels");
                ArrayNode channels = json.putArray("channels");
                m.channels().forEach(c -> channels.addObject().put("kind", c.kind().token()).put("endpoint", c.endpoint().toString()));
            }
            case ServerMessage.Error m -> json.put("type", "error").put("code", m.code().word()).put("message", m.message())
                    .put("strikes", m.strikes());
        }
        message.id().ifPresent(id -> json.put("id", id.value()));
        return json.toString();
    }

    /** Reads a server's message, as a terminal does. */
    public static ServerMessage readServer(String text) {
        JsonInput message = parse(text);
        String type = message.field("type").text();
        return switch (type) {
            case "welcome" -> new ServerMessage.Welcome(version(message),
                    message.field("device").as(in -> new DeviceId(in.text())),
                    message.field("user").as(in -> new UserId(in.text())),
                    message.field("heartbeat").duration(), message.field("probeDeadline").duration(), id(message));
            case "mail" -> new ServerMessage.Mail(seq(message), mailId(message.field("mail")),
                    SummaryJson.read(message.field("summary")), message.field("receivedAt").instant(),
                    readFlags(message.field("flags")),
                    message.optional("raw").map(r -> r.as(in -> Base64.getDecoder().decode(in.text()))),
                    message.optional("fetch").map(JsonInput::text));
            case "hint" -> new ServerMessage.Hint(seq(message), mailId(message.field("mail")),
                    SummaryJson.read(message.field("summary")),
                    message.field("pushedTo").elements().stream().map(n -> new ServerMessage.Named(
                            n.field("device").as(in -> new DeviceId(in.text())), n.field("name").text())).toList(),
                    message.field("text").text());
            case "probe" -> new ServerMessage.Probe(message.field("probe").text(), message.field("deadline").duration());
            case "flags" -> new ServerMessage.FlagsChanged(seq(message), mailId(message.field("mail")), readFlags(message));
            case "retract" -> new ServerMessage.Retract(seq(message), mailId(message.field("mail")));
            case "policy" -> new ServerMessage.PolicyChanged(
                    message.optional("seq").map(s -> OptionalLong.of(s.integer(1, Long.MAX_VALUE))).orElse(OptionalLong.empty()),
                    PolicyJson.read(message.field("policy")), id(message));
            case "channels" -> new ServerMessage.Channels(message.field("channels").elements().stream()
                    .map(c -> new ServerMessage.Channel(c.field("kind").word(PushChannel.Kind.class, PushChannel.Kind::token),
                            endpoint(c.field("endpoint")))).toList(), id(message));
            case "error" -> new ServerMessage.Error(message.field("code").word(ServerMessage.ErrorCode.class,
                    ServerMessage.ErrorCode::word), message.field("message").text(),
                    (int) (long) message.optional("strikes").map(s -> s.integer(0, Integer.MAX_VALUE)).orElse(0L), id(message));
            default -> throw message.field("type").invalid("'" + type + "' is not a server message type");
        };
    }

    private static JsonInput parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("", "not JSON: " + StrictJson.problem(e));
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("", "a message must be a JSON object");
        }
        return new JsonInput(node, "");
    }

    /** {@code v} and {@code minor}, which a 1.0 side leaves out. */
    private static ProtocolVersion version(JsonInput message) {
        return new ProtocolVersion((int) message.field("v").integer(0, Integer.MAX_VALUE),
                (int) (long) message.optional("minor").map(m -> m.integer(0, Integer.MAX_VALUE)).orElse(0L));
    }

    private static Optional<RequestId> id(JsonInput message) {
        return message.optional("id").map(LinkJson::requestId);
    }

    private static RequestId requestId(JsonInput input) {
        if (!input.isText()) {
            throw input.invalid(ID_FORM);
        }
        try {
            return new RequestId(input.text());
        } catch (IllegalArgumentException e) {
            throw input.invalid(ID_FORM);
        }
    }

    private static URI endpoint(JsonInput input) {
        return input.as(in -> URI.create(in.text()));
    }

    private static long seq(JsonInput message) {
        return message.field("seq").integer(1, Long.MAX_VALUE);
    }

    private static MailId mailId(JsonInput input) {
        return new MailId(input.integer(1, Long.MAX_VALUE));
    }

    private static ObjectNode flags(MailFlags flags) {
        return NODES.objectNode().put("seen", flags.seen()).put("flagged", flags.flagged()).put("deleted", flags.deleted());
    }

    private static MailFlags readFlags(JsonInput input) {
        return new MailFlags(
                input.optional("seen").map(JsonInput::bool).orElse(false),
                input.optional("flagged").map(JsonInput::bool).orElse(false),
                input.optional("deleted").map(JsonInput::bool).orElse(false));
    }
}
