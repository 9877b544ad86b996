package org.mailpush.ingest.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailpush.ingest.mime.Messages.bytes;
import static org.mailpush.ingest.mime.Messages.summarize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailpush.mail.MailSummary;

/** The picture and attachment rule, part by part, through whole messages. */
class PartKindTest {

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', textBlock = """
            image/jpeg                 | ''                                 | 1 | ''
            image/jpeg; name=a.jpg     | inline; filename=a.jpg             | 1 | ''
            image/jpeg; name=a.jpg     | attachment; filename=a.jpg         | 1 | image/jpeg
            IMAGE/PNG                  | ATTACHMENT                         | 1 | image/png
            text/plain                 | attachment                         | 0 | text/plain
            text/plain; name=notes.txt | ''                                 | 0 | text/plain
            text/calendar; method=REQUEST | ''                              | 0 | ''
            application/pdf            | inline                             | 0 | application/pdf
            audio/ogg                  | ''                                 | 0 | audio/ogg
            application/pgp-signature  | ''                                 | 0 | ''
            message/rfc822             | ''                                 | 0 | message/rfc822
            not a type                 | attachment                         | 0 | text/plain
            """)
    void secondPartOfAMixedMessage(String contentType, String disposition, int pictures, String attachment) {
        MailSummary summary = summarize(bytes("""
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                Body
                --b
                Content-Type: %s
                Content-Disposition: %s

                data
                --b--
                """.formatted(contentType, disposition)));

        assertThat(summary.pictures()).isEqualTo(pictures);
        if (attachment.isEmpty()) {
            assertThat(summary.attachmentTypes()).isEmpty();
        } else {
            assertThat(summary.attachmentTypes()).containsExactly(attachment);
        }
        assertThat(summary.preview()).isEqualTo("Body");
    }

    @Test
    void aSinglePartPdfMessageIsAnAttachment() {
        MailSummary summary = summarize(bytes("""
                Content-Type: application/pdf
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                """));

        assertThat(summary.attachmentTypes()).containsExactly("application/pdf");
        assertThat(summary.preview()).isEmpty();
    }

    @Test
    void theTextOfAnAttachedTextFileIsNoPreview() {
        MailSummary summary = summarize(bytes("""
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain; name=log.txt

                log lines
                --b
                Content-Type: text/html

                <p>The body</p>
                --b--
                """));

        assertThat(summary.preview()).isEqualTo("The body");
        assertThat(summary.attachmentTypes()).containsExactly("text/plain");
    }

    @Test
    void aDigestsPartsAreMessagesByDefault() {
        MailSummary summary = summarize(bytes("""
                Content-Type: multipart/digest; boundary=d

                --d

                From: a@example.org
                Subject: one

                --d
                Content-Type: text/plain

                An explicit text part.
                --d--
                """));

        assertThat(summary.attachmentTypes()).containsExactly("message/rfc822");
        assertThat(summary.preview()).isEqualTo("An explicit text part.");
    }

    @Test
    void anEmptyTextPlainPartLeavesThePreviewToTheHtml() {
        MailSummary summary = summarize(bytes("""
                Content-Type: multipart/alternative; boundary=a

                --a
                Content-Type: text/plain

                \s
                --a
                Content-Type: text/html

                <b>Only</b> here
                --a--
                """));

        assertThat(summary.preview()).isEqualTo("Only here");
    }

    @Test
    void aLaterPlainTextWinsOverAnEarlierHtml() {
        MailSummary summary = summarize(bytes("""
                Content-Type: multipart/alternative; boundary=a

                --a
                Content-Type: text/html

                <b>Rich</b>
                --a
                Content-Type: text/plain

                Plain
                --a--
                """));

        assertThat(summary.preview()).isEqualTo("Plain");
    }
}
