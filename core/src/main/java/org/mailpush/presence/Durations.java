package org.mailpush.presence;

import java.time.Duration;

/** Formats ages the way people say them: "12 s", "7 min", "3 h", "2 d". */
final class Durations {
    private Durations() {}

    static String brief(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 120 * 60) {
            return seconds / 60 + " min";
        }
        if (seconds < 48 * 3600) {
            return seconds / 3600 + " h";
        }
        return seconds / 86_400 + " d";
    }
}
