package org.mailpush.ingest.smtp;

/** What a client sent between DATA's 354 and the CRLF.CRLF that ends it (RFC 5321 4.1.1.4). */
sealed interface MessageContent {

    /**
     * A well-formed message.
     *
     * @param raw  the message with the dot-stuffing undone, after the prefix the reader was given
     * @param size the size of the client's message, without that prefix
     */
    record Complete(byte[] raw, long size) implements MessageContent {}

    /** Larger than the limit: read to its end and discarded, none of it kept past the limit. */
    record TooLarge(long size) implements MessageContent {}

    /** Read to its end and discarded because the receiver had no room for it then (smtp.max-data-in-flight). */
    record Busy(long size) implements MessageContent {}

    /** Read to its end and discarded because of the first defect found. */
    record Malformed(Defect defect) implements MessageContent {}

    /** Why a message is refused whole. */
    enum Defect {
        /** An LF not preceded by CR: a "\n.\n" must never end data, nor stay in a stored message (SMTP smuggling). */
        BARE_LF("bare LF in message data; lines must end with CRLF"),
        /** A CR not followed by LF. */
        BARE_CR("bare CR in message data; lines must end with CRLF"),
        /** A NUL octet, which RFC 5321 2.3.8 and RFC 5322 2.3 forbid in text. */
        NUL("NUL octet in message data"),
        /** A text line longer than the limit (RFC 5321 4.5.3.1.6). */
        LINE_TOO_LONG("line too long in message data");

        private final String explanation;

        Defect(String explanation) {
            this.explanation = explanation;
        }

        String explanation() {
            return explanation;
        }
    }
}
