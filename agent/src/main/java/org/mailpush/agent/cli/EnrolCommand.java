package org.mailpush.agent.cli;

import java.io.Console;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mailpush.agent.app.Agent;
import org.mailpush.agent.config.AgentConfig;
import org.mailpush.agent.control.ControlClient;
import org.mailpush.agent.state.StateFile;
import org.mailpush.agent.config.DeviceConfig;
import org.mailpush.agent.link.Enrolment;
import org.mailpush.agent.link.ServerAddress;
import org.mailpush.agent.state.Credentials;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceId;
import org.mailpush.user.UserId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailpush agent enrol}: obtains a device token with the user's credentials. */
@Command(name = "enrol", mixinStandardHelpOptions = true,
        description = {"Enrol this machine as one of your terminals, with your password.",
            "The server issues a device token, kept in the state directory (readable",
            "by you only). Capabilities come from the configuration (capabilities.*)."})
final class EnrolCommand implements Callable<Integer> {
    private static final com.fasterxml.jackson.databind.JsonNode PING =
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("request", "ping");

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions options;

    @Option(names = "--server", paramLabel = "URL",
            description = "the server, e.g. https://mail.example.com (default: server.url, else the one enrolled with before)")
    String server;

    @Option(names = "--user", required = true, paramLabel = "USER", description = "your user id on the server")
    String user;

    @Option(names = "--device", paramLabel = "ID", description = "this terminal's id (default: device.id, else the host name)")
    String device;

    @Option(names = "--type", paramLabel = "TYPE", description = "laptop, desktop, phone or tablet (default: device.type, else laptop)")
    String type;

    @Option(names = "--name", paramLabel = "NAME", description = "a name shown in hints (default: device.name, else the id)")
    String name;

    @Option(names = "--password-file", paramLabel = "FILE", description = "read the password from this file instead of asking")
    Path passwordFile;

    @Override
    public Integer call() throws IOException {
        Map<String, String> flags = new LinkedHashMap<>();
        putIfGiven(flags, "server.url", server);
        putIfGiven(flags, "device.id", device);
        putIfGiven(flags, "device.type", type);
        putIfGiven(flags, "device.name", name);
        AgentConfig config = options.config(flags);
        if (new ControlClient(config.stateDirectory().resolve(Agent.CONTROL_SOCKET)).ask(PING).isPresent()) {
            throw new IllegalStateException("the agent is running with this state; stop it before enrolling again");
        }
        Credentials credentials = new Credentials(config.tokenFile(), config.stateDirectory());
        URI url = (config.server().isPresent() ? config.server() : credentials.server()).orElseThrow(() ->
                new IllegalArgumentException("which server? give --server URL (or server.url in the configuration)"));
        ServerAddress address = ServerAddress.checked(url, config.insecure());
        Device terminal = device(config.device(), new UserId(user));
        char[] password = password();
        String token = new Enrolment(address, HttpClient.newHttpClient()).enrol(terminal, password);
        java.util.Arrays.fill(password, ' ');
        var out = spec.commandLine().getOut();
        Credentials.Enrolled now = new Credentials.Enrolled(url, user, terminal.id().value());
        if (credentials.enrolment().filter(before -> !before.equals(now)).isPresent()) {
            // Sequence numbers and mail ids belong to one device on one server: the old ones mean nothing here.
            new StateFile(config.stateDirectory()).startOver();
            out.printf("this terminal was enrolled elsewhere before; its old state is kept as state.json.previous%n");
        }
        credentials.enrolled(url, user, terminal.id().value(), token);
        out.printf("enrolled %s (%s) of %s at %s%n", terminal.id(), terminal.type().word(), user, url);
        out.printf("the device token is kept in %s; start the agent with: %s%n", config.tokenFile(), options.runCommand());
        out.flush();
        return 0;
    }

    private static Device device(DeviceConfig config, UserId owner) {
        DeviceId id = config.id().orElseGet(() -> new DeviceId(hostName()));
        return new Device(id, owner, config.name().orElse(id.value()), config.type(), config.capabilities(), config.addresses());
    }

    private static String hostName() {
        try {
            String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            return host.replaceAll("[^A-Za-z0-9._-]", "-");
        } catch (IOException e) {
            throw new IllegalArgumentException("give the device id with --device");
        }
    }

    private char[] password() throws IOException {
        if (passwordFile != null) {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to ask for the password: give --password-file FILE");
        }
        char[] password = console.readPassword("password of %s: ", user);
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("no password given");
        }
        return password;
    }

    private static void putIfGiven(Map<String, String> flags, String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }
}
