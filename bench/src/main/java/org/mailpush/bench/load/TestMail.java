package org.mailpush.bench.load;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Plain-text test mail of about a given size, CRLF line ends, no line starting with a dot. */
public final class TestMail {
    private static final String LINE = "The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs.\r\n";

    private TestMail() {}

    public static byte[] of(String from, String to, String subject, int size) {
        StringBuilder mail = new StringBuilder()
                .append("From: ").append(from).append("\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Subject: ").append(subject).append("\r\n")
                .append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())).append("\r\n")
                .append("Message-ID: <").append(subject.replace(' ', '.')).append('.').append(System.nanoTime()).append("@bench.example>\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=us-ascii\r\n")
                .append("\r\n");
        while (mail.length() + LINE.length() <= size) {
            mail.append(LINE);
        }
        if (mail.length() < size) {
            mail.append("x".repeat(Math.max(0, size - mail.length() - 2))).append("\r\n");
        }
        return mail.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
