package org.mailpush.ingest.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads message data after 354 (RFC 5321 4.1.1.4, 4.5.2). Only CRLF "." CRLF ends it: a bare LF or
 * bare CR never starts a line, so "\n.\n", "\r.\r", "\n.\r\n" and the like stay inside the message
 * (CVE-2023-51766 and its family), and the message holding them is then refused whole. The dot that
 * stuffs a line starting with "." is removed. Memory stays within the message limit: past it, or once
 * the message is known to be refused, the rest is read and counted but not kept. What it keeps is
 * taken from the receiver's {@link DataBudget} and held until {@link #release()}; when the budget has
 * no room left, the rest is read and not kept either, and the message is {@link MessageContent.Busy}.
 */
final class MessageReader {
    private enum State { LINE_START, DOT, DOT_CR, IN_LINE, CR }

    private final ProtocolInput input;
    private final int maxBytes;
    private final int maxLineLength;
    private final DataBudget budget;
    /** Bytes taken from the budget for what is kept now. */
    private long held;
    private boolean busy;

    private byte[] kept;
    private int keptLength;
    private int prefixLength;
    private long size;
    private int lineLength;
    private MessageContent.Defect defect;

    MessageReader(ProtocolInput input, int maxBytes, int maxLineLength, DataBudget budget) {
        this.input = input;
        this.maxBytes = maxBytes;
        this.maxLineLength = maxLineLength;
        this.budget = budget;
    }

    /** A reader with no bound but the message limit. */
    MessageReader(ProtocolInput input, int maxBytes, int maxLineLength) {
        this(input, maxBytes, maxLineLength, new DataBudget(Long.MAX_VALUE));
    }

    /** Gives back to the budget what the last message held; the caller is done with its bytes. */
    void release() {
        budget.release(held);
        held = 0;
    }

    /**
     * Reads one message up to and including its terminating line.
     *
     * @param prefix bytes to put before the message in {@link MessageContent.Complete#raw()} (a trace header)
     * @throws EOFException when the client closes the connection before the end of data
     */
    MessageContent read(byte[] prefix) throws IOException {
        begin(prefix);
        return read();
    }

    /**
     * Takes the first buffer of a message from the budget, before the client is asked for the data.
     *
     * @return whether there was room for it; if not, the caller refuses the message before it is sent
     */
    boolean begin(byte[] prefix) {
        release();
        busy = false;
        int capacity = prefix.length + Math.min(maxBytes, 64 * 1024);
        kept = hold(capacity) ? Arrays.copyOf(prefix, capacity) : null;
        keptLength = prefix.length;
        prefixLength = prefix.length;
        return !busy;
    }

    /** Reads the message {@link #begin(byte[]) begun}, up to and including its terminating line. */
    MessageContent read() throws IOException {
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
        if (busy) {
            return new MessageContent.Busy(size);
        }
        if (kept.length == keptLength) {
            return new MessageContent.Complete(kept, size);
        }
        // The copy is held as well while the buffer is still there: the peak is what the budget counts.
        long buffer = held;
        if (!budget.reserve(keptLength)) {
            discard();
            return new MessageContent.Busy(size);
        }
        byte[] raw = Arrays.copyOf(kept, keptLength);
        kept = null;
        budget.release(buffer);
        held = keptLength;
        return new MessageContent.Complete(raw, size);
    }

    /** Takes room for a buffer of {@code capacity} from the budget; when there is none, the message is busy. */
    private boolean hold(long capacity) {
        if (budget.reserve(capacity)) {
            held += capacity;
            return true;
        }
        busy = true;
        return false;
    }

    /** Keeps nothing more of this message, and gives back what it held. */
    private void discard() {
        kept = null;
        release();
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
            discard(); // the message is refused: keep nothing more
        }
    }

    private void keep(int b) {
        size++;
        if (size > maxBytes && kept != null) {
            discard();
        }
        if (kept == null) {
            return;
        }
        if (keptLength == kept.length) {
            long buffer = held;
            int capacity = (int) Math.min(2L * kept.length, (long) prefixLength + maxBytes);
            if (!hold(capacity)) {
                discard();
                return;
            }
            kept = Arrays.copyOf(kept, capacity);
            budget.release(buffer);
            held -= buffer;
        }
        kept[keptLength++] = (byte) b;
    }
}
