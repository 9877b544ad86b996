package org.mailpush.push.webpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(10));

    @Test
    void theWaitDoublesUpToTheMaximum() {
        assertThat(policy.delay(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(6, Optional.empty())).isEqualTo(Duration.ofSeconds(32));
        assertThat(policy.delay(7, Optional.empty())).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.delay(Integer.MAX_VALUE, Optional.empty())).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aLongerRetryAfterIsHonoured() {
        assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(7)))).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.delay(3, Optional.of(Duration.ofSeconds(2)))).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void badSettingsNameTheirKey() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("initialBackoff");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff");
    }
}
