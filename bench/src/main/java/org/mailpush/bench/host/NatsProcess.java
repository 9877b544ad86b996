package org.mailpush.bench.host;

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

/** Debian's {@code nats-server} on a free port of 127.0.0.1, for the nodes of a cluster to signal through (docs/cluster.md). */
public final class NatsProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile(".*Listening for client connections on [^:]+:(\\d+).*");

    private final Process process;
    private final int port;

    private NatsProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts it; returns once it listens. */
    public static NatsProcess start() {
        Process process;
        try {
            process = new ProcessBuilder(List.of("/usr/sbin/nats-server", "-a", "127.0.0.1", "-p", "-1")).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start /usr/sbin/nats-server (apt-get install nats-server): " + e.getMessage(), e);
        }
        int port = CompletableFuture.supplyAsync(() -> {
            var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.matches()) {
                        Thread.ofVirtual().start(() -> {
                            try {
                                reader.lines().forEach(rest -> { });
                            } catch (UncheckedIOException stopped) {
                                // its output closes when it stops
                            }
                        });
                        return Integer.parseInt(listening.group(1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("nats-server exited before it listened");
        }).orTimeout(30, TimeUnit.SECONDS).join();
        return new NatsProcess(process, port);
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
