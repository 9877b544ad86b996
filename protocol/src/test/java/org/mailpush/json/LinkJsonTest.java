package org.mailpush.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailpush.device.DeviceId;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailId;
import org.mailpush.mail.MailSummary;
import org.mailpush.policy.Policy;
import org.mailpush.policy.Rule;
import org.mailpush.policy.Target;
import org.mailpush.presence.Location;
import org.mailpush.presence.PowerState;
import org.mailpush.presence.Proximity;
import org.mailpush.presence.Temperature;
import org.mailpush.presence.UsageReport;
import org.mailpush.protocol.ProtocolVersion;
import org.mailpush.protocol.Request;
import org.mailpush.protocol.RequestId;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;
import org.mailpush.user.UserId;

class LinkJsonTest {
    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
    private static final UsageReport REPORT = new UsageReport(AT, PowerState.ON, Optional.of(AT.minusSeconds(12)),
            Proximity.NEAR, Optional.of(Temperature.celsius(34.2)), Optional.of(new Location(52.52, 13.405, 20)));
    private static final MailSummary SUMMARY = new MailSummary("carol@example.org", "Holiday photo", 1843200, 1,
            List.of("image/jpeg"), Importance.HIGH, "Look at this!");
    private static final Policy POLICY = Policy.of(Rule.of(new Target.InUse()));
    private static final MailId MAIL = new MailId(1234);

    static Stream<TerminalMessage> terminalMessages() {
        return Stream.of(
                new TerminalMessage.Hello(1, "q3Jc-token", 41),
                new TerminalMessage.Hello(new ProtocolVersion(1, 1), "q3Jc-token", 0),
                new TerminalMessage.State(REPORT),
                new TerminalMessage.State(UsageReport.on(AT).withPower(PowerState.ASLEEP)),
                new TerminalMessage.ProbeReply("p-17", REPORT),
                new TerminalMessage.Ack(42),
                new TerminalMessage.Flags(MAIL, Optional.of(true), Optional.empty(), Optional.of(false)),
                new TerminalMessage.PolicySet(POLICY),
                new TerminalMessage.PolicyGet());
    }

    @ParameterizedTest
    @MethodSource("terminalMessages")
    void everyTerminalMessageReadsBackAsWritten(TerminalMessage message) {
        assertThat(LinkJson.readTerminal(LinkJson.write(message))).isEqualTo(message);
    }

    static Stream<ServerMessage> serverMessages() {
        return Stream.of(
                new ServerMessage.Welcome(ProtocolVersion.CURRENT, new DeviceId("laptop"), new UserId("alice"), Duration.ofMinutes(10),
                        Duration.ofMillis(500)),
                new ServerMessage.Mail(43, MAIL, SUMMARY, AT, MailFlags.NEW, Optional.empty(), Optional.of("/api/link/mails/1234/raw")),
                new ServerMessage.Hint(44, MAIL, SUMMARY, List.of(new ServerMessage.Named(new DeviceId("colour"), "colour phone")),
                        "a mail with a picture from carol@example.org was pushed to colour phone"),
                new ServerMessage.Probe("p-17", Duration.ofMillis(500)),
                new ServerMessage.FlagsChanged(45, MAIL, new MailFlags(true, false, false)),
                new ServerMessage.Retract(46, MAIL),
                new ServerMessage.PolicyChanged(OptionalLong.of(47), POLICY),
                new ServerMessage.PolicyChanged(OptionalLong.empty(), POLICY),
                new ServerMessage.Error(ServerMessage.ErrorCode.INVALID_POLICY, "policy.rules: is required", 1),
                new ServerMessage.Welcome(ProtocolVersion.CURRENT, new DeviceId("laptop"), new UserId("alice"), Duration.ofMinutes(10),
                        Duration.ofMillis(500), Optional.of(new RequestId("h-1"))),
                new ServerMessage.PolicyChanged(OptionalLong.empty(), POLICY, Optional.of(new RequestId("r-1"))),
                new ServerMessage.Error(ServerMessage.ErrorCode.NO_SUCH_MAIL, "no mail 5", 2, Optional.of(new RequestId("r-2"))));
    }

    @ParameterizedTest
    @MethodSource("serverMessages")
    void everyServerMessageReadsBackAsWritten(ServerMessage message) {
        assertThat(LinkJson.readServer(LinkJson.write(message))).isEqualTo(message);
    }

