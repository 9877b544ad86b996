package org.mailpush.ingest.smtp;

/** What reading one command line (RFC 5321 2.3.8: ended by CRLF) brought. */
sealed interface CommandLine {

    /** A well-formed line, without its CRLF; every octet became one char (ISO-8859-1). */
    record Text(String value) implements CommandLine {}

    /** A line longer than the limit; it was read to its end and discarded. */
    record TooLong() implements CommandLine {}

    /** A line ended by a bare LF, or holding a CR not followed by LF. */
    record BareLineEnd() implements CommandLine {}

    /** The client closed the connection (a partial last line is dropped). */
    record Closed() implements CommandLine {}
}
