package org.mailpush.upstream;

/** Where an IMAP watcher resumes: every UID up to {@code lastUid} under {@code uidValidity} is stored or in the baseline. */
public record UpstreamCursor(long uidValidity, long lastUid) {
    public UpstreamCursor {
        if (uidValidity <= 0 || lastUid < 0) {
            throw new IllegalArgumentException("cursor needs uidValidity > 0 and lastUid >= 0, got " + uidValidity + "/" + lastUid);
        }
    }

    /**
     * The later of two cursors: the one under the greater UIDVALIDITY — a server that cannot keep its
     * UIDs gives the folder a greater one (RFC 3501 §2.3.1.1) — or else the one with the higher UID.
     */
    public UpstreamCursor later(UpstreamCursor other) {
        if (uidValidity != other.uidValidity) {
            return uidValidity > other.uidValidity ? this : other;
        }
        return lastUid >= other.lastUid ? this : other;
    }
}
