package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailpush.json.DeviceJson;
import org.mailpush.json.Scenario;
import org.mailpush.json.ScenarioJson;
import org.mailpush.link.TerminalClient;
import org.mailpush.policy.ReportingMode;
import org.mailpush.presence.UsageReport;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;
import org.mailpush.route.DeviceSnapshot;

/**
 * The SPEC examples end to end: a real server process, a real SMTP client and one real WebSocket
 * terminal per device. Each documented scenario (docs/examples) is replayed with its reports moved to
 * the present — sent as heartbeats, or as answers to the server's probes — and the terminals that
 * should get the mail get it, those that should get a hint get one, and the others get nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");

    @TempDir
    static Path directory;

    private ServerProcess server;
    private Path data;
    private int users;

    @BeforeAll
    void start() {
        data = directory.resolve("data");
        server = ServerProcess.start(data, Map.of("link.probe-deadline", "5s"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static Stream<Arguments> examples() {
        List<Arguments> cases = new ArrayList<>();
        for (ReportingMode mode : ReportingMode.values()) {
            cases.add(Arguments.of("in-use.json", mode, List.of("desktop"), List.of()));
            cases.add(Arguments.of("nearest.json", mode, List.of("laptop"), List.of()));
            cases.add(Arguments.of("three-phones.json", mode, List.of("colour"), List.of("mono-1", "mono-2")));
            cases.add(Arguments.of("stale-fail-open.json", mode, List.of("laptop", "phone"), List.of()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} in {1} mode")
    @MethodSource("examples")
    void theRightTerminalsGetTheMail(String example, ReportingMode mode, List<String> fullIn, List<String> hintedIn) throws Exception {
        Scenario scenario = ScenarioJson.read(JSON.readTree(Files.readString(EXAMPLES.resolve(example))));
        String user = "user" + (++users);
        Admin.addUser(server.httpPort(), data, user, user + "@example.com");
        Map<String, TerminalClient> terminals = new HashMap<>();
        try {
            for (DeviceSnapshot snapshot : scenario.devices()) {
                terminals.put(user + "-" + snapshot.device().id().value(), connect(user, snapshot));
            }
            List<String> full = fullIn.stream().map(device -> user + "-" + device).toList();
            List<String> hinted = hintedIn.stream().map(device -> user + "-" + device).toList();
            TerminalClient first = terminals.values().iterator().next();
            first.send(new TerminalMessage.PolicySet(scenario.policy().withReporting(mode)));
            for (DeviceSnapshot snapshot : scenario.devices()) {
                if (snapshot.device().type().receivesMail()) {
                    terminals.get(user + "-" + snapshot.device().id().value()).next(ServerMessage.PolicyChanged.class);
                }
            }
            Duration shift = Duration.between(scenario.now(), Instant.now());
            Map<String, UsageReport> fresh = new HashMap<>();
            for (DeviceSnapshot snapshot : scenario.devices()) {
                Optional<UsageReport> report = snapshot.latestReport().map(r -> shifted(r, shift));
                boolean stale = report.map(r -> r.reportedAt().isBefore(Instant.now().minus(scenario.presence().reportTtl())))
                        .orElse(true);
                TerminalClient terminal = terminals.get(user + "-" + snapshot.device().id().value());
                if (mode == ReportingMode.HEARTBEAT || stale) {
                    report.ifPresent(r -> terminal.send(new TerminalMessage.State(r)));
                } else {
                    fresh.put(user + "-" + snapshot.device().id().value(), report.get());
                }
                terminal.send(new TerminalMessage.PolicyGet());
                terminal.next(ServerMessage.PolicyChanged.class);
            }

            try (Mailer mailer = new Mailer(server.smtpPort())) {
                var mail = scenario.mail();
                assertThat(mailer.send(mail.sender(), user + "@example.com", mail.subject(), mail.pictures(), (int) mail.sizeBytes()))
                        .isEqualTo(250);
            }
            for (var answering : fresh.entrySet()) {
                TerminalClient terminal = terminals.get(answering.getKey());
                var probe = terminal.next(ServerMessage.Probe.class);
                terminal.send(new TerminalMessage.ProbeReply(probe.probe(), answering.getValue()));
            }

            for (String device : full) {
                assertThat(unprobed(terminals.get(device), ServerMessage.Mail.class).summary().subject())
                        .isEqualTo(scenario.mail().subject());
            }
            for (String device : hinted) {
                assertThat(unprobed(terminals.get(device), ServerMessage.Hint.class).pushedTo())
                        .extracting(n -> n.device().value()).containsExactlyElementsOf(full);
            }
            assertDeliveriesOnlyTo(user, full, hinted);
            terminals.forEach((device, terminal) -> {
                if (!full.contains(device) && !hinted.contains(device)) {
                    assertThat(terminal.drain()).as(device + " gets nothing but probes")
                            .allMatch(ServerMessage.Probe.class::isInstance);
                }
            });
        } finally {
            terminals.values().forEach(TerminalClient::close);
        }
    }

    /** The next message of this type, passing over probes a silent terminal did not answer. */
    private static <T extends ServerMessage> T unprobed(TerminalClient terminal, Class<T> type) {
        ServerMessage message = terminal.next();
        while (message instanceof ServerMessage.Probe) {
            message = terminal.next();
        }
        assertThat(message).isInstanceOf(type);
        return type.cast(message);
    }

    private TerminalClient connect(String user, DeviceSnapshot snapshot) throws Exception {
        var device = DeviceJson.write(snapshot.device());
        device.remove("user");
        device.put("id", user + "-" + snapshot.device().id());
        String enrolled = Admin.post(server.httpPort(), data, "/api/admin/users/" + user + "/devices", device.toString());
        String token = JSON.readTree(enrolled).get("token").asText();
        return TerminalClient.hello(server.httpPort(), token, 0);
    }

    /** The plan kept for the user's one mail delivered the mail and hints to these devices and no others. */
    private void assertDeliveriesOnlyTo(String user, List<String> full, List<String> hinted) throws Exception {
        JsonNode mails = JSON.readTree(Admin.get(server.httpPort(), data, "/api/admin/users/" + user + "/mails"));
        assertThat(mails).hasSize(1);
        JsonNode mail = JSON.readTree(Admin.get(server.httpPort(), data, "/api/admin/users/" + user + "/mails/" + mails.get(0).get("id")));
        List<String> mailed = new ArrayList<>();
        List<String> hints = new ArrayList<>();
        for (JsonNode delivery : mail.get("deliveries")) {
            (delivery.get("kind").asText().equals("mail") ? mailed : hints).add(delivery.get("device").asText());
        }
        assertThat(mailed).containsExactlyInAnyOrderElementsOf(full);
        assertThat(hints).containsExactlyInAnyOrderElementsOf(hinted);
        assertThat(mail.get("plans")).hasSize(1);
    }

    private static UsageReport shifted(UsageReport report, Duration shift) {
        return new UsageReport(report.reportedAt().plus(shift), report.power(), report.lastInput().map(at -> at.plus(shift)),
                report.proximity(), report.temperature(), report.location());
    }
}
