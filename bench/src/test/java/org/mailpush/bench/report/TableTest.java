package org.mailpush.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void numbersGetFewerDecimalsAsTheyGrow() {
        assertThat(Table.format(0.0123)).isEqualTo("0.012");
        assertThat(Table.format(1.234)).isEqualTo("1.23");
        assertThat(Table.format(12.34)).isEqualTo("12.3");
        assertThat(Table.format(1234.5)).isEqualTo("1 235");
        assertThat(Table.format(10_000.0)).isEqualTo("10 000");
        assertThat(Table.format(null)).isEqualTo("–");
        assertThat(Table.format(Double.NaN)).isEqualTo("–");
    }

    @Test
    void rowsHaveAValueForEachColumn() {
        assertThatThrownBy(() -> new Table("t", List.of("way", "p50", "p99"), List.of(Table.Row.of("mailpush", 1.0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 'mailpush' has 1 values for 2 columns");
    }

    @Test
    void markdownAlignsNumbersRight() {
        var table = new Table("t", List.of("way", "p50 ms"), List.of(Table.Row.of("mailpush", 1.5), Table.Row.of("idle", (Double) null)));

        assertThat(table.markdown()).isEqualTo("| way | p50 ms |\n|---|---:|\n| mailpush | 1.50 |\n| idle | – |\n");
    }
}
