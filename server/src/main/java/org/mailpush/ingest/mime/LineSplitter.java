package org.mailpush.ingest.mime;

/**
 * Cuts a byte stream into lines (RFC 5322 section 2.1) without ever holding more than one line's worth.
 * LF and CRLF end a line; a bare CR and a NUL are ordinary data. A line longer than the buffer is handed
 * on in pieces, the last of which carries {@code lineEnd}. The pieces depend only on the bytes, never on
 * how they were split into writes, so a summary does not depend on the chunking either.
 */
final class LineSplitter {

    /** Receives the lines; {@code bytes} is reused after the call returns. */
    interface Sink {
        void line(byte[] bytes, int length, boolean lineEnd);
    }

    private final byte[] line;
    private final Sink sink;
    private int length;

    LineSplitter(int maxLineLength, Sink sink) {
        this.line = new byte[maxLineLength];
        this.sink = sink;
    }

    void write(byte[] bytes, int offset, int count) {
        int end = offset + count;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                endLine();
            } else {
                line[length++] = b;
                if (length == line.length) {
                    length = 0;
                    sink.line(line, line.length, false);
                }
            }
        }
    }

    /** Hands on the last line even though no line break ended it. */
    void finish() {
        if (length > 0) {
            endLine();
        }
    }

    int capacity() {
        return line.length;
    }

    private void endLine() {
        int content = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        length = 0;
        sink.line(line, content, true);
    }
}
