package org.mailpush.ingest.mime;

import java.util.Locale;

/**
 * The address of the first mailbox in an address field (RFC 5322 section 3.4), read leniently: the
 * angle-addr of {@code "Name" <a@b>}, else the first word with an {@code @} in it; comments, groups
 * and source routes are dropped. Anything that does not look like local@domain gives an empty string.
 */
final class Mailbox {

    private Mailbox() {
    }

    static String address(String field) {
        String text = StructuredField.withoutComments(field);
        int open = outsideQuotes(text, '<', 0);
        String candidate;
        if (open >= 0) {
            int close = text.indexOf('>', open);
            candidate = text.substring(open + 1, close < 0 ? text.length() : close);
        } else {
            candidate = firstMailbox(text);
        }
        return addrSpec(candidate.strip());
    }

    /** Without an angle-addr: the first word with an "@" before a "," (after a group's "name:"). */
    private static String firstMailbox(String text) {
        int comma = outsideQuotes(text, ',', 0);
        String mailbox = comma < 0 ? text : text.substring(0, comma);
        int colon = outsideQuotes(mailbox, ':', 0);
        mailbox = colon < 0 ? mailbox : mailbox.substring(colon + 1);
        for (String word : mailbox.strip().split("[\\s;]+")) {
            if (word.indexOf('@') >= 0) {
                return word;
            }
        }
        return "";
    }

    private static String addrSpec(String candidate) {
        String address = candidate;
        if (address.startsWith("@") && address.indexOf(':') > 0) {
            address = address.substring(address.lastIndexOf(':') + 1); // obsolete source route
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return "";
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c == 127 || "<>(),;:\\".indexOf(c) >= 0 || c == '@' && i != at) {
                return "";
            }
        }
        return address.toLowerCase(Locale.ROOT);
    }

    private static int outsideQuotes(String text, char wanted, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == wanted && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
