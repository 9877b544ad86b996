package org.mailpush.mail;

/** The processing state of a mail, kept in sync across the user's terminals (SPEC M7). */
public record MailFlags(boolean seen, boolean flagged, boolean deleted) {
    public static final MailFlags NEW = new MailFlags(false, false, false);
}
