package org.mailpush.ingest.mime;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Turns the bytes of a text part into chars in its charset (RFC 2046 section 4.1.2), through two small
 * buffers. Malformed input becomes U+FFFD; an unknown or unsupported charset is read as UTF-8, and so is
 * US-ASCII, because eight-bit text labelled US-ASCII is in practice UTF-8.
 */
final class CharsetText implements ByteSink {
    private static final int BUFFER = 512;

    private final CharsetDecoder decoder;
    private final ByteBuffer in = ByteBuffer.allocate(BUFFER);
    private final CharBuffer out = CharBuffer.allocate(BUFFER);
    private final CharSink sink;

    CharsetText(String charset, CharSink sink) {
        this.decoder = charset(charset).newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        this.sink = sink;
    }

    static Charset charset(String name) {
        String label = name.strip();
        if (label.isEmpty() || label.equalsIgnoreCase("us-ascii") || label.equalsIgnoreCase("ascii")) {
            return UTF_8;
        }
        try {
            return Charset.forName(label);
        } catch (IllegalArgumentException unknown) {
            // IllegalCharsetNameException and UnsupportedCharsetException: a label we cannot read.
            return UTF_8;
        }
    }

    @Override
    public void write(int b) {
        in.put((byte) b);
        if (!in.hasRemaining()) {
            decode(false);
        }
    }

    @Override
    public void end() {
        decode(true);
        while (decoder.flush(out).isOverflow()) {
            drain();
        }
        drain();
        sink.end();
    }

    private void decode(boolean endOfInput) {
        in.flip();
        CoderResult result;
        do {
            result = decoder.decode(in, out, endOfInput);
            drain();
        } while (result.isOverflow());
        in.compact();
        if (!in.hasRemaining()) {
            in.clear(); // a decoder that will not consume a whole buffer: drop it rather than overflow
        }
    }

    private void drain() {
        out.flip();
        while (out.hasRemaining()) {
            sink.write(out.get());
        }
        out.clear();
    }
}
