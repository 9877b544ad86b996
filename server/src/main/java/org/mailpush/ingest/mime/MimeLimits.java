package org.mailpush.ingest.mime;

/**
 * How much a {@link MimeSummarizer} reads and keeps of one message. Whatever the input, a scan holds
 * roughly {@code maxLineLength * (maxDepth + 1) + maxHeaderBytes + 8 * previewLength} bytes, plus about
 * 300 bytes per listed attachment type (at most {@code maxParts} of them): with the defaults, well under
 * a megabyte.
 *
 * @param maxHeaderBytes bytes of header fields kept per part; only the eight fields a summary reads
 *                       (From, Subject, Importance, X-Priority, Priority, Content-Type,
 *                       Content-Disposition, Content-Transfer-Encoding) are kept, each up to an eighth
 *                       of this; the rest of a field and all other fields are skipped
 * @param maxDepth       how many multiparts inside one another are followed; the parts of deeper ones are
 *                       not looked at
 * @param maxParts       how many entities (the message, multiparts, leaf parts) are looked at; later parts
 *                       are skipped
 * @param previewLength  the length of the preview in Unicode characters (code points)
 * @param maxLineLength  the longest line handled in one piece; longer lines are read in pieces of this
 *                       size, so a boundary line must fit in it (at least 80)
 */
public record MimeLimits(int maxHeaderBytes, int maxDepth, int maxParts, int previewLength, int maxLineLength) {

    /** 64 KiB of header fields per part, 20 levels, 1000 parts, 200 characters, 8 KiB lines. */
    public static final MimeLimits DEFAULTS = new MimeLimits(64 * 1024, 20, 1000, 200, 8 * 1024);

    /** The shortest line that still holds a boundary delimiter of RFC 2046's 70 characters. */
    static final int MIN_LINE_LENGTH = 80;

    public MimeLimits {
        if (maxHeaderBytes < 0) {
            throw new IllegalArgumentException("maxHeaderBytes must not be negative, got " + maxHeaderBytes);
        }
        if (maxDepth < 0) {
            throw new IllegalArgumentException("maxDepth must not be negative, got " + maxDepth);
        }
        if (maxParts < 1) {
            throw new IllegalArgumentException("maxParts must be at least 1, got " + maxParts);
        }
        if (previewLength < 0) {
            throw new IllegalArgumentException("previewLength must not be negative, got " + previewLength);
        }
        if (maxLineLength < MIN_LINE_LENGTH) {
            throw new IllegalArgumentException(
                    "maxLineLength must be at least " + MIN_LINE_LENGTH + ", got " + maxLineLength);
        }
    }
}
