package org.mailpush.upstream;

/** The identifier of an upstream mailbox account. */
public record UpstreamAccountId(long value) {
    public UpstreamAccountId {
        if (value <= 0) {
            throw new IllegalArgumentException("upstream account id must be positive, got " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
