package org.mailpush.ingest.mime;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.ArrayDeque;
import java.util.Deque;
import org.mailpush.mail.MailSummary;

/**
 * The structure of a message, line by line: the header section of each entity, then its body; for a
 * multipart (RFC 2046 section 5.1) a stack of boundary delimiters, innermost first. A delimiter line of
 * an outer multipart also ends the inner ones, which repairs a missing close delimiter; a multipart
 * deeper than {@link MimeLimits#maxDepth()} or past {@link MimeLimits#maxParts()} is skipped as a whole.
 */
final class MessageScanner implements LineSplitter.Sink {

    /** A multipart's "--boundary" line start, and whether its parts default to message/rfc822. */
    private record Delimiter(byte[] dashBoundary, boolean digest) {
    }

    private enum Mode { HEADERS, BODY }

    private final MimeLimits limits;
    private final SummaryCollector collector;
    private final Deque<Delimiter> delimiters = new ArrayDeque<>();
    private Mode mode = Mode.HEADERS;
    private HeaderSection headers;
    private String defaultType = "text/plain";
    private BodySink body = BodySink.DISCARD;
    private boolean lineStart = true;
    private boolean message = true;
    private int entities = 1;

    MessageScanner(MimeLimits limits) {
        this.limits = limits;
        this.collector = new SummaryCollector(limits.previewLength());
        this.headers = new HeaderSection(limits.maxHeaderBytes());
    }

    @Override
    public void line(byte[] bytes, int length, boolean lineEnd) {
        boolean start = lineStart;
        lineStart = lineEnd;
        if (start && length >= 2 && bytes[0] == '-' && bytes[1] == '-' && delimiter(bytes, length)) {
            return;
        }
        if (mode == Mode.HEADERS) {
            HeaderSection.Outcome outcome = headers.line(bytes, length, start);
            if (outcome == HeaderSection.Outcome.FIELD) {
                return;
            }
            beginBody();
            if (outcome == HeaderSection.Outcome.END) {
                return;
            }
        }
        body.line(bytes, 0, length, lineEnd);
    }

    /** Ends the message where the input ended, whatever was still open, and sums it up. */
    MailSummary finish(long sizeBytes) {
        endEntity();
        return summary(sizeBytes);
    }

    /** What was learnt so far, without reading on. */
    MailSummary summary(long sizeBytes) {
        return collector.summary(sizeBytes);
    }

    /** The bytes this scanner holds on to, besides the line buffer. */
    long retainedBytes() {
        long boundaries = delimiters.stream().mapToLong(d -> d.dashBoundary().length + 32L).sum();
        return boundaries + (headers == null ? 0 : headers.retainedBytes()) + collector.retainedBytes();
    }

    /** Whether the line is a delimiter of an open multipart; if so, acts on it. */
    private boolean delimiter(byte[] bytes, int length) {
        for (Delimiter delimiter : delimiters) {
            int rest = match(delimiter.dashBoundary(), bytes, length);
            if (rest >= 0) {
                boolean close = rest + 1 < length && bytes[rest] == '-' && bytes[rest + 1] == '-';
                if (blank(bytes, close ? rest + 2 : rest, length)) {
                    boundary(delimiter, close);
                    return true;
                }
            }
        }
        return false;
    }

    private void boundary(Delimiter delimiter, boolean close) {
        endEntity();
        while (delimiters.peek() != delimiter) {
            delimiters.pop(); // inner multiparts that never closed
        }
        if (close) {
            delimiters.pop(); // what follows is the epilogue, which is discarded
        } else if (entities < limits.maxParts()) {
            entities++;
            headers = new HeaderSection(limits.maxHeaderBytes());
            defaultType = delimiter.digest() ? "message/rfc822" : "text/plain";
            mode = Mode.HEADERS;
        }
    }

    private void beginBody() {
        PartHeaders part = headers.complete(defaultType);
        headers = null;
        mode = Mode.BODY;
        if (message) {
            message = false;
            collector.message(part);
        }
        if (part.multipart()) {
            openMultipart(part);
        } else {
            body = collector.leaf(part);
        }
    }

    private void openMultipart(PartHeaders part) {
        byte[] dashBoundary = ("--" + part.boundary()).getBytes(ISO_8859_1);
        // A boundary must fit a line piece to be recognised; RFC 2046 allows 70 characters.
        boolean usable = dashBoundary.length > 2 && dashBoundary.length <= limits.maxLineLength() - 2;
        if (usable && delimiters.size() < limits.maxDepth()) {
            delimiters.push(new Delimiter(dashBoundary, part.digest()));
        }
    }

    private void endEntity() {
        if (mode == Mode.HEADERS) {
            beginBody();
        }
        body.end();
        body = BodySink.DISCARD;
        mode = Mode.BODY;
    }

    /** The index after the "--boundary" that starts the line, or -1. */
    private static int match(byte[] dashBoundary, byte[] bytes, int length) {
        if (length < dashBoundary.length) {
            return -1;
        }
        for (int i = 0; i < dashBoundary.length; i++) {
            if (bytes[i] != dashBoundary[i]) {
                return -1;
            }
        }
        return dashBoundary.length;
    }

    /** Whether only transport padding (blanks, RFC 2046 section 5.1.1) is left on the line. */
    private static boolean blank(byte[] bytes, int from, int length) {
        for (int i = from; i < length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
