package org.mailpush.ingest.smtp;

/**
 * Told of every reply a session gives to a command of a mail transaction — MAIL, RCPT, DATA (its
 * final reply, after the content) — e.g. to count the mails accepted and refused by reply code.
 */
@FunctionalInterface
public interface SmtpReplies {
    /** Hears nothing. */
    SmtpReplies NONE = (command, code) -> { };

    /**
     * @param command the command in upper case: "MAIL", "RCPT" or "DATA"
     * @param code    the reply code (RFC 5321 4.2), e.g. 250, 451, 550
     */
    void replied(String command, int code);
}
