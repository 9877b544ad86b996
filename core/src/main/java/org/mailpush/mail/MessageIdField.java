package org.mailpush.mail;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Finds the Message-ID field (RFC 5322 3.6.4) in a raw message's header section: the first one, folded
 * lines joined, blanks around it left out. Read as ISO-8859-1, one char per octet, so that any bytes
 * give an id and equal bytes the same one.
 */
final class MessageIdField {
    private static final String NAME = "message-id:";
    /** Longer ids are cut: far more than any mailer writes, and a bound on what the store keeps. */
    private static final int MAX_LENGTH = 998;

    private MessageIdField() {
    }

    /** The id between its angle brackets, or the whole field when it has none; empty when there is none. */
    static String of(byte[] raw) {
        int line = 0;
        while (line < raw.length) {
            int end = lineEnd(raw, line);
            if (end == line || end == line + 1 && raw[line] == '\r') {
                return ""; // the empty line: the header section is over
            }
            if (startsWithName(raw, line, end)) {
                var value = new StringBuilder(new String(raw, line + NAME.length(), end - line - NAME.length(), StandardCharsets.ISO_8859_1));
                int next = end + 1;
                while (next < raw.length && (raw[next] == ' ' || raw[next] == '\t')) {
                    int more = lineEnd(raw, next);
                    value.append(new String(raw, next, more - next, StandardCharsets.ISO_8859_1));
                    next = more + 1;
                }
                return id(value.toString());
            }
            line = end + 1;
        }
        return "";
    }

    private static int lineEnd(byte[] raw, int from) {
        int i = from;
        while (i < raw.length && raw[i] != '\n') {
            i++;
        }
        return i;
    }

    private static boolean startsWithName(byte[] raw, int from, int end) {
        return end - from > NAME.length()
                && new String(raw, from, NAME.length(), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).equals(NAME);
    }

    private static String id(String field) {
        String text = field.replaceAll("[\\r\\n]", "").strip();
        int open = text.indexOf('<');
        int close = open < 0 ? -1 : text.indexOf('>', open);
        String id = open >= 0 && close > open ? text.substring(open + 1, close).strip() : text;
        return id.length() > MAX_LENGTH ? id.substring(0, MAX_LENGTH) : id;
    }
}
