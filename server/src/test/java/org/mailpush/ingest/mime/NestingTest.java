package org.mailpush.ingest.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailpush.ingest.mime.Messages.bytes;
import static org.mailpush.ingest.mime.Messages.summarize;

import org.junit.jupiter.api.Test;
import org.mailpush.mail.MailSummary;

/** Multiparts inside multiparts, up to and beyond {@link MimeLimits#maxDepth()} and maxParts. */
class NestingTest {

    @Test
    void partsDeeperThanTheLimitAreNotLookedAt() {
        String message = nested(4, "image/png"); // five multiparts, one inside the other

        assertThat(summarize(bytes(message), limits(5, 1000)).pictures()).isEqualTo(1);
        assertThat(summarize(bytes(message), limits(4, 1000)).pictures()).isZero();
    }

    @Test
    void aHundredThousandNestedMultipartsGiveTheOuterParts() {
        String message = nested(100_000, "image/png");
        MimeSummarizer.Scan scan = new MimeSummarizer(MimeLimits.DEFAULTS).start();
        byte[] raw = bytes(message);

        scan.write(raw, 0, raw.length);

        assertThat(scan.retainedBytes()).isLessThan(200_000);
        MailSummary summary = scan.finish();
        assertThat(scan.failure()).isNull();
        assertThat(summary.preview()).isEqualTo("Level 0");
        assertThat(summary.pictures()).isZero();
        assertThat(summary.attachmentTypes()).containsExactly("application/pdf");
    }

    @Test
    void partsBeyondTheLimitAreSkipped() {
        StringBuilder message = new StringBuilder("Content-Type: multipart/mixed; boundary=b\n\n");
        for (int i = 0; i < 10; i++) {
            message.append("--b\nContent-Type: application/x-part").append(i).append("\n\ndata\n");
        }
        message.append("--b--\n");

        // The message and its first four parts are five entities.
        assertThat(summarize(bytes(message.toString()), limits(20, 5)).attachmentTypes())
                .containsExactly("application/x-part0", "application/x-part1", "application/x-part2",
                        "application/x-part3");
    }

    @Test
    void unclosedNestedMultipartsEndWithTheInput() {
        String message = nested(30, "image/gif");
        String cut = message.substring(0, message.indexOf("--b29--"));

        MailSummary summary = summarize(bytes(cut), limits(40, 1000));

        assertThat(summary.pictures()).isEqualTo(1);
        assertThat(summary.attachmentTypes()).isEmpty();
        assertThat(summary.preview()).isEqualTo("Level 0");
    }

    private static MimeLimits limits(int depth, int parts) {
        return new MimeLimits(4096, depth, parts, 200, 1000);
    }

    /**
     * A multipart/mixed holding a text part and a multipart/mixed, {@code depth} times, so
     * {@code depth + 1} multiparts, the innermost holding a {@code leafType} part; then, at the outermost
     * level, a PDF attachment.
     */
    private static String nested(int depth, String leafType) {
        StringBuilder message = new StringBuilder(depth * 120);
        message.append("From: deep@example.org\nContent-Type: multipart/mixed; boundary=b0\n\n");
        for (int level = 0; level < depth; level++) {
            message.append("--b").append(level).append("\nContent-Type: text/plain\n\nLevel ").append(level)
                    .append("\n--b").append(level).append("\nContent-Type: multipart/mixed; boundary=b")
                    .append(level + 1).append("\n\n");
        }
        message.append("--b").append(depth).append("\nContent-Type: ").append(leafType).append("\n\ndata\n");
        for (int level = depth; level > 0; level--) {
            message.append("--b").append(level).append("--\n");
        }
        message.append("--b0\nContent-Type: application/pdf\n\n%PDF\n--b0--\n");
        return message.toString();
    }
}