    @Test
    void aMessageCarriesItsIdAndTheAnswerCarriesItBack() {
        Request request = Request.of(new RequestId("r-7"), new TerminalMessage.PolicyGet());

        assertThat(LinkJson.write(request)).isEqualTo("{\"type\":\"policy.get\",\"id\":\"r-7\"}");
        assertThat(LinkJson.readRequest(LinkJson.write(request))).isEqualTo(request);
        assertThat(LinkJson.write(new ServerMessage.PolicyChanged(OptionalLong.empty(), Policy.FAIL_OPEN_ONLY, request.id())))
                .endsWith(",\"id\":\"r-7\"}");
    }

    @Test
    void aMessageWithoutAnIdIsWrittenAndReadAsIn10() {
        assertThat(LinkJson.write(Request.of(new TerminalMessage.Ack(3)))).isEqualTo("{\"type\":\"ack\",\"seq\":3}");
        assertThat(LinkJson.readRequest("{\"type\":\"ack\",\"seq\":3}")).isEqualTo(Request.of(new TerminalMessage.Ack(3)));
        assertThat(LinkJson.write(new ServerMessage.Error(ServerMessage.ErrorCode.MALFORMED, "say hello first", 1)))
                .isEqualTo("{\"type\":\"error\",\"code\":\"malformed\",\"message\":\"say hello first\",\"strikes\":1}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            readable, rest not        | {"type": "ack", "id": "r-1"}                | r-1
            no type                   | {"id": "r-2", "seq": 1}                     | r-2
            not JSON                  | {"type": "ack", "id": "r-3"                 |
            not a string              | {"type": "ack", "seq": 1, "id": 3}          |
            too long                  | {"type": "ack", "id": "12345678901234567890123456789012345678901234567890123456789012345"} |
            """)
    void theIdOfAMessageIsReadWhateverElseIsWrongWithIt(String title, String json, String id) {
        assertThat(LinkJson.requestId(json)).isEqualTo(Optional.ofNullable(id).map(RequestId::new));
    }

    @Test
    void aPolicyDeliveryAnswersNoRequest() {
        assertThatThrownBy(() -> new ServerMessage.PolicyChanged(OptionalLong.of(1), POLICY, Optional.of(new RequestId("r-1"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHelloSaysTheMinorVersionOnlyWhenItIsNot0AsA10HelloHasNone() {
        assertThat(LinkJson.write(new TerminalMessage.Hello(1, "t", 0))).isEqualTo("{\"type\":\"hello\",\"v\":1,\"token\":\"t\",\"lastAck\":0}");
        assertThat(LinkJson.write(new TerminalMessage.Hello(new ProtocolVersion(1, 1), "t", 0)))
                .isEqualTo("{\"type\":\"hello\",\"v\":1,\"minor\":1,\"token\":\"t\",\"lastAck\":0}");
        assertThat(LinkJson.readTerminal("{\"type\": \"hello\", \"v\": 2, \"minor\": 5, \"token\": \"t\"}"))
                .as("a version the server does not speak is its to refuse").isEqualTo(new TerminalMessage.Hello(new ProtocolVersion(2, 5), "t", 0));
    }

    @Test
    void theWelcomeStatesTheVersionTheServerSpeaks() {
        var welcome = new ServerMessage.Welcome(ProtocolVersion.CURRENT, new DeviceId("laptop"), new UserId("alice"),
                Duration.ofMinutes(10), Duration.ofMillis(500));

        assertThat(LinkJson.write(welcome)).startsWith("{\"type\":\"welcome\",\"v\":1,\"minor\":1,");
        assertThat(LinkJson.readServer("""
                {"type": "welcome", "v": 1, "device": "laptop", "user": "alice", "heartbeat": "PT10M", "probeDeadline": "PT0.5S"}"""))
                .as("the welcome of a 1.0 server").isEqualTo(new ServerMessage.Welcome(new ProtocolVersion(1, 0), new DeviceId("laptop"),
                        new UserId("alice"), Duration.ofMinutes(10), Duration.ofMillis(500)));
    }

    @Test
    void theRawMailTravelsAsBase64() {
        byte[] raw = "Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        String json = LinkJson.write(new ServerMessage.Mail(1, MAIL, SUMMARY, AT, MailFlags.NEW, Optional.of(raw), Optional.empty()));

        assertThat(json).contains("\"raw\":\"U3ViamVjdDogaGkNCg0KaGVsbG8NCg==\"");
        var read = (ServerMessage.Mail) LinkJson.readServer(json);
        assertThat(read.raw().orElseThrow()).isEqualTo(raw);
    }

    @Test
    void theHelloNeverShowsItsTokenInLogs() {
        assertThat(new TerminalMessage.Hello(1, "secret-token", 0).toString()).doesNotContain("secret-token");
    }

    @Test
    void theDocumentedExamplesRead() {
        assertThat(LinkJson.readTerminal("""
                { "type": "state",
                  "report": { "at": "2026-11-26T10:00:00Z", "power": "on", "lastInput": "2026-11-26T09:59:48Z",
                              "proximity": "near", "temperature": 34.2,
                              "location": { "lat": 52.5201, "lon": 13.4049, "accuracy": 20 } } }"""))
                .isInstanceOf(TerminalMessage.State.class);
        assertThat(LinkJson.readTerminal("{ \"type\": \"flags\", \"mail\": 1234, \"seen\": true }"))
                .isEqualTo(new TerminalMessage.Flags(MAIL, Optional.of(true), Optional.empty(), Optional.empty()));
    }

    @Test
    void fieldsThisVersionDoesNotKnowAreIgnoredInAMessageAndItsReport() {
        assertThat(LinkJson.readTerminal("{\"type\": \"ack\", \"seq\": 1, \"user\": \"bob\", \"x-acme\": {\"a\": [1]}}"))
                .isEqualTo(new TerminalMessage.Ack(1));
        assertThat(LinkJson.readTerminal("""
                { "type": "state",
                  "report": { "at": "2026-11-26T10:00:00Z", "power": "on", "battery": 0.8,
                              "location": { "lat": 52.5201, "lon": 13.4049, "floor": 3 } } }"""))
                .isEqualTo(new TerminalMessage.State(UsageReport.on(AT).withLocation(new Location(52.5201, 13.4049, 0))));
    }

    @Test
    void aPolicyStaysStrictForAFieldIgnoredWouldSendMailElsewhere() {
        assertThatThrownBy(() -> LinkJson.readTerminal("{\"type\": \"policy.set\", \"policy\": {\"rules\": [], \"quiet\": true}}"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("policy.quiet: unknown field");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON           | {"type":                                        | not JSON: Unexpected end-of-input
            not an object      | [1, 2]                                          | a message must be a JSON object
            no type            | {"seq": 1}                                      | type: is required
            unknown type       | {"type": "subscribe"}                           | type: 'subscribe' is not one of hello, state, probe.reply, ack, flags, policy.set, policy.get
            ack of nothing     | {"type": "ack", "seq": 0}                       | seq: must be a whole number from 1 to 9223372036854775807, got 0
            bad power          | {"type": "state", "report": {"at": "2026-11-26T10:00:00Z", "power": "sleeping"}} | report.power: 'sleeping' is not one of on, asleep, off
            bad policy         | {"type": "policy.set", "policy": {"rules": [{"kind": "loudest"}]}} | policy.rules[0].kind: 'loudest' is not one of in-use, prefer, several, nearest, capability
            mail id as text    | {"type": "flags", "mail": "1234", "seen": true} | mail: must be a whole number from 1 to 9223372036854775807, got "1234"
            version as text    | {"type": "hello", "v": "1.1", "token": "t"}     | v: must be a whole number from 0 to 2147483647, got "1.1"
            minor negative     | {"type": "hello", "v": 1, "minor": -1, "token": "t"} | minor: must be a whole number from 0 to 2147483647, got -1
            id a number        | {"type": "policy.get", "id": 7}                 | id: must be a string of 1 to 64 visible ASCII characters ('!' to '~')
            id with a space    | {"type": "policy.get", "id": "r 7"}             | id: must be a string of 1 to 64 visible ASCII characters
            id empty           | {"type": "policy.get", "id": ""}                | id: must be a string of 1 to 64 visible ASCII characters
            id too long        | {"type": "policy.get", "id": "12345678901234567890123456789012345678901234567890123456789012345"} | id: must be a string of 1 to 64
            """)
    void aBadMessageIsRefusedNamingWhatIsWrong(String title, String json, String message) {
        assertThatThrownBy(() -> LinkJson.readTerminal(json)).isInstanceOf(InvalidInputException.class).hasMessageStartingWith(message);
    }

    @Test
    void aKeyGivenTwiceIsMalformedAndTheMessageShowsNoParserInternals() {
        assertThatThrownBy(() -> LinkJson.readRequest("{\"type\": \"ack\", \"seq\": 1, \"seq\": 9}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("not JSON: duplicate field 'seq' at line 1, column 32");
        assertThatThrownBy(() -> LinkJson.readRequest("{\"type\": \"ack\", \"seq\": 1} {\"type\": \"ack\", \"seq\": 2}"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("not JSON: ");
        assertThatThrownBy(() -> LinkJson.readRequest("{\"type\": \"ack\", /* note */ \"seq\": tru}"))
                .isInstanceOf(InvalidInputException.class)
                .message().doesNotContain("Feature", "Source", "REDACTED", "com.fasterxml");
    }
}
