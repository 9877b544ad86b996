package org.mailpush.ingest.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a client sent, buffered so that commands and message data are read from one place and
 * whatever is buffered can be thrown away when the connection turns to TLS (RFC 3207 4.2, 5).
 * Not safe for concurrent use: one session reads it.
 */
final class ProtocolInput {
    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    ProtocolInput(InputStream in) {
        this.in = in;
    }

    /** The next byte, or -1 at the end of the stream. */
    int read() throws IOException {
        if (position == limit) {
            int count = in.read(buffer, 0, buffer.length);
            if (count <= 0) {
                return -1;
            }
            position = 0;
            limit = count;
        }
        return buffer[position++] & 0xff;
    }

    /** Drops what was received but not read yet and says how many bytes that was. */
    int discardBuffered() {
        int dropped = limit - position;
        position = limit;
        return dropped;
    }

    /**
     * Reads one command line of at most {@code maxLength} octets including its CRLF. Lines ended by a
     * bare LF or holding a bare CR are read to their end and reported, not returned: a command must
     * never depend on how a line end was spelt. Memory stays within {@code maxLength}.
     */
    CommandLine readLine(int maxLength) throws IOException {
        byte[] line = new byte[maxLength];
        int length = 0;
        boolean tooLong = false;
        boolean bare = false;
        boolean afterCr = false;
        while (true) {
            int b = read();
            if (b == -1) {
                return new CommandLine.Closed();
            }
            if (b == '\n') {
                if (!afterCr) {
                    bare = true;
                }
                break;
            }
            if (afterCr) {
                bare = true;
            }
            afterCr = b == '\r';
            // the line's CRLF takes two of maxLength octets; a CR may be the first of them
            if (length < maxLength - (afterCr ? 1 : 2)) {
                line[length++] = (byte) b;
            } else {
                tooLong = true;
            }
        }
        if (bare) {
            return new CommandLine.BareLineEnd();
        }
        if (tooLong) {
            return new CommandLine.TooLong();
        }
        return new CommandLine.Text(new String(line, 0, length - 1, StandardCharsets.ISO_8859_1));
    }
}
