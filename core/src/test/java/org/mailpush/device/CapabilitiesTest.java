package org.mailpush.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CapabilitiesTest {

    private static Capabilities accepting(String... types) {
        return new Capabilities(true, true, Capabilities.UNLIMITED, Set.of(types));
    }

    @ParameterizedTest(name = "{0} accepts {1}: {2}")
    @CsvSource({
        "application/pdf, application/pdf, true",
        "application/pdf, APPLICATION/PDF, true",
        "application/pdf, application/zip, false",
        "image/*,         image/png,       true",
        "image/*,         image/jpeg,      true",
        "image/*,         video/mp4,       false",
        "*/*,             application/x-whatever, true",
        "text/plain,      text/html,       false"
    })
    void acceptsExactTypesAndWildcards(String accepted, String offered, boolean expected) {
        assertThat(accepting(accepted).accepts(offered)).isEqualTo(expected);
    }

    @Test
    void acceptsNothingWhenNoTypeIsListed() {
        assertThat(accepting().accepts("text/plain")).isFalse();
    }

    @Test
    void fullShowsEverything() {
        assertThat(Capabilities.FULL.pictures()).isTrue();
        assertThat(Capabilities.FULL.colour()).isTrue();
        assertThat(Capabilities.FULL.maxMailBytes()).isEqualTo(Capabilities.UNLIMITED);
        assertThat(Capabilities.FULL.accepts("application/vnd.ms-excel")).isTrue();
    }

    @Test
    void typesAreNormalisedToTrimmedLowerCase() {
        var capabilities = accepting(" Image/PNG ", "application/PDF");

        assertThat(capabilities.attachmentTypes()).containsExactly("application/pdf", "image/png");
        assertThat(capabilities.accepts("image/png")).isTrue();
    }

    @Test
    void typesAreUnmodifiable() {
        var capabilities = accepting("image/png");

        assertThatThrownBy(() -> capabilities.attachmentTypes().add("text/plain"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pdf", "application/", "/pdf", "application/pdf; name=x", "text plain"})
    void malformedTypesAreRejected(String type) {
        assertThatThrownBy(() -> accepting(type))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type/subtype");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1})
    void maxMailBytesMustBePositive(long bytes) {
        assertThatThrownBy(() -> new Capabilities(true, true, bytes, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxMailBytes");
    }
}
