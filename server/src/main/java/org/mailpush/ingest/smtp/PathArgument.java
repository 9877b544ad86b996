package org.mailpush.ingest.smtp;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The argument of MAIL FROM or RCPT TO (RFC 5321 4.1.2): a path in angle brackets and optional
 * parameters. The path is returned as sent, quotes included, for {@link RecipientCheck} to judge.
 *
 * @param path       what stood between the angle brackets
 * @param parameters the ESMTP parameters after it, such as SIZE=1000
 */
record PathArgument(String path, List<String> parameters) {

    PathArgument {
        parameters = List.copyOf(parameters);
    }

    /**
     * Parses the text after the command verb.
     *
     * @param keyword "FROM:" or "TO:"; a space after it is tolerated, as most receivers do
     * @return empty when the argument is not of the form {@code keyword<path> [parameters]}
     */
    static Optional<PathArgument> parse(String argument, String keyword) {
        String text = argument.stripLeading();
        if (!text.toUpperCase(Locale.ROOT).startsWith(keyword)) {
            return Optional.empty();
        }
        int open = skipSpaces(text, keyword.length());
        if (open >= text.length() || text.charAt(open) != '<') {
            return Optional.empty();
        }
        int close = closingBracket(text, open + 1);
        if (close < 0) {
            return Optional.empty();
        }
        String rest = text.substring(close + 1);
        if (!rest.isEmpty() && rest.charAt(0) != ' ') {
            return Optional.empty();
        }
        List<String> parameters = Arrays.stream(rest.split(" ")).filter(p -> !p.isEmpty()).toList();
        return Optional.of(new PathArgument(text.substring(open + 1, close), parameters));
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** The index of the '>' that closes the path, skipping quoted strings and quoted pairs. */
    private static int closingBracket(String text, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '>') {
                return i;
            } else if (!quoted && c == '<') {
                return -1;
            }
        }
        return -1;
    }
}
