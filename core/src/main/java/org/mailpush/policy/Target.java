package org.mailpush.policy;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;

/** What a policy rule picks (SPEC M4). Each kind is documented in {@code docs/policy.md}. */
public sealed interface Target {

    /** The name a rule gets when the user gives none: "prefer laptop if on". */
    String describe();

    /**
     * The terminal the user is most clearly using: the most recent input, else a proximity sensor
     * that detects the user, else body heat.
     */
    record InUse() implements Target {
        @Override
        public String describe() {
            return "in use";
        }
    }

    /** The terminals of one type that are on; the one(s) in use among them when there are any. */
    record PreferType(DeviceType type) implements Target {
        public PreferType {
            Objects.requireNonNull(type, "type");
            if (!type.receivesMail()) {
                throw new IllegalArgumentException("cannot prefer " + type.word() + " devices: they receive no mail");
            }
        }

        @Override
        public String describe() {
            return "prefer " + type.word() + " if on";
        }
    }

    /** One named terminal, when it is on ("make my laptop primary"). */
    record PreferDevice(DeviceId device) implements Target {
        public PreferDevice {
            Objects.requireNonNull(device, "device");
        }

        @Override
        public String describe() {
            return "prefer device " + device + " if on";
        }
    }

    /**
     * Several terminals at once: every one of the given types that is on (all types when empty),
     * topped up with the likeliest others of those types until there are at least {@code atLeast}.
     */
    record Several(Set<DeviceType> types, int atLeast) implements Target {
        public Several {
            var pool = EnumSet.noneOf(DeviceType.class);
            pool.addAll(types);
            types = Collections.unmodifiableSet(pool);
            if (atLeast < 1) {
                throw new IllegalArgumentException("atLeast must be 1 or more, got " + atLeast);
            }
            for (DeviceType type : types) {
                if (!type.receivesMail()) {
                    throw new IllegalArgumentException("several: " + type.word() + " devices receive no mail");
                }
            }
        }

        @Override
        public String describe() {
            String which = types.isEmpty()
                    ? "all devices"
                    : types.stream().sorted(Comparator.naturalOrder()).map(DeviceType::word)
                            .collect(Collectors.joining(", "));
            return atLeast > 1 ? "at least " + atLeast + " of " + which : which + " that are on";
        }

        /** Whether a device of this type is in the pool. */
        public boolean includes(DeviceType type) {
            return types.isEmpty() || types.contains(type);
        }
    }

    /**
     * The terminal that is on and nearest to the user's position, leaving out the types in
     * {@code exclude}. The position itself may still come from a terminal of an excluded type: with
     * {@code exclude = {PHONE}}, the phone in the user's pocket tells where the user is, and the
     * nearest screen that is not a phone gets the mail.
     */
    record Nearest(Set<DeviceType> exclude) implements Target {
        public Nearest {
            var excluded = EnumSet.noneOf(DeviceType.class);
            excluded.addAll(exclude);
            exclude = Collections.unmodifiableSet(excluded);
            if (exclude.contains(DeviceType.LOCATOR)) {
                throw new IllegalArgumentException("nearest: locator devices receive no mail, there is nothing to exclude");
            }
            if (Arrays.stream(DeviceType.values()).filter(DeviceType::receivesMail).allMatch(exclude::contains)) {
                throw new IllegalArgumentException("nearest: excluding every type that receives mail leaves nothing to pick");
            }
        }

        /** The terminal that is on and nearest, of any type. */
        public Nearest() {
            this(Set.of());
        }

        @Override
        public String describe() {
            return exclude.isEmpty() ? "nearest" : "nearest, not a " + excluded();
        }

        /** Whether terminals of this type are left out. */
        public boolean excludes(DeviceType type) {
            return exclude.contains(type);
        }

        /** The types left out, for explanations: "phone", "phone or tablet", "phone, tablet or browser". */
        public String excluded() {
            List<String> words = exclude.stream().sorted().map(DeviceType::word).toList();
            return words.size() <= 1
                    ? String.join("", words)
                    : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.getLast();
        }
    }

    /**
     * A mail that needs a capability (pictures, its size, its attachment types) goes to a terminal that
     * has it, chosen by {@code choose}; terminals lacking it get a hint naming where it went (SPEC M2,
     * M3). A mail with no special needs is left to the next rule.
     */
    record Capable(Choice choose) implements Target {
        public Capable {
            Objects.requireNonNull(choose, "choose");
        }

        @Override
        public String describe() {
            return "capable device, " + choose.word();
        }
    }

    /** How a {@link Capable} rule chooses among capable terminals. */
    enum Choice {
        IN_USE,
        NEAREST,
        ALL;

        public String word() {
            return switch (this) {
                case IN_USE -> "in use";
                case NEAREST -> "nearest";
                case ALL -> "all";
            };
        }
    }
}
