package org.mailpush.bench.report;

import java.util.Objects;

/**
 * A figure held against the goal docs/benchmarks.md names for it, e.g. "heartbeat p50 at 10 000
 * terminals ≤ 2 ms". {@code condition} says how this run differs from the goal's conditions (a
 * smaller size, a limit of the machine); empty when it does not.
 */
public record Target(String figure, Bound bound, double goal, double measured, String unit, String condition) {
    public Target {
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(condition, "condition");
    }

    /** Whether the goal is an upper or a lower bound. */
    public enum Bound {
        AT_MOST("≤"),
        AT_LEAST("≥");

        private final String symbol;

        Bound(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public static Target atMost(String figure, double goal, double measured, String unit, String condition) {
        return new Target(figure, Bound.AT_MOST, goal, measured, unit, condition);
    }

    public static Target atLeast(String figure, double goal, double measured, String unit, String condition) {
        return new Target(figure, Bound.AT_LEAST, goal, measured, unit, condition);
    }

    public boolean met() {
        return !Double.isNaN(measured) && (bound == Bound.AT_MOST ? measured <= goal : measured >= goal);
    }

    public String goalText() {
        return bound.symbol() + " " + Table.format(goal) + " " + unit;
    }

    public String verdict() {
        String verdict = met() ? "met" : "NOT met";
        return condition.isEmpty() ? verdict : verdict + " (" + condition + ")";
    }
}
