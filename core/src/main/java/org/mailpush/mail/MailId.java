package org.mailpush.mail;

/** The stable identifier of one mail in one user's mailbox; terminals see it and resends carry it. */
public record MailId(long value) implements Comparable<MailId> {
    public MailId {
        if (value <= 0) {
            throw new IllegalArgumentException("mail id must be positive, got " + value);
        }
    }

    /** Reads the decimal form used in URLs and messages. */
    public static MailId parse(String text) {
        try {
            return new MailId(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mail id must be a positive whole number, got '" + text + "'", e);
        }
    }

    @Override
    public int compareTo(MailId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
