package org.mailpush.presence;

import java.util.Locale;

/** A temperature in degrees Celsius, as read by a terminal's body-contact sensor. */
public record Temperature(double celsius) implements Comparable<Temperature> {
    public Temperature {
        if (!(celsius >= -273.15 && celsius <= 200)) {
            throw new IllegalArgumentException("temperature must be within -273.15..200 °C, got " + celsius);
        }
    }

    public static Temperature celsius(double celsius) {
        return new Temperature(celsius);
    }

    @Override
    public int compareTo(Temperature other) {
        return Double.compare(celsius, other.celsius);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1f °C", celsius);
    }
}
