package org.mailpush.ingest.mime;

/**
 * The quoted-printable transfer encoding (RFC 2045 section 6.7), decoded as it streams: {@code =XX} is a
 * byte, {@code =} at the end of a line (blanks may follow it) is a soft line break, and any other line
 * end is a line break. An {@code =} that starts no valid escape is kept as it is, as the RFC suggests.
 */
final class QuotedPrintableDecoder implements BodySink {
    private static final int PLAIN = 0;
    private static final int ESCAPE = 1;
    private static final int ESCAPE_DIGIT = 2;

    private final ByteSink sink;
    private int state = PLAIN;
    private int firstDigit;

    QuotedPrintableDecoder(ByteSink sink) {
        this.sink = sink;
    }

    @Override
    public void line(byte[] bytes, int offset, int length, boolean lineEnd) {
        for (int i = offset; i < offset + length; i++) {
            accept(bytes[i] & 0xff);
        }
        if (lineEnd) {
            if (state != ESCAPE) {
                unfinishedEscape();
                sink.write('\n');
            }
            state = PLAIN;
        }
    }

    @Override
    public void end() {
        if (state == ESCAPE) {
            sink.write('=');
        }
        unfinishedEscape();
        state = PLAIN;
        sink.end();
    }

    private void accept(int b) {
        if (state == ESCAPE && (b == ' ' || b == '\t')) {
            return; // blanks between a soft line break and the line end
        }
        if (state == ESCAPE && hex(b) >= 0) {
            firstDigit = b;
            state = ESCAPE_DIGIT;
        } else if (state == ESCAPE_DIGIT && hex(b) >= 0) {
            sink.write(hex(firstDigit) << 4 | hex(b));
            state = PLAIN;
        } else {
            if (state == ESCAPE) {
                sink.write('=');
            }
            unfinishedEscape();
            if (b == '=') {
                state = ESCAPE;
            } else {
                sink.write(b);
                state = PLAIN;
            }
        }
    }

    /** Writes "=X" as it is when a second hex digit never came. */
    private void unfinishedEscape() {
        if (state == ESCAPE_DIGIT) {
            sink.write('=');
            sink.write(firstDigit);
            state = PLAIN;
        }
    }

    private static int hex(int b) {
        return Character.digit(b, 16);
    }
}
