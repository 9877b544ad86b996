package org.mailpush.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocationTest {
    private static final Location PARIS = new Location(48.8566, 2.3522, 10);
    private static final Location LONDON = new Location(51.5074, -0.1278, 10);

    @Test
    void parisToLondonIsAbout344Kilometres() {
        assertThat(PARIS.distanceMetres(LONDON)).isCloseTo(344_000, within(1_000.0));
    }

    @Test
    void distanceIsSymmetricAndZeroToItself() {
        assertThat(LONDON.distanceMetres(PARIS)).isCloseTo(PARIS.distanceMetres(LONDON), within(1e-6));
        assertThat(PARIS.distanceMetres(PARIS)).isZero();
    }

    @Test
    void accuracyDoesNotChangeTheDistance() {
        var roughParis = new Location(48.8566, 2.3522, 5_000);

        assertThat(roughParis.distanceMetres(LONDON)).isEqualTo(PARIS.distanceMetres(LONDON));
    }

    @Test
    void antipodesAreHalfTheEarthApart() {
        var north = new Location(90, 0, 0);
        var south = new Location(-90, 0, 0);

        assertThat(north.distanceMetres(south)).isCloseTo(Math.PI * 6_371_008.8, within(1.0));
    }

    @Test
    void acrossTheDateLineTheShortWay() {
        var west = new Location(0, 179.9, 0);
        var east = new Location(0, -179.9, 0);

        assertThat(west.distanceMetres(east)).isCloseTo(22_239, within(5.0));
    }

    @ParameterizedTest(name = "{0}, {1} ±{2} m is rejected")
    @CsvSource({
        "90.01, 0, 0", "-90.01, 0, 0", "NaN, 0, 0",
        "0, 180.01, 0", "0, -180.01, 0", "0, NaN, 0",
        "0, 0, -1", "0, 0, NaN", "0, 0, Infinity"
    })
    void rejectsPositionsOffTheGlobe(double latitude, double longitude, double accuracy) {
        assertThatThrownBy(() -> new Location(latitude, longitude, accuracy))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("(latitude|longitude|accuracy) must be .*");
    }

    @Test
    void theEdgesOfTheGlobeAreFine() {
        assertThat(new Location(-90, -180, 0)).isNotNull();
        assertThat(new Location(90, 180, 0)).isNotNull();
    }
}
