package org.mailpush.protocol;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A version of the terminal link protocol (docs/protocol.md, "Versions"), written major.minor: the
 * two sides of a link understand each other when their major versions are equal; a minor version
 * only adds what the other side can do without.
 */
public record ProtocolVersion(int major, int minor) {
    /** The version this code speaks. */
    public static final ProtocolVersion CURRENT = new ProtocolVersion(1, 1);

    public ProtocolVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("a protocol version is not negative, got " + major + "." + minor);
        }
    }

    /** Whether a side that speaks this version can talk with one that speaks {@code other}. */
    public boolean understands(ProtocolVersion other) {
        return major == other.major;
    }

    /** The versions a side of this version speaks: those of its major version up to this one. */
    public List<ProtocolVersion> spoken() {
        return IntStream.rangeClosed(0, minor).mapToObj(m -> new ProtocolVersion(major, m)).toList();
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
