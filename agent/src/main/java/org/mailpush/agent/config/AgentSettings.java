package org.mailpush.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's raw configuration: keys such as {@code sense.input} from one properties file,
 * overridden by command-line flags. Typed reads name the key and where its value came from when the
 * value is bad; {@link #requireAllUsed()} refuses unknown keys, so a typo fails at start-up. The
 * agent reads no environment variables of its own (the server owns {@code MAILPUSH_*}); only the
 * XDG ones decide default directories. See {@code docs/agent.md}.
 */
public final class AgentSettings {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KIB|MB|MIB|GB|GIB)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)");

    private record Value(String text, String source) {}

    private final Map<String, Value> values = new TreeMap<>();
    private final Set<String> used = new HashSet<>();
    private final Map<String, String> environment;

    private AgentSettings(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * Settings from a file and from the command line, the flags winning.
     *
     * @param environment the process environment, used only for default directories (HOME, XDG_*)
     */
    public static AgentSettings of(Map<String, String> file, String fileName, Map<String, String> flags,
            Map<String, String> environment) {
        AgentSettings settings = new AgentSettings(environment);
        file.forEach((key, value) -> settings.values.put(key, new Value(value.strip(), fileName)));
        flags.forEach((key, value) -> settings.values.put(key, new Value(value.strip(), "command line")));
        return settings;
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

    /** The environment variable, or empty when unset or blank. */
    java.util.Optional<String> environment(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value);
    }

    /** Whether the key was given at all (and marks it read). */
    boolean has(String key) {
        used.add(key);
        return values.containsKey(key);
    }

    String text(String key, String fallback) {
        return read(key, fallback, Function.identity(), "");
    }

    /** {@code on} or {@code off} (also true/false, yes/no). */
    boolean onOff(String key, boolean fallback) {
        return read(key, fallback, text -> switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new IllegalArgumentException();
        }, "on or off");
    }

    /** One of an enum's words, written in lower case with '-' for '_'. */
    <E extends Enum<E>> E word(String key, Class<E> type, E fallback) {
        return word(key, Arrays.asList(type.getEnumConstants()), fallback);
    }

    /** One of the given constants, written as {@link #word(String, Class, Enum)} reads them; the error lists only these. */
    <E extends Enum<E>> E word(String key, List<E> choices, E fallback) {
        List<String> words = choices.stream().map(AgentSettings::word).toList();
        return read(key, fallback, text -> {
            for (E constant : choices) {
                if (word(constant).equals(text)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException();
        }, "one of " + String.join(", ", words));
    }

    static String word(Enum<?> constant) {
        return constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** A size such as {@code 25MiB}, {@code 512KB} or {@code 1048576} (bytes). */
    long bytes(String key, long fallback) {
        return read(key, fallback, text -> {
            Matcher m = SIZE.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException();
            }
            long unit = switch (m.group(2) == null ? "B" : m.group(2).toUpperCase(java.util.Locale.ROOT)) {
                case "KB", "KIB" -> 1024L;
                case "MB", "MIB" -> 1024L * 1024;
                case "GB", "GIB" -> 1024L * 1024 * 1024;
                default -> 1L;
            };
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        }, "a size such as 25MiB, 512KB or 1048576");
    }

    /** A positive duration such as {@code 30s}, {@code 5m}, {@code 2h}, {@code 250ms} or ISO-8601 {@code PT5M}. */
    Duration duration(String key, Duration fallback) {
        return read(key, fallback, text -> {
            Duration duration = parseDuration(text);
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException();
            }
            return duration;
        }, "a positive duration such as 30s, 5m, 2h or PT5M");
    }

    private static Duration parseDuration(String text) {
        Matcher m = SHORT_DURATION.matcher(text);
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
    }

    double number(String key, double fallback) {
        return read(key, fallback, text -> {
            double number = Double.parseDouble(text);
            if (!Double.isFinite(number)) {
                throw new IllegalArgumentException();
            }
            return number;
        }, "a number");
    }

    /** A comma-separated list; empty items are dropped. */
    List<String> list(String key, List<String> fallback) {
        return read(key, fallback, text -> Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(), "");
    }

    /** A path; a leading {@code ~/} means the home directory. */
    Path path(String key, Path fallback) {
        return read(key, fallback, this::expandHome, "a file system path");
    }

    Path expandHome(String text) {
        if (text.equals("~") || text.startsWith("~/")) {
            return home().resolve(text.equals("~") ? "" : text.substring(2));
        }
        return Path.of(text);
    }

    Path home() {
        return Path.of(environment("HOME").orElse(System.getProperty("user.home")));
    }

    /** Turns a value's validation error into one naming the key and the value's source. */
    <T> T check(String key, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            Value value = values.get(key);
            String source = value == null ? "" : " (from " + value.source() + ")";
            throw new IllegalArgumentException("config key " + key + source + ": " + e.getMessage(), e);
        }
    }

    /** The keys read so far, given or not. */
    Set<String> keysRead() {
        return Set.copyOf(used);
    }

    /** @throws IllegalArgumentException naming every key that no component read */
    void requireAllUsed() {
        List<String> unknown = new ArrayList<>();
        values.forEach((key, value) -> {
            if (!used.contains(key)) {
                unknown.add(key + " (from " + value.source() + ")");
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown configuration: " + String.join(", ", unknown)
                    + "; docs/agent.md lists every key");
        }
    }

    private <T> T read(String key, T fallback, Function<String, T> parse, String expected) {
        used.add(key);
        Value value = values.get(key);
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
