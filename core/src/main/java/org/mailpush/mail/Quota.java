package org.mailpush.mail;

/**
 * How much one user's mailbox may hold: mails and bytes, each 0 for no limit. A mailbox at its limit
 * takes no more mail for now (it frees up as retention prunes old mail, or as the user deletes); a
 * message larger than the whole byte limit will never fit.
 *
 * @param maxMails the most mails a mailbox holds, 0 for no limit
 * @param maxBytes the most bytes a mailbox holds, 0 for no limit
 */
public record Quota(long maxMails, long maxBytes) {
    public static final Quota NONE = new Quota(0, 0);

    /** Whether a mailbox can take one more mail. */
    public enum Verdict {
        TAKES,
        /** At its limit now: try again later (RFC 3463 4.2.2). */
        FULL,
        /** The message alone is larger than the whole limit (RFC 3463 5.2.2). */
        NEVER_FITS
    }

    public Quota {
        if (maxMails < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("quota limits must be 0 (none) or positive, got " + maxMails + " mails and "
                    + maxBytes + " bytes");
        }
    }

    /**
     * @param usage what the mailbox holds now
     * @param size  the size of the message, as declared or known; 0 when not known yet
     */
    public Verdict admit(MailUsage.Usage usage, long size) {
        if (maxBytes > 0 && size > maxBytes) {
            return Verdict.NEVER_FITS;
        }
        boolean full = maxMails > 0 && usage.mails() >= maxMails || maxBytes > 0 && usage.bytes() + size > maxBytes
                || maxBytes > 0 && usage.bytes() >= maxBytes;
        return full ? Verdict.FULL : Verdict.TAKES;
    }

    public boolean limits() {
        return maxMails > 0 || maxBytes > 0;
    }
}
