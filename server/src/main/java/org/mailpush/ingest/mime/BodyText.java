package org.mailpush.ingest.mime;

/**
 * Reads the body of a text part into a preview: transfer decoding (quoted-printable, base64 or none),
 * then the charset, then for HTML the markup. It stops decoding as soon as the preview is full.
 */
final class BodyText implements BodySink {
    private final BodySink decoder;
    private final PreviewText preview;
    private boolean ended;

    private BodyText(BodySink decoder, PreviewText preview) {
        this.decoder = decoder;
        this.preview = preview;
    }

    static BodyText plain(PartHeaders part, PreviewText preview) {
        return new BodyText(decoder(part.transferEncoding(), new CharsetText(part.charset(), preview)), preview);
    }

    static BodyText html(PartHeaders part, PreviewText preview) {
        CharsetText chars = new CharsetText(part.charset(), new HtmlText(preview));
        return new BodyText(decoder(part.transferEncoding(), chars), preview);
    }

    /** The decoder for a Content-Transfer-Encoding (RFC 2045 section 6); an unknown one is read as it is. */
    static BodySink decoder(String transferEncoding, ByteSink sink) {
        return switch (transferEncoding) {
            case "base64" -> new Base64Decoder(sink);
            case "quoted-printable" -> new QuotedPrintableDecoder(sink);
            default -> new IdentityDecoder(sink);
        };
    }

    @Override
    public void line(byte[] bytes, int offset, int length, boolean lineEnd) {
        if (!preview.full()) {
            decoder.line(bytes, offset, length, lineEnd);
        }
    }

    @Override
    public void end() {
        if (!ended && !preview.full()) {
            decoder.end();
        }
        ended = true;
    }
}
