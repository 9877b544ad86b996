package org.mailpush.route;

/** What one terminal gets for one mail (SPEC S3). */
public enum PushAction {
    /** The mail itself. */
    FULL,
    /** A short notice naming the terminal(s) that got the mail. */
    HINT,
    /** Nothing. */
    NONE
}
