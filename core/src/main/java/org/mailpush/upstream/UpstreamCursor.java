package org.mailpush.upstream;

/** Where an IMAP watcher resumes: every UID up to {@code lastUid} under {@code uidValidity} is stored. */
public record UpstreamCursor(long uidValidity, long lastUid) {
    public UpstreamCursor {
        if (uidValidity <= 0 || lastUid < 0) {
            throw new IllegalArgumentException("cursor needs uidValidity > 0 and lastUid >= 0, got " + uidValidity + "/" + lastUid);
        }
    }
}
