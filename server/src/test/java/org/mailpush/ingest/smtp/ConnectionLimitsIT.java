package org.mailpush.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * Connection limits, in all and per client address. Clients bind distinct loopback addresses
 * (127.0.0.1, 127.0.0.2, ...) to count as distinct client addresses.
 */
class ConnectionLimitsIT {

    @Test
    void refusesConnectionsPastTheLimitsWith421() throws IOException {
        try (var smtp = RunningReceiver.start(s -> s.withLimits(s.limits().withMaxConnections(2, 1)));
                var first = connectFrom("127.0.0.1", smtp.port());
                var sameAddress = connectFrom("127.0.0.1", smtp.port());
                var secondAddress = connectFrom("127.0.0.2", smtp.port());
                var thirdAddress = connectFrom("127.0.0.3", smtp.port())) {

            assertThat(firstLine(first)).isEqualTo("220 mx.example.test ESMTP mailpush");
            assertThat(firstLine(sameAddress))
                    .isEqualTo("421 4.7.0 mx.example.test Too many connections from your address, try again later");
            assertThat(sameAddress.getInputStream().read()).isEqualTo(-1);
            assertThat(firstLine(secondAddress)).isEqualTo("220 mx.example.test ESMTP mailpush");
            assertThat(firstLine(thirdAddress))
                    .isEqualTo("421 4.7.0 mx.example.test Too many connections, try again later");
            assertThat(thirdAddress.getInputStream().read()).isEqualTo(-1);
        }
    }

    private static Socket connectFrom(String clientAddress, int port) throws IOException {
        var socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(clientAddress), 0);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Reads the server's first line; the greeting is only sent once the connection has been counted. */
    private static String firstLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        var line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.append((char) b);
        }
        return line.toString().strip();
    }
}
