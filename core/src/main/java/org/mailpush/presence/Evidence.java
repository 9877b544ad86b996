package org.mailpush.presence;

import java.time.Duration;

/** One fact supporting an inferred {@link UsageState}, phrased for people in {@link #describe()}. */
public sealed interface Evidence {

    /** A short human phrase: "input 12 s ago", "36.4 °C (carried)". */
    String describe();

    record RecentInput(Duration ago) implements Evidence {
        @Override
        public String describe() {
            return "input " + Durations.brief(ago) + " ago";
        }
    }

    record ProximityDetected() implements Evidence {
        @Override
        public String describe() {
            return "proximity sensor detects the user";
        }
    }

    record BodyHeat(Temperature temperature) implements Evidence {
        @Override
        public String describe() {
            return temperature + " (carried)";
        }
    }

    /** On, but the last input is older than the window, or none was reported. */
    record NoRecentInput(java.util.Optional<Duration> ago) implements Evidence {
        @Override
        public String describe() {
            return ago.map(d -> "no input for " + Durations.brief(d)).orElse("on, no input reported");
        }
    }

    record UserAway() implements Evidence {
        @Override
        public String describe() {
            return "proximity sensor detects nobody";
        }
    }

    record NotCarried(Temperature temperature) implements Evidence {
        @Override
        public String describe() {
            return temperature + " (not carried)";
        }
    }

    record Asleep() implements Evidence {
        @Override
        public String describe() {
            return "asleep";
        }
    }

    record PoweredOff() implements Evidence {
        @Override
        public String describe() {
            return "off";
        }
    }

    record Stale(Duration age) implements Evidence {
        @Override
        public String describe() {
            return "last report " + Durations.brief(age) + " ago (stale)";
        }
    }

    /**
     * The terminal's link is down: for less than the grace, or the terminal has a working push channel, it
     * still counts as reachable; otherwise it is not.
     */
    record NotConnected(Duration ago, java.util.List<String> channels, boolean unreachable) implements Evidence {
        public NotConnected {
            channels = java.util.List.copyOf(channels);
        }

        @Override
        public String describe() {
            String phrase = "not connected for " + Durations.brief(ago);
            if (!channels.isEmpty()) {
                return phrase + ", reachable by " + String.join(", ", channels);
            }
            return unreachable ? phrase + " and no working push channel" : phrase;
        }
    }

    record NoReport() implements Evidence {
        @Override
        public String describe() {
            return "no report yet";
        }
    }
}
