package org.mailpush.route;

import java.util.Objects;

/** What decided a plan: a policy rule, the fail-open fallback, or the absence of any receiving terminal. */
public sealed interface Decision {

    String describe();

    /** The first rule that picked a terminal. */
    record ByRule(int number, String name) implements Decision {
        public ByRule {
            Objects.requireNonNull(name, "name");
            if (number < 1) {
                throw new IllegalArgumentException("rule numbers start at 1, got " + number);
            }
        }

        @Override
        public String describe() {
            return "rule " + number + " '" + name + "'";
        }
    }

    /** No rule picked a terminal, so the mail goes to every terminal that may be on (SPEC X2). */
    record FailOpen() implements Decision {
        @Override
        public String describe() {
            return "fail-open: no rule picked a device";
        }
    }

    /** The user has no terminal that receives mail; the mail waits in the store. */
    record NoReceiver() implements Decision {
        @Override
        public String describe() {
            return "no device can receive mail";
        }
    }
}
