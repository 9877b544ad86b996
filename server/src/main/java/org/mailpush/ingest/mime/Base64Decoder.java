package org.mailpush.ingest.mime;

/**
 * The base64 transfer encoding (RFC 2045 section 6.8), decoded as it streams. Characters outside the
 * alphabet are ignored, as the RFC asks; padding ends a quantum early, and data after it is decoded too
 * (concatenated encodings); a last quantum without padding is decoded as if it had it.
 */
final class Base64Decoder implements BodySink {
    private final ByteSink sink;
    private int quantum;
    private int sextets;

    Base64Decoder(ByteSink sink) {
        this.sink = sink;
    }

    @Override
    public void line(byte[] bytes, int offset, int length, boolean lineEnd) {
        for (int i = offset; i < offset + length; i++) {
            int sextet = sextet(bytes[i]);
            if (sextet >= 0) {
                quantum = quantum << 6 | sextet;
                if (++sextets == 4) {
                    sink.write(quantum >> 16 & 0xff);
                    sink.write(quantum >> 8 & 0xff);
                    sink.write(quantum & 0xff);
                    sextets = 0;
                    quantum = 0;
                }
            } else if (bytes[i] == '=') {
                endQuantum();
            }
        }
    }

    @Override
    public void end() {
        endQuantum();
        sink.end();
    }

    private void endQuantum() {
        if (sextets == 2) {
            sink.write(quantum >> 4 & 0xff);
        } else if (sextets == 3) {
            sink.write(quantum >> 10 & 0xff);
            sink.write(quantum >> 2 & 0xff);
        }
        sextets = 0;
        quantum = 0;
    }

    private static int sextet(byte b) {
        if (b >= 'A' && b <= 'Z') {
            return b - 'A';
        }
        if (b >= 'a' && b <= 'z') {
            return b - 'a' + 26;
        }
        if (b >= '0' && b <= '9') {
            return b - '0' + 52;
        }
        return b == '+' ? 62 : b == '/' ? 63 : -1;
    }
}
