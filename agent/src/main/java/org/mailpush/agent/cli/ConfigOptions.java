package org.mailpush.agent.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.mailpush.agent.config.AgentConfig;
import org.mailpush.agent.config.AgentSettings;
import picocli.CommandLine.Option;

/** Where the agent's configuration is, and settings given on the command line: shared by every subcommand. */
final class ConfigOptions {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    @Option(names = "--config", paramLabel = "FILE",
            description = "the configuration file (default: $XDG_CONFIG_HOME/mailpush/agent.properties, "
                    + "else ~/.config/mailpush/agent.properties)")
    Path configFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "a setting, overriding the file; docs/agent.md lists the keys")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--insecure",
            description = "allow plain http:// to a server on another machine (server.insecure=on); "
                    + "the password and the device token then cross the network unencrypted")
    boolean insecure;

    Path configFile() {
        if (configFile != null) {
            return configFile;
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        String home = System.getenv("HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home, ".config");
        return base.resolve("mailpush").resolve("agent.properties");
    }

    /** The configuration from the file and the flags, with more flags from the subcommand. */
    AgentConfig config(Map<String, String> more) {
        Path file = configFile();
        Map<String, String> flags = new LinkedHashMap<>(overrides);
        flags.putAll(more);
        if (insecure) {
            flags.put("server.insecure", "on");
        }
        try {
            return AgentConfig.read(AgentSettings.of(AgentSettings.readFile(file), file.toString(), flags, System.getenv()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The command that starts the agent on the configuration these options name: {@code --config},
     * {@code --set} and {@code --insecure} repeated as given (an agent started without them would use
     * another state directory, token or server setting), quoted for a POSIX shell where needed.
     */
    String runCommand() {
        List<String> words = new ArrayList<>(List.of("./mailpush", "agent", "run"));
        if (configFile != null) {
            words.addAll(List.of("--config", configFile.toString()));
        }
        overrides.forEach((key, value) -> words.addAll(List.of("--set", key + "=" + value)));
        if (insecure) {
            words.add("--insecure");
        }
        return String.join(" ", words.stream().map(ConfigOptions::quoted).toList());
    }

    private static String quoted(String word) {
        return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    AgentConfig config() {
        return config(Map.of());
    }
}
