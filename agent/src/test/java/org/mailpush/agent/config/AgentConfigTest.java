package org.mailpush.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.device.DeviceType;
import org.mailpush.presence.Location;
import org.mailpush.presence.Temperature;

class AgentConfigTest {
    private static final Map<String, String> ENV = Map.of("HOME", "/home/alice", "PATH", "/nonexistent");

    private static AgentConfig read(Map<String, String> file) {
        return read(file, ENV);
    }

    private static AgentConfig read(Map<String, String> file, Map<String, String> environment) {
        return AgentConfig.read(AgentSettings.of(file, "agent.properties", Map.of(), environment));
    }

    @Test
    void defaultsNeedNoConfiguration() {
        AgentConfig config = read(Map.of());

        assertThat(config.server()).isEmpty();
        assertThat(config.stateDirectory()).isEqualTo(Path.of("/home/alice/.local/state/mailpush-agent"));
        assertThat(config.tokenFile()).isEqualTo(Path.of("/home/alice/.local/state/mailpush-agent/token"));
        assertThat(config.maildir()).isEqualTo(Path.of("/home/alice/Mail/mailpush"));
        assertThat(config.device().type()).isEqualTo(DeviceType.LAPTOP);
        assertThat(config.device().capabilities().pictures()).isTrue();
        assertThat(config.sensing().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.sensing().temperature()).isEmpty();
        assertThat(config.sensing().proximity()).isEmpty();
        assertThat(config.sensing().location()).isEmpty();
        assertThat(config.sensing().power()).isPresent();
        assertThat(config.notifications().mode()).isEqualTo(NotifyConfig.Mode.AUTO);
        assertThat(config.link().reconnectMax()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void xdgStateHomeDecidesTheStateDirectory() {
        AgentConfig config = read(Map.of(), Map.of("HOME", "/home/alice", "XDG_STATE_HOME", "/var/state/alice"));

        assertThat(config.stateDirectory()).isEqualTo(Path.of("/var/state/alice/mailpush-agent"));
    }

    @Test
    void everySensorCanBeConfigured(@TempDir Path dir) {
        Map<String, String> file = new HashMap<>();
        file.put("server.url", "https://mail.example.com/");
        file.put("maildir", "~/Maildir");
        file.put("sense.input.source", "command");
        file.put("sense.input.command", "~/bin/idle --ms");
        file.put("sense.input.window", "2m");
        file.put("sense.temperature", "on");
        file.put("sense.temperature.file", dir.resolve("temp1_input").toString());
        file.put("sense.temperature.band", "30 - 37.5");
        file.put("sense.proximity", "on");
        file.put("sense.proximity.command", "/usr/local/bin/near");
        file.put("sense.location", "on");
        file.put("sense.location.fixed", "52.52, 13.405, 30");
        file.put("sense.power", "off");

        AgentConfig config = read(file);

        assertThat(config.server()).contains(URI.create("https://mail.example.com"));
        assertThat(config.maildir()).isEqualTo(Path.of("/home/alice/Maildir"));
        assertThat(config.sensing().input()).contains(new SensingConfig.Input(
                new InputSource.IdleCommand(List.of("/home/alice/bin/idle", "--ms")), Duration.ofMinutes(2)));
        assertThat(config.sensing().temperature()).contains(new SensingConfig.Heat(dir.resolve("temp1_input"),
                Temperature.celsius(30), Temperature.celsius(37.5)));
        assertThat(config.sensing().proximity()).contains(List.of("/usr/local/bin/near"));
        assertThat(config.sensing().location()).contains(new LocationSource.Fixed(new Location(52.52, 13.405, 30)));
        assertThat(config.sensing().power()).isEmpty();
    }

    @Test
    void aSensorThatIsOffNeedsNothingElse() {
        AgentConfig config = read(Map.of("sense.input", "off", "sense.proximity", "off", "sense.location", "off"));

        assertThat(config.sensing().input()).isEmpty();
        assertThat(config.sensing().proximity()).isEmpty();
    }

    @Test
    void autoPrefersXprintidleInAnX11Session(@TempDir Path bin) throws Exception {
        org.mailpush.agent.fixtures.Scripts.write(bin, "xprintidle", "echo 5");
        org.mailpush.agent.fixtures.Scripts.write(bin, "loginctl", "true");
        Map<String, String> x11 = Map.of("HOME", "/home/alice", "PATH", bin.toString(), "DISPLAY", ":0", "XDG_SESSION_ID", "3");
        Map<String, String> wayland = Map.of("HOME", "/home/alice", "PATH", bin.toString(), "XDG_SESSION_ID", "3");

        assertThat(read(Map.of(), x11).sensing().input().orElseThrow().source())
                .isEqualTo(new InputSource.IdleCommand(List.of("xprintidle")));
        assertThat(read(Map.of(), wayland).sensing().input().orElseThrow().source())
                .isEqualTo(new InputSource.Logind(List.of("loginctl", "show-session", "3", "-p", "IdleHint", "-p", "IdleSinceHint")));
    }

    @Test
    void autoFallsBackToInputDeviceInterrupts(@TempDir Path dir) throws Exception {
        Path interrupts = java.nio.file.Files.writeString(dir.resolve("interrupts"), "");

        AgentConfig config = read(Map.of("sense.input.interrupts-file", interrupts.toString()));

        assertThat(config.sensing().input().orElseThrow().source())
                .isEqualTo(new InputSource.Interrupts(interrupts, List.of("i8042")));
    }

    @Test
    void unknownKeysAreRefusedByName() {
        assertThatThrownBy(() -> read(Map.of("sense.temprature", "on")))
                .hasMessageContaining("sense.temprature (from agent.properties)")
                .hasMessageContaining("docs/agent.md");
    }

    @Test
    void badValuesNameTheKeyTheValueAndWhatWasExpected() {
        assertThatThrownBy(() -> read(Map.of("sense.interval", "soon")))
                .hasMessage("config key sense.interval (from agent.properties): 'soon' is not a positive duration such as 30s, 5m, 2h or PT5M");
        assertThatThrownBy(() -> read(Map.of("sense.input", "maybe")))
                .hasMessageContaining("config key sense.input").hasMessageContaining("on or off");
        assertThatThrownBy(() -> read(Map.of("sense.input.source", "x11")))
                .hasMessageContaining("config key sense.input.source")
                .hasMessageContaining("auto, logind, xprintidle, command, interrupts");
        assertThatThrownBy(() -> read(Map.of("server.url", "ftp://example.com")))
                .hasMessageContaining("config key server.url").hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> read(Map.of("device.type", "locator")))
                .hasMessageContaining("config key device.type").hasMessageContaining("receives no mail");
        assertThatThrownBy(() -> read(Map.of("capabilities.attachment-types", "pdf")))
                .hasMessageContaining("config key capabilities.attachment-types");
        assertThatThrownBy(() -> read(Map.of("device.addresses", "mac:zz")))
                .hasMessageContaining("config key device.addresses");
    }

    @Test
    void aSensorThatIsOnNeedsItsSource() {
        assertThatThrownBy(() -> read(Map.of("sense.temperature", "on")))
                .hasMessageContaining("config key sense.temperature.file: required with sense.temperature=on");
        assertThatThrownBy(() -> read(Map.of("sense.proximity", "on")))
                .hasMessageContaining("config key sense.proximity.command: required");
        assertThatThrownBy(() -> read(Map.of("sense.location", "on")))
                .hasMessageContaining("config key sense.location.fixed: required");
        assertThatThrownBy(() -> read(Map.of("sense.location", "on", "sense.location.source", "command")))
                .hasMessageContaining("config key sense.location.command: required");
        assertThatThrownBy(() -> read(Map.of("sense.input.source", "command")))
                .hasMessageContaining("config key sense.input.command: required");
    }

    @Test
    void bandsAndPlacesAreChecked() {
        assertThatThrownBy(() -> read(Map.of("sense.temperature.band", "warm")))
                .hasMessageContaining("config key sense.temperature.band").hasMessageContaining("31-38.5");
        assertThatThrownBy(() -> read(Map.of("sense.temperature", "on", "sense.temperature.file", "/x", "sense.temperature.band", "38-31")))
                .hasMessageContaining("config key sense.temperature.band").hasMessageContaining("above its high end");
        assertThatThrownBy(() -> read(Map.of("sense.location", "on", "sense.location.fixed", "95,13")))
                .hasMessageContaining("config key sense.location.fixed").hasMessageContaining("latitude");
    }

    @Test
    void reconnectBoundsMustBeInOrder() {
        assertThatThrownBy(() -> read(Map.of("link.reconnect-min", "10m", "link.reconnect-max", "1m")))
                .hasMessageContaining("config key link.reconnect-min");
    }

    @Test
    void flagsWinOverTheFile() {
        AgentConfig config = AgentConfig.read(AgentSettings.of(Map.of("server.url", "http://old:8025"), "agent.properties",
                Map.of("server.url", "http://127.0.0.1:9999"), ENV));

        assertThat(config.server()).isEqualTo(Optional.of(URI.create("http://127.0.0.1:9999")));
    }

    @Test
    void agentMdsKeyTablesListEveryKeyTheAgentReads() throws java.io.IOException {
        // Tests run in the module's directory.
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "agent.md"));
        var documented = new java.util.TreeSet<String>();
        String[] pieces = doc.split("\\| key \\| default \\| meaning \\|");
        for (String piece : java.util.Arrays.asList(pieces).subList(1, pieces.length)) {
            // The table is the piece up to its first line that is no row.
            String table = piece.split("\\n(?!\\|)", 2)[0];
            java.util.regex.Pattern.compile("^\\| `([a-z0-9.-]+)` \\|", java.util.regex.Pattern.MULTILINE).matcher(table).results()
                    .forEach(row -> documented.add(row.group(1)));
        }
        AgentSettings settings = AgentSettings.of(Map.of(), "agent.properties", Map.of(), ENV);

        AgentConfig.read(settings);

        assertThat(new java.util.TreeSet<>(settings.keysRead())).containsExactlyElementsOf(documented);
    }

    @Test
    void theLogindSessionMayBeGivenWhateverTheSource() {
        AgentConfig config = read(Map.of("sense.input.source", "interrupts", "sense.input.session", "3"));

        assertThat(config.sensing().input()).isPresent();
    }
}
