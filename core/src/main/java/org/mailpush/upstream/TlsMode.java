package org.mailpush.upstream;

/** How a connection to an upstream server is secured. */
public enum TlsMode {
    /** Plain text: only for loopback or a trusted network. */
    NONE,
    /** Plain text upgraded with STARTTLS / STLS; refused when the server does not offer it. */
    STARTTLS,
    /** TLS from the first byte (IMAPS 993, POP3S 995). */
    IMPLICIT
}
