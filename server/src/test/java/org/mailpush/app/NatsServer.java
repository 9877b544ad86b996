package org.mailpush.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code nats-server} in a process of its own on loopback (installed by scripts/test-services):
 * on a port it picks, then, once stopped, started again on the same port, as an operator restarts it.
 */
final class NatsServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile(".*Listening for client connections on [^:]+:(\\d+).*");

    private Process process;
    private final int port;

    private NatsServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a NATS server on a free port of 127.0.0.1; returns once it listens. */
    static NatsServer start() {
        Process process = launch(-1);
        return new NatsServer(process, listening(process));
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Stops it (SIGTERM) and waits until it is gone. */
    void stop() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts it again on its port; returns once it listens. */
    void restart() {
        process = launch(port);
        listening(process);
    }

    private static Process launch(int port) {
        try {
            return new ProcessBuilder(List.of("/usr/sbin/nats-server", "-a", "127.0.0.1", "-p", Integer.toString(port)))
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start /usr/sbin/nats-server (run scripts/test-services): " + e.getMessage(), e);
        }
    }

    private static int listening(Process process) {
        return CompletableFuture.supplyAsync(() -> {
            var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.matches()) {
                        int found = Integer.parseInt(listening.group(1));
                        // Keep reading its output, so that it never blocks on a full pipe.
                        Thread.ofVirtual().start(() -> {
                            try {
                                reader.lines().forEach(rest -> { });
                            } catch (UncheckedIOException stopped) {
                                // its output closes when it stops
                            }
                        });
                        return found;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("nats-server exited before it listened");
        }).orTimeout(30, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        stop();
    }
}
