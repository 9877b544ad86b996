package org.mailpush.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProtocolInputTest {

    private static ProtocolInput input(String wire) {
        return new ProtocolInput(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void readsLinesEndedByCrLf() throws IOException {
        var input = input("EHLO a\r\n\r\nQUIT\r\n");

        assertThat(input.readLine(512)).isEqualTo(new CommandLine.Text("EHLO a"));
        assertThat(input.readLine(512)).isEqualTo(new CommandLine.Text(""));
        assertThat(input.readLine(512)).isEqualTo(new CommandLine.Text("QUIT"));
        assertThat(input.readLine(512)).isEqualTo(new CommandLine.Closed());
    }

    @Test
    void reportsBareLineEndsAndReadsOnAfterThem() throws IOException {
        var input = input("NOOP\nNO\rOP\r\nRSET\r\r\nQUIT\r\n");

        assertThat(input.readLine(512)).isEqualTo(new CommandLine.BareLineEnd());
        assertThat(input.readLine(512)).isEqualTo(new CommandLine.BareLineEnd());
        assertThat(input.readLine(512)).isEqualTo(new CommandLine.BareLineEnd());
        assertThat(input.readLine(512)).isEqualTo(new CommandLine.Text("QUIT"));
    }

    @Test
    void countsTheCrLfInTheLimit() throws IOException {
        var input = input("x".repeat(510) + "\r\n" + "y".repeat(511) + "\r\nQUIT\r\n");

        assertThat(input.readLine(512)).isEqualTo(new CommandLine.Text("x".repeat(510)));
        assertThat(input.readLine(512)).isEqualTo(new CommandLine.TooLong());
        assertThat(input.readLine(512)).isEqualTo(new CommandLine.Text("QUIT"));
    }

    @Test
    void dropsAnUnfinishedLastLine() throws IOException {
        assertThat(input("QUI").readLine(512)).isEqualTo(new CommandLine.Closed());
    }

    @Test
    void discardsWhatIsBuffered() throws IOException {
        var input = input("STARTTLS\r\nMAIL FROM:<x@y>\r\n");

        assertThat(input.readLine(512)).isEqualTo(new CommandLine.Text("STARTTLS"));
        assertThat(input.discardBuffered()).isEqualTo("MAIL FROM:<x@y>\r\n".length());
        assertThat(input.readLine(512)).isEqualTo(new CommandLine.Closed());
    }
}
