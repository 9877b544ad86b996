package org.mailpush.ingest.mime;

/**
 * The first characters of a text, as a reader would glance at them: runs of blanks and line breaks
 * become one space, control characters and byte order marks go, and it stops after {@code length}
 * Unicode characters (code points, so a surrogate pair is never cut). A lone surrogate is dropped.
 */
final class PreviewText implements CharSink {
    private final int length;
    private final StringBuilder text;
    private int count;
    private boolean blank;
    private char highSurrogate;

    PreviewText(int length) {
        this.length = length;
        this.text = new StringBuilder(Math.min(length, 256));
    }

    @Override
    public void write(char c) {
        if (full()) {
            return;
        }
        if (Character.isHighSurrogate(c)) {
            highSurrogate = c;
            return;
        }
        if (Character.isLowSurrogate(c)) {
            if (highSurrogate != 0) {
                accept(Character.toCodePoint(highSurrogate, c));
            }
        } else {
            accept(c);
        }
        highSurrogate = 0;
    }

    @Override
    public void end() {
        highSurrogate = 0;
    }

    boolean full() {
        return count >= length;
    }

    boolean isEmpty() {
        return count == 0;
    }

    String text() {
        return text.toString();
    }

    /** The chars this preview holds on to. */
    int capacity() {
        return text.capacity();
    }

    private void accept(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
            blank = count > 0;
            return;
        }
        if (Character.isISOControl(codePoint) || codePoint == '\ufeff') {
            return;
        }
        if (blank) {
            blank = false;
            if (count + 1 >= length) {
                count = length; // no room for a character after the space: the preview is complete
                return;
            }
            text.append(' ');
            count++;
        }
        text.appendCodePoint(codePoint);
        count++;
    }
}
