package org.mailpush.agent.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mailpush.device.Capabilities;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.presence.Location;
import org.mailpush.presence.Temperature;

/**
 * The agent's whole configuration, read once from {@link AgentSettings}; each component gets its
 * slice. Every key and its default is listed in {@code docs/agent.md}.
 *
 * @param server         the server's base URL (http or https); empty means the one remembered at enrolment
 * @param stateDirectory where the token, the last acknowledged sequence and the mail index live
 * @param tokenFile      the device token, one line
 * @param maildir        the Maildir that full mail is written to
 * @param insecure       whether plain http:// to a server on another machine is allowed ({@code server.insecure})
 */
public record AgentConfig(Optional<URI> server, Path stateDirectory, Path tokenFile, Path maildir, DeviceConfig device,
        SensingConfig sensing, NotifyConfig notifications, LinkConfig link, boolean insecure) {

    /** The types this machine may enrol as ({@code device.type}): a terminal that receives mail and is no browser. */
    public static final List<DeviceType> AGENT_TYPES = List.of(DeviceType.LAPTOP, DeviceType.DESKTOP, DeviceType.PHONE, DeviceType.TABLET);

    static final List<String> LOGIND_IDLE = List.of("-p", "IdleHint", "-p", "IdleSinceHint");
    static final List<String> GDBUS_LOGIND = List.of("gdbus", "monitor", "--system", "--dest", "org.freedesktop.login1",
            "--object-path", "/org/freedesktop/login1");
    static final List<String> SLEEP_DELAY = List.of("systemd-inhibit", "--what=sleep:shutdown", "--mode=delay",
            "--who=mailpush-agent", "--why=report-going-to-sleep", "cat");
    static final List<String> CLOSE_NOTIFICATION = List.of("gdbus", "call", "--session", "--dest",
            "org.freedesktop.Notifications", "--object-path", "/org/freedesktop/Notifications", "--method",
            "org.freedesktop.Notifications.CloseNotification");

    public AgentConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(tokenFile, "tokenFile");
        Objects.requireNonNull(maildir, "maildir");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(sensing, "sensing");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(link, "link");
    }

    /** Reads every key; an unknown key or a bad value fails with a message naming it. */
    public static AgentConfig read(AgentSettings settings) {
        Optional<URI> server = settings.has("server.url")
                ? Optional.of(settings.check("server.url", () -> serverUrl(settings.text("server.url", ""))))
                : Optional.empty();
        Path state = settings.path("state-dir", defaultStateDirectory(settings)).toAbsolutePath().normalize();
        Path token = settings.path("token-file", state.resolve("token")).toAbsolutePath().normalize();
        Path maildir = settings.path("maildir", settings.home().resolve("Mail/mailpush")).toAbsolutePath().normalize();
        boolean insecure = settings.onOff("server.insecure", false);
        AgentConfig config = new AgentConfig(server, state, token, maildir, device(settings),
                new SensingReader(settings).read(), notify(settings), link(settings), insecure);
        settings.requireAllUsed();
        return config;
    }

    /** An http or https URL with a host; a trailing slash is dropped. */
    public static URI serverUrl(String text) {
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!Set.of("http", "https").contains(String.valueOf(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("'" + text + "' is not an http:// or https:// URL of the server");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason(), e);
        }
    }

    private static Path defaultStateDirectory(AgentSettings settings) {
        return settings.environment("XDG_STATE_HOME").map(Path::of)
                .orElse(settings.home().resolve(".local/state"))
                .resolve("mailpush-agent");
    }

    private static DeviceConfig device(AgentSettings s) {
        Optional<DeviceId> id = Optional.ofNullable(s.text("device.id", null)).map(text -> s.check("device.id", () -> new DeviceId(text)));
        Optional<String> name = Optional.ofNullable(s.text("device.name", null));
        String given = s.has("device.type") ? s.text("device.type", "") : "";
        if (given.equals(DeviceType.LOCATOR.word())) {
            throw new IllegalArgumentException("config key device.type: a locator receives no mail");
        }
        if (given.equals(DeviceType.BROWSER.word())) {
            // The server counts a browser terminal it has not seen for long as a stale web-app visit.
            throw new IllegalArgumentException("config key device.type: the agent is no browser (the web app enrols a browser itself); "
                    + "one of " + String.join(", ", AGENT_TYPES.stream().map(AgentSettings::word).toList()));
        }
        DeviceType type = s.word("device.type", AGENT_TYPES, DeviceType.LAPTOP);
        List<DeviceAddress> addresses = s.check("device.addresses",
                () -> s.list("device.addresses", List.of()).stream().map(DeviceAddress::parse).toList());
        boolean pictures = s.onOff("capabilities.pictures", true);
        boolean colour = s.onOff("capabilities.colour", true);
        long max = s.bytes("capabilities.max-mail-size", Capabilities.UNLIMITED);
        List<String> types = s.list("capabilities.attachment-types", List.of("*/*"));
        Capabilities capabilities = s.check("capabilities.max-mail-size", () -> new Capabilities(pictures, colour, max, Set.of()));
        capabilities = s.check("capabilities.attachment-types", () -> new Capabilities(pictures, colour, max, Set.copyOf(types)));
        return new DeviceConfig(id, name, type, capabilities, addresses);
    }

    private static NotifyConfig notify(AgentSettings s) {
        NotifyConfig.Mode mode = s.word("notify", NotifyConfig.Mode.class, NotifyConfig.Mode.AUTO);
        List<String> command = command(s, "notify.command", List.of("notify-send"));
        List<String> close = command(s, "notify.close-command", CLOSE_NOTIFICATION);
        return new NotifyConfig(mode, command, close);
    }

    private static LinkConfig link(AgentSettings s) {
        Duration min = s.duration("link.reconnect-min", Duration.ofSeconds(1));
        Duration max = s.duration("link.reconnect-max", Duration.ofMinutes(5));
        Duration keepalive = s.duration("link.keepalive", Duration.ofMinutes(2));
        return s.check("link.reconnect-min", () -> new LinkConfig(min, max, keepalive));
    }

    /** A command line split at white space; {@code ~/} at the start of the program means the home directory. */
    static List<String> command(AgentSettings s, String key, List<String> fallback) {
        List<String> words = s.text(key, null) == null ? fallback
                : Arrays.stream(s.text(key, "").split("\\s+")).filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) {
            throw new IllegalArgumentException("config key " + key + ": the command must not be empty");
        }
        String program = words.getFirst().startsWith("~") ? s.expandHome(words.getFirst()).toString() : words.getFirst();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(program), words.stream().skip(1)).toList();
    }

    /** Whether a program can be found as given or on the PATH. */
    static boolean installed(AgentSettings s, String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        return s.environment("PATH").stream().flatMap(path -> Arrays.stream(path.split(":")))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }

    static Location location(String text) {
        String[] parts = text.strip().split("[,\\s]+");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("'" + text + "' is not LAT,LON or LAT,LON,ACCURACY");
        }
        try {
            double accuracy = parts.length == 3 ? Double.parseDouble(parts[2]) : 0;
            return new Location(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), accuracy);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not LAT,LON or LAT,LON,ACCURACY");
        }
    }

    static Temperature[] band(String text) {
        String[] parts = text.strip().split("\\s*(-|\\.\\.)\\s*(?=[0-9])", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not a band such as 31-38.5");
        }
        try {
            return new Temperature[] {Temperature.celsius(Double.parseDouble(parts[0])), Temperature.celsius(Double.parseDouble(parts[1]))};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a band such as 31-38.5");
        }
    }
}
