package org.mailpush.ingest.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.mailpush.mail.MailSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sums up an Internet message (RFC 5322, MIME) as it streams past, in memory bounded by
 * {@link MimeLimits} whatever the input, and never fails on content: malformed MIME gives a best-effort
 * summary.
 *
 * <ul>
 *   <li><b>sender</b>: the addr-spec of the first mailbox in From, lower case, or empty;</li>
 *   <li><b>subject</b>: Subject decoded from RFC 2047, without control characters;</li>
 *   <li><b>sizeBytes</b>: every byte written;</li>
 *   <li><b>importance</b>: Importance (low, normal, high), else X-Priority (1-2 high, 4-5 low), else
 *       Priority (urgent, non-urgent);</li>
 *   <li><b>pictures</b>: the image/* parts, inline or attached;</li>
 *   <li><b>attachmentTypes</b>: the media types of the attachments, in message order. Images count as
 *       attachments only with Content-Disposition: attachment; text/* only with that disposition or a file
 *       name; every other leaf type (application, audio, video, message/rfc822, ...) always, except
 *       detached signatures. message/rfc822 parts are not descended into;</li>
 *   <li><b>preview</b>: the first {@link MimeLimits#previewLength()} characters of the first text/plain
 *       part that is not an attachment, else of the first text/html part with the markup removed;
 *       decoded from its transfer encoding and charset (an unknown charset is read as UTF-8), with
 *       blanks collapsed and control characters removed.</li>
 * </ul>
 *
 * <p>Instances are immutable and may be shared; each {@link Scan} is for one message and one thread.
 */
public final class MimeSummarizer {
    private static final Logger LOG = LoggerFactory.getLogger(MimeSummarizer.class);

    private final MimeLimits limits;

    public MimeSummarizer(MimeLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Starts reading one message; write its bytes to the scan, then {@link Scan#finish()} it. */
    public Scan start() {
        return new Scan(limits);
    }

    /**
     * Reads a whole message from a stream, which it does not close.
     *
     * @throws IOException only when the stream fails; the content never makes this fail
     */
    public MailSummary summarize(InputStream raw) throws IOException {
        Scan scan = start();
        raw.transferTo(scan);
        return scan.finish();
    }

    /**
     * One message being read. It is an {@link OutputStream} so that a receiver can copy the bytes it
     * stores into it too; no content makes writing or finishing throw. Not thread-safe.
     */
    public static final class Scan extends OutputStream {
        private final MessageScanner scanner;
        private final LineSplitter lines;
        private long size;
        private MailSummary summary;
        private RuntimeException failure;

        Scan(MimeLimits limits) {
            this.scanner = new MessageScanner(limits);
            this.lines = new LineSplitter(limits.maxLineLength(), scanner);
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            if (summary != null) {
                throw new IllegalStateException("the scan is finished; start another for the next message");
            }
            size += length;
            if (failure == null) {
                try {
                    lines.write(bytes, offset, length);
                } catch (RuntimeException e) {
                    fail(e);
                }
            }
        }

        /** Ends the message and sums it up; the scan takes no more bytes afterwards. Repeatable. */
        public MailSummary finish() {
            if (summary == null) {
                if (failure == null) {
                    try {
                        lines.finish();
                        summary = scanner.finish(size);
                    } catch (RuntimeException e) {
                        fail(e);
                    }
                }
                if (summary == null) {
                    summary = scanner.summary(size);
                }
            }
            return summary;
        }

        /** What went wrong inside the scanner, if anything: for tests, which expect nothing. */
        RuntimeException failure() {
            return failure;
        }

        /** The bytes this scan holds on to. */
        long retainedBytes() {
            return lines.capacity() + scanner.retainedBytes();
        }

        /**
         * A bug in this package must not lose a mail the receiver is about to accept: the scan stops
         * reading, keeps counting bytes, and sums up what it has.
         */
        private void fail(RuntimeException e) {
            failure = e;
            LOG.warn("MIME summary stopped early; the mail is kept with a partial summary", e);
        }
    }
}
