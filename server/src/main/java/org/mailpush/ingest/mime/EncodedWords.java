package org.mailpush.ingest.mime;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.regex.Pattern;

/**
 * Text header fields such as Subject, decoded from RFC 2047 encoded-words with Jakarta Mail's
 * {@link MimeUtility#decodeText}, then made fit to show: control characters removed, blanks collapsed.
 * When decoding fails (an unknown charset in an encoded-word), the field's own text is kept.
 */
final class EncodedWords {

    /**
     * An encoded-word directly followed by another. Many mailers write them without the blank RFC 2047
     * asks for, which MimeUtility in its default strict mode would leave undecoded; the blank it needs
     * is dropped again by decoding, as RFC 2047 section 6.2 says.
     */
    private static final Pattern ADJACENT = Pattern.compile("(=\\?[^?\\s]+\\?[bBqQ]\\?[^?\\s]*\\?=)(?==\\?)");

    private EncodedWords() {
    }

    static String decode(String field) {
        String decoded;
        try {
            decoded = MimeUtility.decodeText(ADJACENT.matcher(field).replaceAll("$1 "));
        } catch (UnsupportedEncodingException | RuntimeException undecodable) {
            decoded = field;
        }
        return printable(decoded);
    }

    /** Without control characters, with each run of blanks (folding, tabs, line breaks) one space. */
    static String printable(String text) {
        StringBuilder printable = new StringBuilder(text.length());
        boolean blank = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                blank = true;
            } else if (!Character.isISOControl(c)) {
                if (blank && !printable.isEmpty()) {
                    printable.append(' ');
                }
                blank = false;
                printable.append(c);
            }
        }
        return printable.toString();
    }
}
