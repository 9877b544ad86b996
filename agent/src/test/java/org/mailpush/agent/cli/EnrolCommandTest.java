package org.mailpush.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mailpush.agent.config.AgentConfig;
import org.mailpush.device.DeviceType;
import picocli.CommandLine;

/** What {@code agent enrol} tells a newcomer agrees with docs/agent.md and with what the configuration accepts. */
class EnrolCommandTest {
    private static String help() {
        var out = new ByteArrayOutputStream();
        AgentCommandAccess.execute(new PrintWriter(out, true), new PrintWriter(new ByteArrayOutputStream(), true), "enrol", "--help");
        return out.toString().replaceAll("\\s+", " ");
    }

    private static String agentDoc() throws IOException {
        // Tests run in the module's directory.
        return Files.readString(Path.of("..", "docs", "agent.md"));
    }

    private static List<String> words(String list) {
        return Arrays.stream(list.split(",| or ")).map(w -> w.replace("`", "").strip()).filter(w -> !w.isEmpty()).toList();
    }

    @Test
    void theTypesOfferedByHelpAndTheDocsAreTheTypesTheConfigurationAccepts() throws IOException {
        List<String> accepted = AgentConfig.AGENT_TYPES.stream().map(DeviceType::word).toList();
        Matcher help = Pattern.compile("--type=TYPE ([a-z, ]+) \\(default").matcher(help());
        Matcher doc = Pattern.compile("\\| `device.type` \\| `laptop` \\| ([^|]+) \\|").matcher(agentDoc());

        assertThat(help.find()).as("enrol --help describes --type").isTrue();
        assertThat(doc.find()).as("docs/agent.md has a device.type row").isTrue();
        assertThat(words(help.group(1))).containsExactlyElementsOf(accepted);
        assertThat(words(doc.group(1))).containsExactlyElementsOf(accepted);
        assertThat(accepted).doesNotContain(DeviceType.BROWSER.word(), DeviceType.LOCATOR.word());
    }

    @Test
    void theDocsNameEveryOptionOfEnrol() throws IOException {
        String doc = agentDoc();
        var enrol = AgentCommand.commandLine().getSubcommands().get("enrol").getCommandSpec();

        assertThat(enrol.options().stream().map(CommandLine.Model.OptionSpec::longestName)
                .filter(name -> !List.of("--help", "--version").contains(name)))
                .allSatisfy(option -> assertThat(doc).as("docs/agent.md names " + option).contains(option));
    }

    @Test
    void theRunCommandRepeatsTheConfigurationItWasGiven() {
        assertThat(runCommand()).isEqualTo("./mailpush agent run");
        assertThat(runCommand("--config", "/home/alice/work agent.properties", "-s", "maildir=~/Mail/work", "--insecure"))
                .isEqualTo("./mailpush agent run --config '/home/alice/work agent.properties' --set 'maildir=~/Mail/work' --insecure");
        assertThat(runCommand("--config", "/tmp/it's.properties")).endsWith("--config '/tmp/it'\\''s.properties'");
    }

    @Test
    void aBrowserIsRefusedNamingTheTypesTheAgentMayBe() {
        ConfigOptions options = new ConfigOptions();
        options.configFile = Path.of("/nonexistent/agent.properties");
        options.overrides.put("device.type", "browser");

        assertThatThrownBy(options::config).hasMessageContaining("config key device.type")
                .hasMessageContaining("laptop, desktop, phone, tablet");
    }

    private static String runCommand(String... args) {
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs(args);
        return options.runCommand();
    }
}
