package org.mailpush.ingest.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One SMTP reply (RFC 5321 4.2): a three-digit code, an enhanced status code (RFC 3463, empty where
 * RFC 2034 leaves it out: the greeting and the EHLO/HELO answer) and one or more lines of text.
 */
record Reply(int code, String status, List<String> lines) {

    static final Reply OK = of(250, "2.0.0", "Ok");
    static final Reply SENDER_OK = of(250, "2.1.0", "Ok");
    static final Reply RECIPIENT_OK = of(250, "2.1.5", "Ok");
    static final Reply START_DATA = new Reply(354, "", List.of("End data with <CR><LF>.<CR><LF>"));
    static final Reply NOT_RECOGNIZED = of(500, "5.5.1", "Command unrecognized");
    static final Reply LINE_TOO_LONG = of(500, "5.5.2", "Line too long");
    static final Reply BARE_LINE_END = of(500, "5.5.2", "Bare CR or LF in command; lines must end with CRLF");
    static final Reply NOT_IMPLEMENTED = of(502, "5.5.1", "Command not implemented");
    static final Reply HELO_FIRST = of(503, "5.5.1", "Send HELO or EHLO first");
    static final Reply NESTED_MAIL = of(503, "5.5.1", "Sender already given");
    static final Reply NEED_MAIL = of(503, "5.5.1", "Need MAIL before RCPT");
    static final Reply NO_RECIPIENTS = of(554, "5.5.1", "No valid recipients");
    static final Reply TOO_MANY_RECIPIENTS = of(452, "4.5.3", "Too many recipients");
    static final Reply TOO_BIG = of(552, "5.3.4", "Message size exceeds fixed maximum message size");
    static final Reply INSUFFICIENT_STORAGE = of(452, "4.3.1", "Insufficient system storage, try again later");
    static final Reply STORE_FAILED = of(451, "4.3.0", "Local error in processing: mail store unavailable, try again later");
    static final Reply UNSUPPORTED_PARAMETER = of(555, "5.5.4", "Unsupported MAIL FROM or RCPT TO parameter");

    Reply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("SMTP reply code must be 200-599, got " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an SMTP reply needs at least one line");
        }
    }

    static Reply of(int code, String status, String text) {
        return new Reply(code, status, List.of(text));
    }

    /** A 5xx reply: counts towards the session's error limit. */
    boolean permanentFailure() {
        return code >= 500;
    }

    /** The reply as sent: every line but the last with "code-", the last with "code ", each ending in CRLF. */
    byte[] wire() {
        var text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            text.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (!status.isEmpty()) {
                text.append(status).append(' ');
            }
            text.append(lines.get(i)).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
