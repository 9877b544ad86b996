package org.mailpush.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailpush.ingest.smtp.MessageContent.Defect;

class MessageReaderTest {
    private static final byte[] NO_PREFIX = new byte[0];

    private static MessageContent read(String wire, int maxBytes) throws IOException {
        var input = new ProtocolInput(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
        return new MessageReader(input, maxBytes, 1000).read(NO_PREFIX);
    }

    private static String text(MessageContent content) {
        assertThat(content).isInstanceOf(MessageContent.Complete.class);
        return new String(((MessageContent.Complete) content).raw(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void endsAtCrLfDotCrLfAndKeepsTheLastLineEnd() throws IOException {
        assertThat(text(read("Subject: x\r\n\r\nbody\r\n.\r\n", 1000))).isEqualTo("Subject: x\r\n\r\nbody\r\n");
    }

    @Test
    void readsAnEmptyMessage() throws IOException {
        assertThat(text(read(".\r\n", 1000))).isEmpty();
    }

    @Test
    void removesTheDotThatStuffsALine() throws IOException {
        assertThat(text(read("..\r\n...x\r\n.a\r\n.\r\n", 1000))).isEqualTo(".\r\n..x\r\na\r\n");
    }

    @Test
    void leavesTheBytesAfterTheEndUnread() throws IOException {
        var input = new ProtocolInput(new ByteArrayInputStream("a\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII)));
        new MessageReader(input, 1000, 1000).read(NO_PREFIX);

        assertThat(input.readLine(1000)).isEqualTo(new CommandLine.Text("QUIT"));
    }

    @Test
    void putsThePrefixFirst() throws IOException {
        var input = new ProtocolInput(new ByteArrayInputStream("a\r\n.\r\n".getBytes(StandardCharsets.US_ASCII)));
        var content = new MessageReader(input, 3, 1000).read("Received: x\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(text(content)).isEqualTo("Received: x\r\na\r\n");
        assertThat(((MessageContent.Complete) content).size()).isEqualTo(3);
    }

    @Test
    void holdsWhatItKeepsInTheBudgetAndGivesItBackWhenReleased() throws IOException {
        var budget = new DataBudget(256 * 1024);
        String body = "x".repeat(998) + "\r\n";
        var input = new ProtocolInput(new ByteArrayInputStream((body.repeat(100) + ".\r\n").getBytes(StandardCharsets.US_ASCII)));
        var reader = new MessageReader(input, 1024 * 1024, 1000, budget);

        var content = reader.read(NO_PREFIX);

        assertThat(((MessageContent.Complete) content).raw()).hasSize(100 * 1000);
        assertThat(budget.held()).isEqualTo(100 * 1000);
        reader.release();
        assertThat(budget.held()).isZero();
    }

    @Test
    void aMessageThatOutgrowsTheBudgetIsReadToItsEndAndIsBusy() throws IOException {
        var budget = new DataBudget(100 * 1024);
        String body = "x".repeat(998) + "\r\n";
        var input = new ProtocolInput(new ByteArrayInputStream((body.repeat(150) + ".\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII)));
        var reader = new MessageReader(input, 1024 * 1024, 1000, budget);

        assertThat(reader.read(NO_PREFIX)).isEqualTo(new MessageContent.Busy(150 * 1000));
        assertThat(budget.held()).isZero();
        assertThat(input.readLine(1000)).isEqualTo(new CommandLine.Text("QUIT"));
    }

    /** Each of these hides "MAIL FROM" after a dot that some receivers took for the end of data. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "LF . LF        | a\\n.\\nMAIL FROM:<x@y>\\r\\n.\\r\\n        | BARE_LF",
        "LF . CRLF      | a\\n.\\r\\nMAIL FROM:<x@y>\\r\\n.\\r\\n      | BARE_LF",
        "CRLF . LF      | a\\r\\n.\\nMAIL FROM:<x@y>\\r\\n.\\r\\n      | BARE_LF",
        "CR . CR        | a\\r.\\rMAIL FROM:<x@y>\\r\\n.\\r\\n        | BARE_CR",
        "CR . CRLF      | a\\r.\\r\\nMAIL FROM:<x@y>\\r\\n.\\r\\n      | BARE_CR",
        "CRLF . CR      | a\\r\\n.\\rMAIL FROM:<x@y>\\r\\n.\\r\\n      | BARE_CR",
        "CRLF LF . CRLF | a\\r\\n\\n.\\r\\nMAIL FROM:<x@y>\\r\\n.\\r\\n  | BARE_LF",
        "NUL            | a\\0b\\r\\n.\\r\\n                          | NUL",
    })
    void refusesTheWholeMessageAtItsRealEnd(String variant, String wire, Defect defect) throws IOException {
        String bytes = wire.replace("\\r", "\r").replace("\\n", "\n").replace("\\0", "\0");
        var input = new ProtocolInput(new ByteArrayInputStream((bytes + "NOOP\r\n").getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(new MessageReader(input, 1000, 1000).read(NO_PREFIX)).isEqualTo(new MessageContent.Malformed(defect));
        assertThat(input.readLine(1000)).isEqualTo(new CommandLine.Text("NOOP"));
    }

    @Test
    void refusesALineOverTheLimitCountingItsCrLf() throws IOException {
        assertThat(text(read("x".repeat(998) + "\r\n.\r\n", 5000))).hasSize(1000);
        assertThat(read("x".repeat(999) + "\r\n.\r\n", 5000)).isEqualTo(new MessageContent.Malformed(Defect.LINE_TOO_LONG));
    }

    @Test
    void readsAnOversizedMessageToItsEnd() throws IOException {
        String line = "x".repeat(98) + "\r\n";
        var input = new ProtocolInput(new ByteArrayInputStream((line.repeat(10_000) + ".\r\nNOOP\r\n").getBytes(StandardCharsets.US_ASCII)));

        assertThat(new MessageReader(input, 1000, 1000).read(NO_PREFIX)).isEqualTo(new MessageContent.TooLarge(1_000_000));
        assertThat(input.readLine(1000)).isEqualTo(new CommandLine.Text("NOOP"));
    }

    @Test
    void acceptsAMessageOfExactlyTheLimit() throws IOException {
        assertThat(text(read("x".repeat(8) + "\r\n.\r\n", 10))).hasSize(10);
        assertThat(read("x".repeat(9) + "\r\n.\r\n", 10)).isEqualTo(new MessageContent.TooLarge(11));
    }

    @Test
    void failsWhenTheClientLeavesBeforeTheEnd() {
        assertThatThrownBy(() -> read("Subject: x\r\n\r\nbody\r\n", 1000)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> read("body\r\n.", 1000)).isInstanceOf(EOFException.class);
    }
}
