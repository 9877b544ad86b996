package org.mailpush.ingest.mime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.mailpush.mail.MailSummary;

/** Test messages: the fixtures under resources/mime, and scans of them that must not fail inside. */
final class Messages {

    static final List<String> FIXTURES = List.of(
            "plain.eml", "subject-utf8-b.eml", "subject-utf8-q.eml", "subject-iso-8859-1.eml",
            "subject-multiple-words.eml", "alternative.eml", "mixed-jpeg-pdf.eml", "related-inline-images.eml",
            "nested.eml", "broken-boundary.eml", "bad-charset.eml", "base64-preview.eml",
            "quoted-printable-preview.eml", "no-blank-line.eml", "no-blank-line-body.eml", "html-only.eml");

    private Messages() {
    }

    static byte[] fixture(String name) {
        try (InputStream in = Messages.class.getResourceAsStream("/mime/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same message with CRLF line ends, as SMTP carries it. */
    static byte[] crlf(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 20);
        for (byte b : message) {
            if (b == '\n') {
                out.write('\r');
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    static byte[] bytes(String message) {
        return message.getBytes(UTF_8);
    }

    static MailSummary summarize(byte[] message) {
        return summarize(message, MimeLimits.DEFAULTS);
    }

    /** Writes the whole message at once and checks the scanner did not hit a bug on the way. */
    static MailSummary summarize(byte[] message, MimeLimits limits) {
        MimeSummarizer.Scan scan = new MimeSummarizer(limits).start();
        scan.write(message, 0, message.length);
        MailSummary summary = scan.finish();
        assertThat(scan.failure()).isNull();
        return summary;
    }

    /** Writes the message in pieces of the given sizes (cycling through them). */
    static MailSummary summarizeInChunks(byte[] message, List<Integer> chunkSizes, MimeLimits limits) {
        MimeSummarizer.Scan scan = new MimeSummarizer(limits).start();
        int offset = 0;
        for (int i = 0; offset < message.length; i++) {
            int size = Math.min(chunkSizes.isEmpty() ? 1 : chunkSizes.get(i % chunkSizes.size()),
                    message.length - offset);
            scan.write(message, offset, size);
            offset += size;
        }
        MailSummary summary = scan.finish();
        assertThat(scan.failure()).isNull();
        return summary;
    }
}
