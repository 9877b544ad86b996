package org.mailpush.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricsSettingsTest {
    @Test
    void emptyMeansOnTheApiPort() {
        assertThat(MetricsSettings.parse("").listen()).isEmpty();
    }

    @Test
    void readsHostAndPortAndBracketedIpv6() {
        var v4 = MetricsSettings.parse("127.0.0.1:9464").listen().orElseThrow();
        assertThat(v4.getHostString()).isEqualTo("127.0.0.1");
        assertThat(v4.getPort()).isEqualTo(9464);
        var v6 = MetricsSettings.parse("[::1]:0").listen().orElseThrow();
        assertThat(v6.getAddress().isLoopbackAddress()).isTrue();
        assertThat(v6.getPort()).isZero();
    }

    @Test
    void refusesWhatIsNotHostAndPort() {
        assertThatThrownBy(() -> MetricsSettings.parse("9464")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> MetricsSettings.parse("localhost:x")).hasMessageContaining("no port number");
        assertThatThrownBy(() -> MetricsSettings.parse("localhost:70000")).hasMessageContaining("0 to 65535");
    }
}
