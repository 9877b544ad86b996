package org.mailpush.ingest.smtp;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Plays an SMTP conversation written as a transcript against a server, over a raw socket.
 *
 * <pre>
 * # a comment; blank lines are skipped
 * C: EHLO client.test           the client sends the line and CRLF
 * C: DATA\r\n.\n                 with an escape \r or \n the text is sent exactly as written (no CRLF added)
 * C: {{x*990}}                   990 times "x"; other escapes: \0 (NUL), \t (tab), \e (ESC),
 *                                \xFF (the octet 0xFF), \\ (backslash)
 * S: 250 2.1.5 Ok               the next reply line must be exactly this
 * S: 250-SIZE *                 ... or start with what precedes a final '*'
 * S: /250 2\.0\.0 Ok: queued as [0-9]+/    ... or match the whole regular expression
 * TLS                           the client starts TLS (after the server's 220 to STARTTLS)
 * CLOSED                        the server must close the connection now
 * </pre>
 *
 * Consecutive C: lines go out in one write, as a pipelining client (or an attacker) sends them.
 */
final class Transcript {
    private static final Pattern REPEAT = Pattern.compile("\\{\\{(.)\\*([0-9]+)}}");
    private static final int PATIENCE_MILLIS = 10_000;

    private sealed interface Step {
        int lineNumber();
    }

    private record Send(int lineNumber, byte[] bytes) implements Step {}

    private record Expect(int lineNumber, String pattern) implements Step {}

    private record StartTls(int lineNumber) implements Step {}

    private record Closed(int lineNumber) implements Step {}

    private final String name;
    private final List<Step> steps;
    private final StringBuilder conversation = new StringBuilder();

    private Transcript(String name, List<Step> steps) {
        this.name = name;
        this.steps = steps;
    }

    /** Loads {@code smtp/NAME.txt} from the test resources. */
    static Transcript load(String name) {
        String resource = "/smtp/" + name + ".txt";
        try (InputStream in = Transcript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript " + resource);
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Transcript parse(String name, String text) {
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("C:")) {
                steps.add(new Send(number, clientBytes(line.substring(2).replaceFirst("^ ", ""))));
            } else if (line.startsWith("S: ")) {
                steps.add(new Expect(number, line.substring(3)));
            } else if (line.equals("TLS")) {
                steps.add(new StartTls(number));
            } else if (line.equals("CLOSED")) {
                steps.add(new Closed(number));
            } else {
                throw new IllegalArgumentException(name + ":" + number + ": not a transcript line: " + line);
            }
        }
        return new Transcript(name, steps);
    }

    private static byte[] clientBytes(String written) {
        Matcher repeat = REPEAT.matcher(written);
        String expanded = repeat.replaceAll(m -> Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
        var bytes = new ByteArrayOutputStream();
        boolean explicitLineEnds = false;
        for (int i = 0; i < expanded.length(); i++) {
            char c = expanded.charAt(i);
            if (c == '\\' && i + 1 < expanded.length()) {
                char escaped = expanded.charAt(++i);
                switch (escaped) {
                    case 'r' -> { bytes.write('\r'); explicitLineEnds = true; }
                    case 'n' -> { bytes.write('\n'); explicitLineEnds = true; }
                    case '0' -> bytes.write(0);
                    case 't' -> bytes.write('\t');
                    case 'e' -> bytes.write(0x1b);
                    case 'x' -> {
                        bytes.write(Integer.parseInt(expanded.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                    case '\\' -> bytes.write('\\');
                    default -> throw new IllegalArgumentException("unknown escape \\" + escaped + " in " + written);
                }
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!explicitLineEnds) {
            bytes.writeBytes(new byte[] {'\r', '\n'});
        }
        return bytes.toByteArray();
    }

    /** Plays the transcript against a plain-text server on the loopback port. */
    void play(int port) {
        play(port, Optional.empty());
    }

    /** Plays it; {@code tls} is the client side of the TLS step. */
    void play(int port, Optional<SSLContext> tls) {
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port)) {
            plain.setSoTimeout(PATIENCE_MILLIS);
            Socket socket = plain;
            var pending = new ByteArrayOutputStream();
            for (Step step : steps) {
                if (!(step instanceof Send) && pending.size() > 0) {
                    socket.getOutputStream().write(pending.toByteArray());
                    socket.getOutputStream().flush();
                    pending.reset();
                }
                switch (step) {
                    case Send send -> {
                        pending.writeBytes(send.bytes());
                        conversation.append("C: ").append(visible(send.bytes())).append('\n');
                    }
                    case Expect expect -> expect(socket.getInputStream(), expect);
                    case StartTls startTls -> socket = startTls(plain, tls.orElseThrow(
                            () -> new IllegalStateException(name + " needs a client TLS context")), port);
                    case Closed closed -> expectClosed(socket.getInputStream(), closed);
                }
            }
            if (pending.size() > 0) {
                socket.getOutputStream().write(pending.toByteArray());
            }
        } catch (IOException e) {
            fail(name + ": " + e + "\n" + conversation, e);
        }
    }

    private static Socket startTls(Socket plain, SSLContext tls, int port) throws IOException {
        var socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost", port, true);
        socket.startHandshake();
        return socket;
    }

    private void expect(InputStream in, Expect expect) throws IOException {
        String line = readLine(in).orElse(null);
        conversation.append("S: ").append(line).append('\n');
        if (line == null || !matches(expect.pattern(), line)) {
            fail(name + ":" + expect.lineNumber() + ": expected server line '" + expect.pattern() + "' but got "
                    + (line == null ? "the end of the connection" : "'" + line + "'") + "\n" + conversation);
        }
    }

    private static boolean matches(String pattern, String line) {
        if (pattern.length() > 1 && pattern.startsWith("/") && pattern.endsWith("/")) {
            return line.matches(pattern.substring(1, pattern.length() - 1));
        }
        if (pattern.endsWith("*")) {
            return line.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return line.equals(pattern);
    }

    private void expectClosed(InputStream in, Closed closed) throws IOException {
        Optional<String> line;
        try {
            line = readLine(in);
        } catch (SocketTimeoutException e) {
            line = Optional.of("(nothing, the connection stayed open)");
        } catch (IOException reset) {
            line = Optional.empty();
        }
        if (line.isPresent()) {
            fail(name + ":" + closed.lineNumber() + ": expected the server to close the connection, got " + line.get()
                    + "\n" + conversation);
        }
        conversation.append("(closed)\n");
    }

    /** One reply line without its CRLF; empty at the end of the stream. */
    private static Optional<String> readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return Optional.of(new String(bytes, 0, end, StandardCharsets.ISO_8859_1));
            }
            line.write(b);
        }
        return Optional.empty();
    }

    private static String visible(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.length() > 200) {
            text = text.substring(0, 200) + "...(" + bytes.length + " bytes)";
        }
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }
}
