package org.mailpush.ingest.mime;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The text of an HTML body, as it streams: tags and comments are dropped, the content of script, style
 * and title elements too, block-level tags become a blank so words do not run together, and character
 * references are decoded (&amp;amp; &amp;lt; &amp;gt; &amp;quot; &amp;nbsp;, the Latin-1 and a few
 * typographic names, and numeric ones). Anything
 * it cannot read is passed on as text. Holds at most a tag name and a character reference.
 */
final class HtmlText implements CharSink {
    private enum State { TEXT, TAG_OPEN, TAG_NAME, TAG, QUOTED, BANG, COMMENT, REFERENCE, RAW_TEXT }

    private static final int MAX_NAME = 16;
    private static final Set<String> RAW_TEXT_ELEMENTS = Set.of("script", "style", "title");
    private static final Set<String> BLOCKS = Set.of(
            "address", "article", "blockquote", "br", "center", "dd", "div", "dl", "dt", "footer", "h1", "h2",
            "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section", "table", "td", "th",
            "tr", "ul");
    /** The HTML 4 names of U+00A0 to U+00FF, in order. */
    private static final String LATIN_1 = "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy"
            + " reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34"
            + " iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute"
            + " Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml"
            + " Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml"
            + " igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute"
            + " ucirc uuml yacute thorn yuml";
    private static final Map<String, String> REFERENCES = references();

    private final CharSink sink;
    private final StringBuilder name = new StringBuilder(MAX_NAME);
    private State state = State.TEXT;
    private boolean closing;
    private char quote;
    private boolean afterEquals;
    private int dashes;
    private String rawTextEnd = "";
    private int rawTextMatched;

    HtmlText(CharSink sink) {
        this.sink = sink;
    }

    @Override
    public void write(char c) {
        switch (state) {
            case TEXT -> text(c);
            case TAG_OPEN -> tagOpen(c);
            case TAG_NAME -> tagName(c);
            case TAG -> tag(c);
            case QUOTED -> state = c == quote ? State.TAG : State.QUOTED;
            case BANG -> bang(c);
            case COMMENT -> comment(c);
            case REFERENCE -> reference(c);
            case RAW_TEXT -> rawText(c);
        }
    }

    @Override
    public void end() {
        if (state == State.TAG_OPEN) {
            sink.write('<');
        } else if (state == State.REFERENCE) {
            writeAll("&" + name);
        }
        state = State.TEXT;
        sink.end();
    }

    private void text(char c) {
        if (c == '<') {
            state = State.TAG_OPEN;
        } else if (c == '&') {
            name.setLength(0);
            state = State.REFERENCE;
        } else {
            sink.write(c);
        }
    }

    private void tagOpen(char c) {
        name.setLength(0);
        closing = c == '/';
        dashes = 0;
        afterEquals = false;
        if (isLetter(c) || c == '/') {
            state = State.TAG_NAME;
            tagName(c);
        } else if (c == '!') {
            state = State.BANG;
        } else if (c == '?') {
            state = State.TAG;
        } else {
            sink.write('<'); // "a < b": not a tag
            state = State.TEXT;
            text(c);
        }
    }

    private void tagName(char c) {
        if (isLetter(c) || c >= '0' && c <= '9') {
            if (name.length() < MAX_NAME) {
                name.append(Character.toLowerCase(c));
            }
        } else if (c != '/' || name.length() > 0) {
            state = State.TAG;
            tag(c);
        }
    }

    private void tag(char c) {
        if ((c == '"' || c == '\'') && afterEquals) {
            quote = c;
            state = State.QUOTED;
        } else if (c == '>') {
            endTag();
        }
        afterEquals = c == '=' || afterEquals && c == ' ';
    }

    private void endTag() {
        String element = name.toString();
        state = State.TEXT;
        if (!closing && RAW_TEXT_ELEMENTS.contains(element)) {
            rawTextEnd = "</" + element;
            rawTextMatched = 0;
            state = State.RAW_TEXT;
        } else if (BLOCKS.contains(element)) {
            sink.write(' ');
        }
    }

    /** After "<!": a comment if two dashes follow, a declaration such as DOCTYPE otherwise. */
    private void bang(char c) {
        if (c == '-' && ++dashes == 2) {
            dashes = 0;
            state = State.COMMENT;
        } else if (c != '-') {
            state = State.TAG;
            tag(c);
        }
    }

    private void comment(char c) {
        if (c == '>' && dashes >= 2) {
            state = State.TEXT;
        }
        dashes = c == '-' ? dashes + 1 : 0;
    }

    /** Inside script, style or title: everything up to the matching end tag is skipped. */
    private void rawText(char c) {
        if (Character.toLowerCase(c) == rawTextEnd.charAt(rawTextMatched)) {
            if (++rawTextMatched == rawTextEnd.length()) {
                name.setLength(0);
                closing = true;
                state = State.TAG;
            }
        } else {
            rawTextMatched = c == '<' ? 1 : 0;
        }
    }

    private void reference(char c) {
        if ((isLetter(c) || c >= '0' && c <= '9' || c == '#') && name.length() < MAX_NAME) {
            name.append(c);
            return;
        }
        state = State.TEXT;
        String decoded = c == ';' ? decode(name.toString()) : null;
        if (decoded != null) {
            writeAll(decoded);
        } else {
            writeAll("&" + name);
            text(c);
        }
    }

    /** The text a character reference stands for, or null when it is not one we know. */
    private static String decode(String reference) {
        if (!reference.startsWith("#")) {
            String exact = REFERENCES.get(reference);
            return exact != null ? exact : REFERENCES.get(reference.toLowerCase(Locale.ROOT));
        }
        boolean hex = reference.length() > 1 && (reference.charAt(1) == 'x' || reference.charAt(1) == 'X');
        try {
            int codePoint = Integer.parseInt(reference.substring(hex ? 2 : 1), hex ? 16 : 10);
            return codePoint > 0 && Character.isValidCodePoint(codePoint) ? Character.toString(codePoint) : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static Map<String, String> references() {
        Map<String, String> references = new HashMap<>();
        String[] names = LATIN_1.split(" ");
        for (int i = 0; i < names.length; i++) {
            references.put(names[i], Character.toString(0xa0 + i));
        }
        references.putAll(Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ",
                "hellip", "\u2026", "mdash", "\u2014", "ndash", "\u2013", "euro", "\u20ac"));
        references.putAll(Map.of("lsquo", "\u2018", "rsquo", "\u2019", "ldquo", "\u201c", "rdquo", "\u201d",
                "bull", "\u2022", "trade", "\u2122", "zwnj", ""));
        return Map.copyOf(references);
    }

    private void writeAll(String text) {
        for (int i = 0; i < text.length(); i++) {
            sink.write(text.charAt(i));
        }
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
