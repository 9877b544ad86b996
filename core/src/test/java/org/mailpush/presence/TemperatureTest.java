package org.mailpush.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TemperatureTest {
    @Test
    void readsWithOneDecimalRoundedHalfUp() {
        assertThat(new Temperature(34.2)).hasToString("34.2 °C");
        assertThat(new Temperature(36.25)).hasToString("36.3 °C");
        assertThat(new Temperature(21)).hasToString("21.0 °C");
        assertThat(new Temperature(-0.04)).hasToString("-0.0 °C");
        assertThat(new Temperature(-12.35)).hasToString("-12.4 °C");
    }

    @Test
    void readsAsStringFormatWritesIt() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            double celsius = i % 2 == 0
                    ? Math.round((-273.15 + random.nextDouble() * 473.15) * 100) / 100.0
                    : -273.15 + random.nextDouble() * 473.15;
            assertThat(new Temperature(celsius).toString()).as("%s", celsius)
                    .isEqualTo(String.format(Locale.ROOT, "%.1f °C", celsius));
        }
    }
}
