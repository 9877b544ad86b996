package org.mailpush.ingest.mime;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A field of the form {@code value *(";" parameter)} (RFC 2045 section 5.1, RFC 2183): Content-Type and
 * Content-Disposition. Comments are dropped, parameter names are lower case, quoted-string values are
 * unquoted, the first of two equal names wins. Never fails: whatever cannot be read is left out.
 *
 * @param value      the part before the first ";", lower case, without blanks and comments
 * @param parameters the parameters by lower-case name
 */
record StructuredField(String value, Map<String, String> parameters) {

    static final StructuredField EMPTY = new StructuredField("", Map.of());

    static StructuredField parse(String field) {
        String text = withoutComments(field);
        Map<String, String> parameters = new HashMap<>();
        int semicolon = nextSemicolon(text, 0);
        String value = text.substring(0, semicolon).strip().toLowerCase(Locale.ROOT);
        while (semicolon < text.length()) {
            int start = semicolon + 1;
            semicolon = nextSemicolon(text, start);
            String parameter = text.substring(start, semicolon);
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? "" : parameter.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                parameters.putIfAbsent(name, unquote(parameter.substring(equals + 1).strip()));
            }
        }
        return new StructuredField(value, Map.copyOf(parameters));
    }

    /** The named parameter, or empty. */
    String parameter(String name) {
        return parameters.getOrDefault(name, "");
    }

    /** Whether a parameter of this name is present, also in RFC 2231 form ({@code filename*}, {@code filename*0*}). */
    boolean hasParameter(String name) {
        return parameters.keySet().stream().anyMatch(key -> key.equals(name) || key.startsWith(name + "*"));
    }

    private static int nextSemicolon(String text, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        return text.length();
    }

    private static String unquote(String value) {
        if (!value.startsWith("\"")) {
            return value;
        }
        StringBuilder unquoted = new StringBuilder(value.length());
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                break;
            }
            if (c == '\\' && i + 1 < value.length()) {
                c = value.charAt(++i);
            }
            unquoted.append(c);
        }
        return unquoted.toString();
    }

    /** Drops RFC 5322 comments, "(like this)", that are not inside a quoted string. */
    static String withoutComments(String text) {
        if (text.indexOf('(') < 0) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && (quoted || depth > 0)) {
                if (depth == 0) {
                    kept.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (depth == 0 && c == '"') {
                quoted = !quoted;
                kept.append(c);
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                kept.append(c);
            }
        }
        return kept.toString();
    }
}
