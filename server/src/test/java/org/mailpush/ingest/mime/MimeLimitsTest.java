package org.mailpush.ingest.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MimeLimitsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(MimeLimits.DEFAULTS).isEqualTo(new MimeLimits(65_536, 20, 1000, 200, 8192));
    }

    @ParameterizedTest(name = "{5}")
    @CsvSource({
        "-1, 20, 1000, 200, 8192, maxHeaderBytes",
        "100, -1, 1000, 200, 8192, maxDepth",
        "100, 20, 0, 200, 8192, maxParts",
        "100, 20, 1000, -1, 8192, previewLength",
        "100, 20, 1000, 200, 79, maxLineLength"
    })
    void badLimitsAreRefusedNamingTheComponent(
            int headerBytes, int depth, int parts, int preview, int line, String component) {
        assertThatThrownBy(() -> new MimeLimits(headerBytes, depth, parts, preview, line))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(component);
    }

    @Test
    void zeroMeansNoneWhereThatMakesSense() {
        MimeLimits none = new MimeLimits(0, 0, 1, 0, 80);

        assertThat(Messages.summarize(Messages.fixture("nested.eml"), none))
                .satisfies(summary -> {
                    assertThat(summary.preview()).isEmpty();
                    assertThat(summary.subject()).isEmpty();
                    assertThat(summary.attachmentTypes()).isEmpty();
                });
    }
}
