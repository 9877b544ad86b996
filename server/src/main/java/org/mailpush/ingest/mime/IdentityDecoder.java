package org.mailpush.ingest.mime;

/** The 7bit, 8bit and binary transfer encodings, and any unknown one (RFC 2045 section 6.2): lines as they are. */
final class IdentityDecoder implements BodySink {
    private final ByteSink sink;

    IdentityDecoder(ByteSink sink) {
        this.sink = sink;
    }

    @Override
    public void line(byte[] bytes, int offset, int length, boolean lineEnd) {
        for (int i = offset; i < offset + length; i++) {
            sink.write(bytes[i] & 0xff);
        }
        if (lineEnd) {
            sink.write('\n');
        }
    }

    @Override
    public void end() {
        sink.end();
    }
}
