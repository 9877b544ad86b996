package org.mailpush.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MailNeedsTest {
    @Test
    void sizesReadAsPeopleSayThem() {
        assertThat(MailNeeds.bytes(900)).isEqualTo("900 B");
        assertThat(MailNeeds.bytes(65_536)).isEqualTo("64 KB");
        assertThat(MailNeeds.bytes(1_843_200)).isEqualTo("1.8 MB");
        assertThat(MailNeeds.bytes(26_214_400)).isEqualTo("25.0 MB");
    }

    @Test
    void megabytesReadAsStringFormatWritesThem() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long bytes = 1000 * 1024 + (long) (random.nextDouble() * 100_000_000);
            assertThat(MailNeeds.bytes(bytes)).as("%d bytes", bytes)
                    .isEqualTo(String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0)));
        }
    }
}
