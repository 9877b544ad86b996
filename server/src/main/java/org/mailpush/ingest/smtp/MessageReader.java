package org.mailpush.ingest.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads message data after 354 (RFC 5321 4.1.1.4, 4.5.2). Only CRLF "." CRLF ends it: a bare LF or
 * bare CR never starts a line, so "\n.\n", "\r.\r", "\n.\r\n" and the like stay inside the message
 * (CVE-2023-51766 and its family), and the message holding them is then refused whole. The dot that
 * stuffs a line starting with "." is removed. Memory stays within the message limit: past it, or once
 * the message is known to be refused, the rest is read and counted but not kept.
 */
final class MessageReader {
    private enum State { LINE_START, DOT, DOT_CR, IN_LINE, CR }

    private final ProtocolInput input;
    private final int maxBytes;
    private final int maxLineLength;

    private byte[] kept;
    private int keptLength;
    private int prefixLength;
    private long size;
    private int lineLength;
    private MessageContent.Defect defect;

    MessageReader(ProtocolInput input, int maxBytes, int maxLineLength) {
        this.input = input;
        this.maxBytes = maxBytes;
        this.maxLineLength = maxLineLength;
    }

    /**
     * Reads one message up to and including its terminating line.
     *
     * @param prefix bytes to put before the message in {@link MessageContent.Complete#raw()} (a trace header)
     * @throws EOFException when the client closes the connection before the end of data
     */
    MessageContent read(byte[] prefix) throws IOException {
        kept = Arrays.copyOf(prefix, prefix.length + Math.min(maxBytes, 64 * 1024));
        keptLength = prefix.length;
        prefixLength = prefix.length;
        size = 0;
        lineLength = 0;
        defect = null;
        State state = State.LINE_START;
        while (true) {
            int b = input.read();
            if (b == -1) {
                throw new EOFException("connection closed before the end of message data");
            }
            state = switch (state) {
                case LINE_START -> b == '.' ? countLine(State.DOT) : inLine(b);
                case DOT -> b == '\r' ? State.DOT_CR : inLine(b); // the stuffed dot is dropped
                case DOT_CR -> {
                    if (b == '\n') {
                        yield null;
                    }
                    flaw(MessageContent.Defect.BARE_CR); // "." CR x: the dot was stuffing for a bare CR
                    keep('\r');
                    yield inLine(b);
                }
                case IN_LINE -> inLine(b);
                case CR -> {
                    if (b == '\n') {
                        keep('\r');
                        keep('\n');
                        lineLength = 0;
                        yield State.LINE_START;
                    }
                    flaw(MessageContent.Defect.BARE_CR);
                    keep('\r');
                    yield inLine(b);
                }
            };
            if (state == null) {
                return outcome();
            }
        }
    }

    private MessageContent outcome() {
        if (size > maxBytes) {
            return new MessageContent.TooLarge(size);
        }
        if (defect != null) {
            return new MessageContent.Malformed(defect);
        }
        return new MessageContent.Complete(Arrays.copyOf(kept, keptLength), size);
    }

    /** A byte inside a line; a CR waits for the next byte to tell whether it ends the line. */
    private State inLine(int b) {
        if (b == '\r') {
            return countLine(State.CR);
        }
        if (b == '\n') {
            flaw(MessageContent.Defect.BARE_LF);
        } else if (b == 0) {
            flaw(MessageContent.Defect.NUL);
        }
        countLine(State.IN_LINE);
        keep(b);
        return State.IN_LINE;
    }

    /** Counts one octet of the current line as sent (CRLF excluded, a stuffing dot included). */
    private State countLine(State next) {
        lineLength++;
        if (lineLength > maxLineLength - 2 + (next == State.CR ? 1 : 0)) {
            flaw(MessageContent.Defect.LINE_TOO_LONG);
        }
        return next;
    }

    private void flaw(MessageContent.Defect found) {
        if (defect == null) {
            defect = found;
            kept = null; // the message is refused: keep nothing more
        }
    }

    private void keep(int b) {
        size++;
        if (size > maxBytes) {
            kept = null;
        }
        if (kept == null) {
            return;
        }
        if (keptLength == kept.length) {
            kept = Arrays.copyOf(kept, (int) Math.min(2L * kept.length, (long) prefixLength + maxBytes));
        }
        kept[keptLength++] = (byte) b;
    }
}
