package org.mailpush.ingest.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailpush.ingest.mime.Messages.bytes;
import static org.mailpush.ingest.mime.Messages.summarize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailSummary;

/** The message's own header fields: importance, sender, subject, folding and the header budget. */
class MessageHeaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Importance: High                       | HIGH
            importance: low                        | LOW
            Importance: normal\\nX-Priority: 1     | NORMAL
            X-Priority: 1 (Highest)                | HIGH
            X-Priority: 2                          | HIGH
            X-Priority: 3                          | NORMAL
            X-Priority: 4                          | LOW
            X-Priority: 5 (Lowest)                 | LOW
            X-Priority: 9\\nPriority: urgent       | HIGH
            Priority: non-urgent                   | LOW
            Priority: normal                       | NORMAL
            Importance: whatever\\nPriority: urgent | HIGH
            X-Something: else                      | NORMAL
            """)
    void importanceComesFromImportanceXPriorityOrPriority(String fields, Importance importance) {
        String message = "From: a@example.org\n" + fields.replace("\\n", "\n") + "\n\nBody\n";

        assertThat(summarize(bytes(message)).importance()).isEqualTo(importance);
    }

    @Test
    void fieldNamesAreCaseInsensitiveAndTheFirstOfTwoWins() {
        MailSummary summary = summarize(bytes("""
                FROM: First <First@Example.org>
                sUbJeCt : folded
                \tacross   lines
                From: second@example.org
                Subject: second

                """));

        assertThat(summary.sender()).isEqualTo("first@example.org");
        assertThat(summary.subject()).isEqualTo("folded across lines");
    }

    @Test
    void aRawSubjectIsReadAsUtf8AndOctetsThatAreNotBecomeReplacementCharactersAsInThePreview() {
        byte[] utf8 = bytes("Subject: Grüße\n\n");
        byte[] latin1 = "Subject: Grüße\n\nGrüße\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(summarize(utf8).subject()).isEqualTo("Grüße");
        assertThat(summarize(latin1).subject()).isEqualTo("Gr\uFFFD\uFFFDe").isEqualTo(summarize(latin1).preview());
    }

    @Test
    void aMegabyteHeaderFieldIsCutToItsShareAndTheOtherFieldsStillRead() {
        String huge = "x".repeat(1024 * 1024);
        MimeLimits limits = new MimeLimits(1000, 20, 1000, 200, 8192);
        String message = "X-Junk: " + huge + "\n"
                + "Subject: " + huge + "\n"
                + "Received: from a\n" + (" by b\n").repeat(100_000)
                + "From: bob@example.org\n"
                + "Content-Type: text/plain; charset=utf-8\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + "SHVnZSBoZWFkZXIsIHNtYWxsIGJvZHku\n";

        MailSummary summary = summarize(bytes(message), limits);

        assertThat(summary.subject()).hasSize(1000 / 8 - 1).matches("x+");
        assertThat(summary.preview()).isEqualTo("Huge header, small body.");
        assertThat(summary.sizeBytes()).isEqualTo(bytes(message).length);
    }

    @Test
    void aHugeHeaderLineWithoutAnyLineBreakIsNotHeldWhole() {
        byte[] message = bytes("Subject: " + "y".repeat(1024 * 1024));
        MimeSummarizer.Scan scan = new MimeSummarizer(MimeLimits.DEFAULTS).start();

        scan.write(message, 0, message.length);

        assertThat(scan.retainedBytes()).isLessThan(200_000);
        // An eighth of the header budget, less the blank after the colon.
        assertThat(scan.finish().subject()).hasSize(MimeLimits.DEFAULTS.maxHeaderBytes() / 8 - 1);
    }
}
