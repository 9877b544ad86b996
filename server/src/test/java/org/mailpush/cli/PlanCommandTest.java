package org.mailpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlanCommandTest {
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }

        List<String> devices(String action) throws IOException {
            List<String> ids = new ArrayList<>();
            json().get("targets").forEach(t -> {
                if (t.get("action").asText().equals(action)) {
                    ids.add(t.get("device").asText());
                }
            });
            return ids;
        }
    }

    static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = MailpushCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Stream<Arguments> documentedExamples() {
        return Stream.of(
                Arguments.of("in-use.json", List.of("desktop"), List.of(), "rule 1 'in use'"),
                Arguments.of("nearest.json", List.of("laptop"), List.of(), "rule 1 'nearest'"),
                Arguments.of("nearest-screen.json", List.of("laptop"), List.of(), "rule 1 'nearest, not a phone'"),
                Arguments.of("three-phones.json", List.of("colour"), List.of("mono-1", "mono-2"),
                        "rule 1 'pictures to a phone that can show them'"),
                Arguments.of("prefer-laptop.json", List.of("laptop"), List.of("phone"), "rule 3 'prefer laptop if on'"),
                Arguments.of("stale-fail-open.json", List.of("laptop", "phone"), List.of(), "fail-open: no rule picked a device"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedExamples")
    void plansEveryDocumentedExample(String file, List<String> full, List<String> hinted, String decidedBy) throws IOException {
        Run run = run("plan", EXAMPLES.resolve(file).toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.devices("FULL")).containsExactlyElementsOf(full);
        assertThat(run.devices("HINT")).containsExactlyElementsOf(hinted);
        assertThat(run.json().at("/decidedBy/description").asText()).isEqualTo(decidedBy);
    }

    @Test
    void everyExampleFileIsCoveredByTheTable() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(documentedExamples().map(a -> (String) a.get()[0]).toList());
        }
    }

    @Test
    void hintsNameTheDeviceThatGotTheMail() throws IOException {
        JsonNode plan = run("plan", EXAMPLES.resolve("three-phones.json").toString()).json();

        JsonNode hint = plan.get("targets").get(1);
        assertThat(hint.get("device").asText()).isEqualTo("mono-1");
        assertThat(hint.get("pushedTo").get(0).asText()).isEqualTo("colour");
        assertThat(hint.get("reason").asText()).contains("cannot show pictures", "hint: mail went to colour phone");
        assertThat(hint.get("address").asText()).isEqualTo("tel:+4915100000001");
        assertThat(plan.get("targets").get(2).get("reason").asText())
                .startsWith("work phone: ").contains("pictures but no colour; hint: mail went to colour phone");
    }

    @Test
    void theSameScenarioGivesTheSamePlan() {
        String file = EXAMPLES.resolve("prefer-laptop.json").toString();

        assertThat(run("plan", file).out()).isEqualTo(run("plan", file).out());
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws IOException {
        Path file = write("broken.json", "{\n  \"now\": \"2026-11-26T10:00:00Z\",\n  \"devices\": [,]\n}");

        Run run = run("plan", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith(file + ":3:").contains("malformed JSON");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithItsPlaceNotDecidedByTheLast() throws IOException {
        Path file = write("twice.json", "{\n  \"now\": \"2026-11-26T10:00:00Z\",\n  \"now\": \"2026-11-27T10:00:00Z\",\n  \"devices\": []\n}");

        Run run = run("plan", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).matches(java.util.regex.Pattern.quote(file + ":3:") + "\\d+: malformed JSON: duplicate field 'now'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aDirectoryIsRefusedInOneLine() {
        Run run = run("plan", EXAMPLES.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo(EXAMPLES + ": is a directory, not a scenario file");
    }

    @Test
    void aWrongWordNamesTheFieldPathAndTheWordsAllowed() throws IOException {
        String scenario = Files.readString(EXAMPLES.resolve("stale-fail-open.json"))
                .replace("\"type\": \"laptop\" }", "\"type\": \"labtop\" }");
        Path file = write("typo.json", scenario);

        Run run = run("plan", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo(file + ": policy.rules[1].type: 'labtop' is not one of "
                + "phone, laptop, desktop, tablet, browser");
    }

    @Test
    void anUnknownFieldIsRefused() throws IOException {
        Path file = write("unknown.json", """
                {"now": "2026-11-26T10:00:00Z", "devices": [], "mail": {"from": "a@b.c", "sender": "x"}}
                """);

        Run run = run("plan", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("mail.sender: unknown field (expected one of attachmentTypes, from, importance,");
    }

    @Test
    void aMissingRequiredFieldIsNamed() throws IOException {
        Path file = write("missing.json", """
                {"now": "2026-11-26T10:00:00Z", "devices": [{"id": "p", "type": "phone", "report": {"power": "on"}}], "mail": {}}
                """);

        assertThat(run("plan", file.toString()).err()).contains("devices[0].report.at: is required");
    }

    @Test
    void anInvalidValueNamesTheFieldAndTheValue() throws IOException {
        Path file = write("values.json", """
                {"now": "2026-11-26T10:00:00Z",
                 "devices": [{"id": "p", "type": "phone", "addresses": ["fax:123"]}], "mail": {}}
                """);

        assertThat(run("plan", file.toString()).err())
                .contains("devices[0].addresses[0]: address must start with link:, tel:, ip:, mac:, https: or http:, got 'fax:123'");
    }

    @Test
    void aDuplicateDeviceIdIsRefused() throws IOException {
        Path file = write("twice.json", """
                {"now": "2026-11-26T10:00:00Z",
                 "devices": [{"id": "p", "type": "phone"}, {"id": "p", "type": "laptop"}], "mail": {}}
                """);

        assertThat(run("plan", file.toString()).err()).contains("devices[1].id: device id 'p' appears twice");
    }

    @Test
    void aMissingOrEmptyFileIsReported() throws IOException {
        assertThat(run("plan", dir.resolve("nowhere.json").toString()))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(1))
                .satisfies(r -> assertThat(r.err()).contains("no such file"));
        assertThat(run("plan", write("empty.json", "").toString()).err()).contains("empty file");
    }

    @Test
    void aBadCommandLineExitsWithTwo() {
        assertThat(run("plan").exitCode()).isEqualTo(2);
        assertThat(run("no-such-command").exitCode()).isEqualTo(2);
    }

    @Test
    void helpListsTheSubcommands() {
        Run run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("plan", "build", "test");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
