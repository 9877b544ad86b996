package org.mailpush.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mailpush.app.ServerConfig;
import org.mailpush.app.Settings;
import picocli.CommandLine.Option;

/** Where the server's data and configuration are: shared by every command that needs them. */
final class ConfigOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "the data directory (default: $MAILPUSH_DATA_DIR, else ./data)")
    Path dataDirectory;

    @Option(names = "--config", paramLabel = "FILE",
            description = "a properties file of settings (default: mailpush.properties in the data directory)")
    Path configFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "a setting, overriding file and environment; docs/configuration.md lists the keys")
    Map<String, String> overrides = new LinkedHashMap<>();

    Path dataDirectory() {
        if (dataDirectory != null) {
            return dataDirectory;
        }
        String fromEnvironment = System.getenv("MAILPUSH_DATA_DIR");
        return Path.of(fromEnvironment == null || fromEnvironment.isBlank() ? "data" : fromEnvironment);
    }

    /** The settings from file, environment and flags; a bad value fails naming its key. */
    ServerConfig config() {
        Path file = configFile != null ? configFile : dataDirectory().resolve("mailpush.properties");
        Map<String, String> flags = new LinkedHashMap<>(overrides);
        flags.put("data-dir", dataDirectory().toString());
        try {
            return ServerConfig.read(Settings.of(Settings.readFile(file), file.toString(), System.getenv(), flags));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
