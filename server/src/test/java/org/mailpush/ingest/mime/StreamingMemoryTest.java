package org.mailpush.ingest.mime;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailpush.mail.MailSummary;

/**
 * 20 MB messages of the nasty kinds go through a scan in 64 KiB writes while what it holds stays within
 * what its limits allow, checked after every write.
 */
class StreamingMemoryTest {
    private static final long TWENTY_MB = 20L * 1024 * 1024;
    private static final int WRITE = 64 * 1024;

    /** Each: the bytes before the bulk, the bulk's repeated unit, and the bytes after it. */
    enum Shape {
        BASE64_ATTACHMENT(
                "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nSee the video.\n"
                        + "--b\nContent-Type: video/mp4\nContent-Transfer-Encoding: base64\n\n",
                "AAAAIGZ0eXBpc29tAAACAGlzb21pc28yYXZjMW1wNDEAAAAIZnJlZQAAAAhtZGF0AAAA\n", "--b--\n"),
        NO_LINE_BREAKS("Subject: one line\n\n", "abcdefghij klmnopqrst uvwxyz ", ""),
        ONE_HEADER_LINE("Subject: ", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "\n\nbody\n"),
        FOLDED_HEADER("Subject: folded\n", " and folded again\n", "\nbody\n"),
        LONG_TEXT("Content-Type: text/plain\n\n", "Lorem ipsum dolor sit amet.\n", ""),
        TAGS_ONLY("Content-Type: text/html\n\n", "<div><span class=\"x\"></span></div>\n", ""),
        DEEP_NESTING("Content-Type: multipart/mixed; boundary=x\n\n",
                "--x\nContent-Type: multipart/mixed; boundary=x\n\n", ""),
        MANY_PARTS("Content-Type: multipart/mixed; boundary=p\n\n",
                "--p\nContent-Type: application/octet-stream\n\nAAAA\n", "--p--\n"),
        NUL_BYTES("Subject: nul\n\n", "\0\0\0\0\0\0\0\0\r\0\0", "");

        private final byte[] head;
        private final byte[] unit;
        private final byte[] tail;

        Shape(String head, String unit, String tail) {
            this.head = head.getBytes(ISO_8859_1);
            this.unit = unit.getBytes(ISO_8859_1);
            this.tail = tail.getBytes(ISO_8859_1);
        }
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void twentyMegabytesGoThroughInBoundedMemory(Shape shape) {
        MimeLimits limits = MimeLimits.DEFAULTS;
        long bound = (limits.maxDepth() + 2L) * limits.maxLineLength() + 2L * limits.maxHeaderBytes()
                + 16L * limits.previewLength() + 300L * limits.maxParts();
        MimeSummarizer.Scan scan = new MimeSummarizer(limits).start();
        long written = write(scan, shape.head);
        byte[] bulk = repeated(shape.unit);
        while (written < TWENTY_MB) {
            written += write(scan, bulk);
            assertThat(scan.retainedBytes()).isLessThanOrEqualTo(bound);
        }
        written += write(scan, shape.tail);

        MailSummary summary = scan.finish();

        assertThat(scan.failure()).isNull();
        assertThat(summary.sizeBytes()).isEqualTo(written);
        assertThat(summary.attachmentTypes()).hasSizeLessThan(limits.maxParts());
        assertThat(bound).isLessThan(1024 * 1024);
    }

    private static long write(MimeSummarizer.Scan scan, byte[] bytes) {
        scan.write(bytes, 0, bytes.length);
        return bytes.length;
    }

    /** The unit repeated to fill one write. */
    private static byte[] repeated(byte[] unit) {
        byte[] bulk = new byte[WRITE - WRITE % unit.length];
        for (int i = 0; i < bulk.length; i += unit.length) {
            System.arraycopy(unit, 0, bulk, i, unit.length);
        }
        return Arrays.copyOf(bulk, bulk.length);
    }
}
