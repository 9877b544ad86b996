package org.mailpush.presence;

import java.math.BigDecimal;
import java.math.RoundingMode;

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

    /** One decimal, rounded half up, as {@code String.format("%.1f °C")} writes it — at a fraction of its cost. */
    @Override
    public String toString() {
        String digits = BigDecimal.valueOf(celsius).setScale(1, RoundingMode.HALF_UP).toPlainString();
        // A negative that rounds to zero keeps its sign, as in String.format.
        return (Math.copySign(1.0, celsius) < 0 && digits.equals("0.0") ? "-0.0" : digits) + " °C";
    }
}
