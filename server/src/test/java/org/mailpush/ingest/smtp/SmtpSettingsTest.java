package org.mailpush.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {

    @Test
    void defaultsFollowRfc5321() {
        var limits = SmtpLimits.DEFAULTS;

        assertThat(limits.maxMessageBytes()).isEqualTo(25 * 1024 * 1024);
        assertThat(limits.maxRecipients()).isEqualTo(100);
        assertThat(limits.maxLineLength()).isEqualTo(1000);
        assertThat(limits.commandTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(limits.dataTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(limits.maxConnections()).isEqualTo(100);
        assertThat(limits.maxConnectionsPerAddress()).isEqualTo(10);
        assertThat(limits.maxErrors()).isEqualTo(10);
        assertThat(SmtpSettings.defaults("MX.Example.Test").port()).isEqualTo(25);
        assertThat(SmtpSettings.defaults("MX.Example.Test").hostname()).isEqualTo("mx.example.test");
        assertThat(SmtpSettings.defaults("mx.example.test").tls()).isEmpty();
    }

    @Test
    void namesTheKeyOfABadValue() {
        assertThatThrownBy(() -> SmtpLimits.DEFAULTS.withMaxLineLength(100))
                .hasMessage("smtp.max-line-length must be at least 512 octets (RFC 5321 4.5.3.1.4), got 100");
        assertThatThrownBy(() -> SmtpLimits.DEFAULTS.withMaxConnections(5, 6))
                .hasMessage("smtp.max-connections-per-address must be 1-smtp.max-connections (5), got 6");
        assertThatThrownBy(() -> SmtpLimits.DEFAULTS.withCommandTimeout(Duration.ZERO))
                .hasMessage("smtp.command-timeout must be at least 1 ms, got PT0S");
        assertThatThrownBy(() -> SmtpLimits.DEFAULTS.withMaxRecipients(0))
                .hasMessage("smtp.max-recipients must be at least 1, got 0");
        assertThatThrownBy(() -> SmtpSettings.defaults("not a host"))
                .hasMessage("smtp.hostname must be a domain name such as mx.example.com, got 'not a host'");
        assertThatThrownBy(() -> SmtpSettings.defaults("mx.example.test").withLocalDomains(Set.of("[127.0.0.1]")))
                .hasMessage("smtp.local-domains must hold domain names, got '[127.0.0.1]'");
        assertThatThrownBy(() -> SmtpSettings.defaults("mx.example.test").withListener(SmtpSettings.defaults("a.test").bindAddress(), 70000))
                .hasMessage("smtp.port must be 0-65535, got 70000");
    }
}
