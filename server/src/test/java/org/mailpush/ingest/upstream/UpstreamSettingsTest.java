package org.mailpush.ingest.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpstreamSettingsTest {

    @Test
    void defaultsRenewIdleWellBeforeTheServerMayDropIt() {
        var defaults = UpstreamSettings.DEFAULTS;

        assertThat(defaults.idleRenewal()).isEqualTo(Duration.ofMinutes(25)).isLessThan(UpstreamSettings.IDLE_LIMIT);
        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.backoffInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.backoffMax()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void idleRenewalOf29MinutesOrMoreIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> UpstreamSettings.DEFAULTS.withIdleRenewal(Duration.ofMinutes(29)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idleRenewal")
                .hasMessageContaining("RFC 2177");
        assertThat(UpstreamSettings.DEFAULTS.withIdleRenewal(Duration.ofMinutes(28)).idleRenewal())
                .isEqualTo(Duration.ofMinutes(28));
    }

    @Test
    void durationsMustBePositiveAndTheBackoffOrdered() {
        assertThatThrownBy(() -> UpstreamSettings.DEFAULTS.withPollInterval(Duration.ZERO))
                .hasMessageContaining("pollInterval");
        assertThatThrownBy(() -> UpstreamSettings.DEFAULTS.withPollInterval(null))
                .hasMessageContaining("pollInterval");
        assertThatThrownBy(() -> UpstreamSettings.DEFAULTS.withBackoff(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .hasMessageContaining("backoffMax");
        assertThatThrownBy(() -> new UpstreamSettings(Duration.ofMinutes(25), Duration.ofSeconds(60),
                Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofDays(30), Duration.ofSeconds(60)))
                .hasMessageContaining("connectTimeout");
    }
}
