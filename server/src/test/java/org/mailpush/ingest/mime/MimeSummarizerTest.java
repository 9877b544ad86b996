package org.mailpush.ingest.mime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailpush.ingest.mime.Messages.bytes;
import static org.mailpush.ingest.mime.Messages.crlf;
import static org.mailpush.ingest.mime.Messages.fixture;
import static org.mailpush.ingest.mime.Messages.summarize;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailSummary;

class MimeSummarizerTest {

    @Test
    void plainTextMessage() {
        byte[] message = fixture("plain.eml");

        assertThat(summarize(message)).isEqualTo(new MailSummary(
                "alice@example.org", "Lunch on Thursday?", message.length, 0, List.of(), Importance.NORMAL,
                "Hi Bob, shall we try the new café on Thursday? I can book a table for 12:30. Alice"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            subject-utf8-b.eml         | Grüße aus München 🍺
            subject-utf8-q.eml         | Résumé attached
            subject-iso-8859-1.eml     | Grüße aus Köln
            subject-multiple-words.eml | Re: Café – menu and été 2025
            quoted-printable-preview.eml | Grüße
            """)
    void subjectsAreDecodedFromEncodedWords(String fixture, String subject) {
        assertThat(summarize(fixture(fixture)).subject()).isEqualTo(subject);
    }

    @Test
    void alternativePrefersThePlainText() {
        MailSummary summary = summarize(fixture("alternative.eml"));

        assertThat(summary.sender()).isEqualTo("news@shop.example");
        assertThat(summary.preview()).isEqualTo("Spring sale: everything 20% off until Sunday.");
        assertThat(summary.pictures()).isZero();
        assertThat(summary.attachmentTypes()).isEmpty();
    }

    @Test
    void mixedWithAJpegAndAPdf() {
        MailSummary summary = summarize(fixture("mixed-jpeg-pdf.eml"));

        assertThat(summary.pictures()).isEqualTo(1);
        assertThat(summary.attachmentTypes()).containsExactly("image/jpeg", "application/pdf");
        assertThat(summary.importance()).isEqualTo(Importance.HIGH);
        assertThat(summary.preview()).isEqualTo("Here are the photo and the invoice. Grüße!");
    }

    @Test
    void relatedInlineImagesArePicturesNotAttachments() {
        MailSummary summary = summarize(fixture("related-inline-images.eml"));

        assertThat(summary.sender()).isEqualTo("dave@corp.example");
        assertThat(summary.pictures()).isEqualTo(2);
        assertThat(summary.attachmentTypes()).isEmpty();
        assertThat(summary.importance()).isEqualTo(Importance.LOW);
        assertThat(summary.preview()).isEqualTo("Here is our new logo & the team photo: Café <tomorrow> at 9!");
    }

    @Test
    void nestedMultipartsAreFollowedButAForwardedMessageIsNot() {
        MailSummary summary = summarize(fixture("nested.eml"));

        assertThat(summary.preview()).isEqualTo("See below, and the spreadsheet.");
        assertThat(summary.pictures()).isEqualTo(1);
        assertThat(summary.attachmentTypes()).containsExactly(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "message/rfc822");
    }

    @Test
    void anOuterDelimiterEndsAnInnerMultipartThatNeverClosed() {
        MailSummary summary = summarize(fixture("broken-boundary.eml"));

        assertThat(summary.preview()).isEqualTo("The text survives a missing close delimiter.");
        assertThat(summary.attachmentTypes()).containsExactly("application/pdf", "image/png");
        assertThat(summary.pictures()).isEqualTo(1);
    }

    @Test
    void anUnknownCharsetIsReadAsUtf8AndAnUndecodableSubjectKeptAsItIs() {
        MailSummary summary = summarize(fixture("bad-charset.eml"));

        assertThat(summary.subject()).isEqualTo("=?x-no-such-charset?Q?Gr=C3=BCezi?=");
        assertThat(summary.preview()).isEqualTo("Grüezi mitenand, bad bytes: \ufffd\ufffd and on.");
    }

    @Test
    void aBase64PreviewIsDecodedAndCutAfterThePreviewLength() {
        String text = "Bonjour Bob, voici le compte rendu de la réunion de lundi. Merci à tous ! ".repeat(3);

        MailSummary summary = summarize(fixture("base64-preview.eml"));

        // The 200th character is a blank, which a preview does not end with.
        assertThat(summary.preview()).isEqualTo(text.substring(0, 199));
    }

    @Test
    void aQuotedPrintablePreviewJoinsSoftLineBreaks() {
        assertThat(summarize(fixture("quoted-printable-preview.eml")).preview()).isEqualTo(
                "Liebe Grüße aus Österreich. Diese Zeile ist ziemlich lang und wird deshalb vom Kodierer"
                        + " umgebrochen, damit sie in 76 Zeichen passt. Zweite Zeile mit = Gleichheitszeichen.");
    }

    @Test
    void aMessageWithoutABlankLineIsAllHeader() {
        MailSummary summary = summarize(fixture("no-blank-line.eml"));

        assertThat(summary.sender()).isEqualTo("mallory@example.com");
        assertThat(summary.subject()).isEqualTo("Headers only");
        assertThat(summary.importance()).isEqualTo(Importance.LOW);
        assertThat(summary.preview()).isEmpty();
    }

    @Test
    void aLineThatIsNoHeaderFieldStartsTheBody() {
        MailSummary summary = summarize(fixture("no-blank-line-body.eml"));

        assertThat(summary.subject()).isEqualTo("Body without a blank line");
        assertThat(summary.preview()).isEqualTo("This line is not a header field, so the body starts here.");
    }

    @Test
    void htmlOnlyGivesItsTextWithoutMarkup() {
        MailSummary summary = summarize(fixture("html-only.eml"));

        assertThat(summary.sender()).isEqualTo("rene@example.org");
        assertThat(summary.importance()).isEqualTo(Importance.HIGH);
        assertThat(summary.preview()).isEqualTo("Tom & Jerry <3 \"cheese\" 1 < 2 and café €5 😀 link");
    }

    @Test
    void emptyInputGivesAnEmptySummary() {
        assertThat(summarize(new byte[0]))
                .isEqualTo(new MailSummary("", "", 0, 0, List.of(), Importance.NORMAL, ""));
    }

    @Test
    void nulBytesAreToleratedAndLeftOutOfTheText() {
        byte[] plain = fixture("plain.eml");
        String withNuls = new String(plain, UTF_8)
                .replace("Lunch on", "Lunch\0 on")
                .replace("Hi Bob,", "Hi\0\0 Bob,\0")
                .replace("MIME-Version", "X-Nul: \0\0\0\r\nMIME-Version");

        MailSummary summary = summarize(bytes(withNuls));
        MailSummary expected = summarize(plain);

        assertThat(summary.sender()).isEqualTo(expected.sender());
        assertThat(summary.subject()).isEqualTo(expected.subject());
        assertThat(summary.preview()).isEqualTo(expected.preview());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("org.mailpush.ingest.mime.Messages#FIXTURES")
    void crlfAndLfLineEndsGiveTheSameSummary(String fixture) {
        byte[] lf = fixture(fixture);
        byte[] crlf = crlf(lf);

        MailSummary expected = summarize(lf);
        assertThat(summarize(crlf)).isEqualTo(new MailSummary(expected.sender(), expected.subject(), crlf.length,
                expected.pictures(), expected.attachmentTypes(), expected.importance(), expected.preview()));
    }

    @Test
    void summarizeReadsAStream() throws IOException {
        byte[] message = fixture("mixed-jpeg-pdf.eml");

        MailSummary summary = new MimeSummarizer(MimeLimits.DEFAULTS)
                .summarize(new ByteArrayInputStream(message));

        assertThat(summary).isEqualTo(summarize(message));
    }

    @Test
    void aScanTakesSingleBytesToo() {
        byte[] message = fixture("alternative.eml");
        MimeSummarizer.Scan scan = new MimeSummarizer(MimeLimits.DEFAULTS).start();

        for (byte b : message) {
            scan.write(b);
        }

        assertThat(scan.finish()).isEqualTo(summarize(message));
    }

    @Test
    void aFinishedScanGivesTheSameSummaryAgainAndTakesNoMoreBytes() {
        MimeSummarizer.Scan scan = new MimeSummarizer(MimeLimits.DEFAULTS).start();
        scan.write(fixture("plain.eml"), 0, 10);
        MailSummary summary = scan.finish();

        assertThat(scan.finish()).isSameAs(summary);
        assertThatThrownBy(() -> scan.write(new byte[1], 0, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("finished");
    }

    @Test
    void writesOutsideTheArrayAreRefused() {
        MimeSummarizer.Scan scan = new MimeSummarizer(MimeLimits.DEFAULTS).start();

        assertThatThrownBy(() -> scan.write(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
