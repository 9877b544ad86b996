package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void flagsOverrideTheEnvironmentWhichOverridesTheFile() {
        Settings settings = Settings.of(
                Map.of("smtp.port", "2525", "http.port", "8080", "smtp.hostname", "mx.example.com"), "mailpush.properties",
                Map.of("MAILPUSH_SMTP_PORT", "2626", "MAILPUSH_HTTP_PORT", "9090", "PATH", "/bin"),
                Map.of("smtp.port", "2727"));

        assertThat(settings.port("smtp.port", 25)).isEqualTo(2727);
        assertThat(settings.port("http.port", 80)).isEqualTo(9090);
        assertThat(settings.text("smtp.hostname", "localhost")).isEqualTo("mx.example.com");
        assertThat(settings.port("absent.port", 1)).isEqualTo(1);
        settings.requireAllUsed();
    }

    @Test
    void dashesAndDotsBecomeUnderscoresInVariableNames() {
        Settings settings = Settings.of(Map.of(), "", Map.of("MAILPUSH_SMTP_MAX_MESSAGE_SIZE", "10MiB"), Map.of());

        assertThat(settings.bytes("smtp.max-message-size", 1)).isEqualTo(10L * 1024 * 1024);
    }

    @Test
    void readsSizesDurationsAndLists() {
        Settings settings = Settings.of(Map.of(
                "a", "512KB", "b", "1048576", "c", "30s", "d", "PT2H", "e", "250ms", "f", " x.example , y.example,, "),
                "f", Map.of(), Map.of());

        assertThat(settings.bytes("a", 0)).isEqualTo(512 * 1024);
        assertThat(settings.bytes("b", 0)).isEqualTo(1048576);
        assertThat(settings.duration("c", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.duration("d", Duration.ZERO)).isEqualTo(Duration.ofHours(2));
        assertThat(settings.duration("e", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.list("f", List.of())).containsExactly("x.example", "y.example");
    }

    @Test
    void aBadValueNamesTheKeyTheSourceAndWhatIsExpected() {
        Settings settings = Settings.of(Map.of(), "", Map.of("MAILPUSH_SMTP_PORT", "smtp"), Map.of("smtp.max-message-size", "big"));

        assertThatThrownBy(() -> settings.port("smtp.port", 25)).hasMessage(
                "config key smtp.port (from environment variable MAILPUSH_SMTP_PORT): 'smtp' is not a port number from 0 to 65535");
        assertThatThrownBy(() -> settings.bytes("smtp.max-message-size", 1)).hasMessage(
                "config key smtp.max-message-size (from command line): 'big' is not a size such as 25MiB, 512KB or 1048576");
    }

    @Test
    void unknownKeysAreRefusedWhereverTheyCameFrom() {
        Settings settings = Settings.of(Map.of("smtp.prot", "25"), "mailpush.properties",
                Map.of("MAILPUSH_HTTP_PROT", "1", "MAILPUSH_LOG_LEVEL", "DEBUG"), Map.of());
        settings.port("smtp.port", 25);

        assertThatThrownBy(settings::requireAllUsed).hasMessage("unknown configuration: smtp.prot (from mailpush.properties), "
                + "environment variable MAILPUSH_HTTP_PROT; docs/configuration.md lists every key");
    }

    @Test
    void checkNamesTheKeyOfAnInvalidRecord() {
        Settings settings = Settings.of(Map.of(), "", Map.of(), Map.of());

        assertThatThrownBy(() -> settings.check("http", () -> {
            throw new IllegalArgumentException("http port must be 0-65535, got 70000");
        })).hasMessage("config key http: http port must be 0-65535, got 70000");
    }
}
