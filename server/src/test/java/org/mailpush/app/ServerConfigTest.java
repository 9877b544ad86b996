package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.push.apns.ApnsSettings;
import org.mailpush.push.fcm.FcmSettings;

class ServerConfigTest {

    private static ServerConfig read(Map<String, String> file, Map<String, String> environment, Map<String, String> flags) {
        return ServerConfig.read(Settings.of(file, "mailpush.properties", environment, flags));
    }

    @Test
    void theDefaultsNeedNoConfiguration() {
        ServerConfig config = read(Map.of(), Map.of(), Map.of("data-dir", "/var/lib/mailpush"));

        assertThat(config.dataDirectory()).isEqualTo(Path.of("/var/lib/mailpush"));
        assertThat(config.database().url()).startsWith("jdbc:h2:file:/var/lib/mailpush/db/mailpush");
        assertThat(config.http().port()).isEqualTo(8025);
        assertThat(config.smtp().port()).isEqualTo(2525);
        assertThat(config.smtp().bindAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(config.smtp().tls()).isEmpty();
        assertThat(config.link().probeDeadline()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.smpp()).isEmpty();
        assertThat(config.upstream().giveUpAfter()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void withoutANatsUrlTheServerIsOneNodeAndWithOneAClusterNodeOnPostgresql() {
        assertThat(read(Map.of(), Map.of(), Map.of()).cluster()).isEmpty();

        ServerConfig node = read(Map.of("database.url", "jdbc:postgresql://db.example.com/mailpush", "cluster.nats-url",
                "nats://nats.example.com:4222", "cluster.node-id", "node-b"), Map.of(), Map.of());

        var cluster = node.cluster().orElseThrow();
        assertThat(cluster.node().value()).isEqualTo("node-b");
        assertThat(cluster.nats()).isEqualTo(URI.create("nats://nats.example.com:4222"));
        assertThat(cluster.sweep()).isEqualTo(Duration.ofSeconds(2));
        assertThat(cluster.claimLease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(cluster.terminalLease()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aClusterNodeOnH2OrWithoutANameOrANameWithoutNatsIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> read(Map.of("cluster.nats-url", "nats://127.0.0.1:4222", "cluster.node-id", "node-a"), Map.of(), Map.of()))
                .hasMessageContaining("config key cluster.nats-url").hasMessageContaining("PostgreSQL").hasMessageContaining("H2");
        assertThatThrownBy(() -> read(Map.of("database.url", "jdbc:postgresql://db/mailpush", "cluster.nats-url", "nats://127.0.0.1:4222"),
                Map.of(), Map.of())).hasMessageContaining("config key cluster.node-id");
        assertThatThrownBy(() -> read(Map.of("cluster.node-id", "node-a"), Map.of(), Map.of()))
                .hasMessageContaining("config key cluster.node-id is set but cluster.nats-url is not");
        assertThatThrownBy(() -> read(Map.of("database.url", "jdbc:postgresql://db/mailpush", "cluster.nats-url", "nats://127.0.0.1:4222",
                "cluster.node-id", "node a"), Map.of(), Map.of())).hasMessageContaining("config key cluster.node-id");
        assertThatThrownBy(() -> read(Map.of("database.url", "jdbc:postgresql://db/mailpush", "cluster.nats-url", "http://127.0.0.1:4222",
                "cluster.node-id", "node-a"), Map.of(), Map.of())).hasMessageContaining("config key cluster");
    }

    @Test
    void smppTakesItsPasswordFromAFileAndNeverShowsIt(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("smpp.pw"), "s3cret\n");

        ServerConfig config = read(Map.of("smpp.host", "smsc.example.net", "smpp.system-id", "mailpush",
                "smpp.password-file", secret.toString(), "smpp.source-address", "+4930123", "smpp.rate", "5",
                "smpp.max-in-flight", "3", "smpp.concatenate", "true"), Map.of(), Map.of("data-dir", dir.toString()));

        var smpp = config.smpp().orElseThrow();
        assertThat(smpp.smsc().port()).isEqualTo(2775);
        assertThat(smpp.smsc().password().value()).isEqualTo("s3cret");
        assertThat(smpp.toString()).doesNotContain("s3cret");
        assertThat(smpp.limits().maxInFlight()).isEqualTo(3);
        assertThat(smpp.limits().rate()).isEqualTo(5.0);
        assertThat(smpp.concatenate()).isTrue();
        assertThatThrownBy(() -> read(Map.of("smpp.host", "smsc.example.net", "smpp.system-id", "mailpush",
                "smpp.source-address", "+4930123"), Map.of(), Map.of("data-dir", dir.toString())))
                .hasMessageContaining("smpp.password-file");
    }

    @Test
    void everySourceReachesItsComponent() {
        ServerConfig config = read(
                Map.of("smtp.max-message-size", "10MiB", "presence.input-window", "2m"),
                Map.of("MAILPUSH_DATABASE_URL", "jdbc:postgresql://db.example.com/mailpush", "MAILPUSH_DATABASE_PASSWORD", "s3cret"),
                Map.of("smtp.local-domains", "example.com, example.org", "link.allowed-origins", "https://mail.example.com"));

        assertThat(config.smtp().limits().maxMessageBytes()).isEqualTo(10 * 1024 * 1024);
        assertThat(config.smtp().localDomains()).containsExactlyInAnyOrder("example.com", "example.org");
        assertThat(config.presence().inputWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.database().url()).isEqualTo("jdbc:postgresql://db.example.com/mailpush");
        assertThat(config.database().user()).isEqualTo("mailpush");
        assertThat(config.link().allowedOrigins()).containsExactly("https://mail.example.com");
    }

    @Test
    void aBadValueFailsNamingItsKey() {
        assertThatThrownBy(() -> read(Map.of(), Map.of(), Map.of("smtp.max-line-length", "80")))
                .hasMessageContaining("smtp.max-line-length");
        assertThatThrownBy(() -> read(Map.of(), Map.of(), Map.of("presence.body-heat-low", "40")))
                .hasMessageContaining("config key presence").hasMessageContaining("bodyHeatLow");
        assertThatThrownBy(() -> read(Map.of("http.port", "eighty"), Map.of(), Map.of()))
                .hasMessage("config key http.port (from mailpush.properties): 'eighty' is not a port number from 0 to 65535");
    }

    @Test
    void anUnknownKeyFailsInsteadOfBeingIgnored() {
        assertThatThrownBy(() -> read(Map.of(), Map.of("MAILPUSH_SMTP_PROT", "25"), Map.of()))
                .hasMessageContaining("environment variable MAILPUSH_SMTP_PROT");
    }

    @Test
    void phonePushIsOffUntilItsFileIsNamed() {
        ServerConfig config = read(Map.of(), Map.of(), Map.of());

        assertThat(config.phones().apns()).isEmpty();
        assertThat(config.phones().fcm()).isEmpty();
    }

    @Test
    void apnsAndFcmAreReadWhenConfigured(@TempDir Path directory) throws Exception {
        Path key = Files.writeString(directory.resolve("AuthKey_ABCDE12345.p8"), "key");
        Path account = Files.writeString(directory.resolve("service-account.json"), "{}");

        ServerConfig config = read(Map.of("apns.key-file", key.toString(), "apns.key-id", "ABCDE12345", "apns.team-id", "TEAM123456",
                        "apns.topic", "org.example.mailpush", "apns.environment", "sandbox",
                        "fcm.service-account-file", account.toString(), "fcm.project-id", "mailpush-demo"),
                Map.of("MAILPUSH_FCM_ENDPOINT", "https://fcm.example.net"), Map.of());

        ApnsSettings apns = config.phones().apns().orElseThrow();
        assertThat(apns.keyFile()).isEqualTo(key);
        assertThat(apns.topic()).isEqualTo("org.example.mailpush");
        assertThat(apns.environment()).isEqualTo(ApnsSettings.Environment.SANDBOX);
        FcmSettings fcm = config.phones().fcm().orElseThrow();
        assertThat(fcm.projectId()).isEqualTo("mailpush-demo");
        assertThat(fcm.endpoint()).isEqualTo(URI.create("https://fcm.example.net"));
    }

    @Test
    void anIncompletePhoneConfigurationFailsNamingTheKey(@TempDir Path directory) throws Exception {
        Path key = Files.writeString(directory.resolve("AuthKey.p8"), "key");

        assertThatThrownBy(() -> read(Map.of("apns.team-id", "TEAM123456"), Map.of(), Map.of()))
                .hasMessage("config key apns.team-id is set but apns.key-file is not");
        assertThatThrownBy(() -> read(Map.of("apns.key-file", directory.resolve("missing.p8").toString()), Map.of(), Map.of()))
                .hasMessageContaining("config key apns.key-file").hasMessageContaining("missing.p8");
        assertThatThrownBy(() -> read(Map.of("apns.key-file", key.toString(), "apns.team-id", "TEAM123456", "apns.topic", "org.example.a"),
                Map.of(), Map.of()))
                .hasMessageContaining("config key apns").hasMessageContaining("keyId");
        assertThatThrownBy(() -> read(Map.of("apns.key-file", key.toString(), "apns.environment", "staging"), Map.of(), Map.of()))
                .hasMessageContaining("config key apns.environment");
        assertThatThrownBy(() -> read(Map.of("fcm.service-account-file", key.toString()), Map.of(), Map.of()))
                .hasMessageContaining("config key fcm").hasMessageContaining("projectId");
    }
}
