package org.mailpush.upstream;

import java.util.Objects;

/** A password or token that must never appear in logs: {@link #toString()} hides it. */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "******";
    }
}
