package org.mailpush.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw configuration: keys such as {@code smtp.port} from a properties file, overridden by environment
 * variables ({@code MAILPUSH_SMTP_PORT}), overridden by command-line flags. Typed reads name the key
 * and where its value came from when the value is bad; {@link #requireAllUsed()} refuses unknown keys,
 * so a typo fails at start-up instead of being ignored. See {@code docs/configuration.md}.
 */
public final class Settings {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KIB|MB|MIB|GB|GIB)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)");

    private record Value(String text, String source) {}

    private final Map<String, Value> file = new TreeMap<>();
    private final Map<String, Value> environment = new TreeMap<>();
    private final Map<String, Value> flags = new TreeMap<>();
    private final Set<String> used = new HashSet<>();

    /**
     * Settings from a file, the environment and the command line, in rising precedence. An
     * environment variable names a key in upper case with {@code MAILPUSH_} before it and '_' for
     * '.' and '-': {@code smtp.max-message-size} is {@code MAILPUSH_SMTP_MAX_MESSAGE_SIZE}.
     */
    public static Settings of(Map<String, String> file, String fileName, Map<String, String> environment, Map<String, String> flags) {
        Settings settings = new Settings();
        file.forEach((key, value) -> settings.file.put(key, new Value(value.strip(), fileName)));
        environment.forEach((name, value) -> {
            if (name.startsWith("MAILPUSH_") && !IGNORED_VARIABLES.contains(name)) {
                settings.environment.put(name, new Value(value.strip(), "environment variable " + name));
            }
        });
        flags.forEach((key, value) -> settings.flags.put(key, new Value(value.strip(), "command line")));
        return settings;
    }

    /** Variables of the launcher and of logging, not configuration keys. */
    private static final Set<String> IGNORED_VARIABLES = Set.of("MAILPUSH_JAVA_OPTS", "MAILPUSH_LOG_LEVEL", "MAILPUSH_LOG_FORMAT");

    static String variable(String key) {
        return "MAILPUSH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Reads a properties file; a missing file gives no settings. */
    public static Map<String, String> readFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    public String text(String key, String fallback) {
        return read(key, fallback, Function.identity(), "");
    }

    public int port(String key, int fallback) {
        return read(key, fallback, text -> {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException();
            }
            return port;
        }, "a port number from 0 to 65535");
    }

    public int count(String key, int fallback) {
        return read(key, fallback, text -> {
            int count = Integer.parseInt(text);
            if (count < 1) {
                throw new IllegalArgumentException();
            }
            return count;
        }, "a whole number of at least 1");
    }

    /** A size such as {@code 25MiB}, {@code 512KB} or {@code 1048576} (bytes). */
    public long bytes(String key, long fallback) {
        return read(key, fallback, text -> {
            Matcher m = SIZE.matcher(text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException();
            }
            long unit = switch (m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT)) {
                case "KB", "KIB" -> 1024L;
                case "MB", "MIB" -> 1024L * 1024;
                case "GB", "GIB" -> 1024L * 1024 * 1024;
                default -> 1L;
            };
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        }, "a size such as 25MiB, 512KB or 1048576");
    }

    /** A duration such as {@code 30s}, {@code 5m}, {@code 2h}, {@code 250ms} or ISO-8601 {@code PT5M}. */
    public Duration duration(String key, Duration fallback) {
        return read(key, fallback, text -> {
            Matcher m = SHORT_DURATION.matcher(text.strip());
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m", "min" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(e);
            }
        }, "a duration such as 30s, 5m, 2h or PT5M");
    }

    public double number(String key, double fallback) {
        return read(key, fallback, Double::parseDouble, "a number");
    }

    /** {@code true} or {@code false}. */
    public boolean flag(String key, boolean fallback) {
        return read(key, fallback, text -> switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(text);
        }, "true or false");
    }

    /** A comma-separated list; empty items are dropped. */
    public List<String> list(String key, List<String> fallback) {
        return read(key, fallback, text -> Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(), "");
    }

    public Path path(String key, Path fallback) {
        return read(key, fallback, Path::of, "a file system path");
    }

    /** Turns a value's validation error from a settings record into one naming the key. */
    public <T> T check(String key, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config key " + key + ": " + e.getMessage(), e);
        }
    }

    /** The keys the components have read so far, given or not: after {@link ServerConfig#read}, every key there is. */
    Set<String> keysRead() {
        return Set.copyOf(used);
    }

    /** @throws IllegalArgumentException naming every key that no component read */
    public void requireAllUsed() {
        Set<String> variables = new HashSet<>();
        used.forEach(key -> variables.add(variable(key)));
        List<String> unknown = new java.util.ArrayList<>();
        file.forEach((key, value) -> {
            if (!used.contains(key)) {
                unknown.add(key + " (from " + value.source() + ")");
            }
        });
        flags.forEach((key, value) -> {
            if (!used.contains(key)) {
                unknown.add(key + " (from " + value.source() + ")");
            }
        });
        environment.forEach((name, value) -> {
            if (!variables.contains(name)) {
                unknown.add(value.source());
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown configuration: " + String.join(", ", unknown)
                    + "; docs/configuration.md lists every key");
        }
    }

    private <T> T read(String key, T fallback, Function<String, T> parse, String expected) {
        used.add(key);
        Value value = flags.containsKey(key) ? flags.get(key)
                : environment.containsKey(variable(key)) ? environment.get(variable(key))
                : file.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return parse.apply(value.text());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("config key " + key + " (from " + value.source() + "): '" + value.text()
                    + "' is not " + expected);
        }
    }
}
