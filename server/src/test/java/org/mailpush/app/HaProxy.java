package org.mailpush.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy in a process of its own in front of the nodes of a cluster, with the configuration
 * of docs/cluster.md: SMTP as TCP, HTTP and the terminals' WebSocket link as HTTP, each node checked
 * by {@code GET /health/ready}. Its two ports are picked free just before it starts.
 */
final class HaProxy implements AutoCloseable {
    private final Process process;
    private final int smtpPort;
    private final int httpPort;

    private HaProxy(Process process, int smtpPort, int httpPort) {
        this.process = process;
        this.smtpPort = smtpPort;
        this.httpPort = httpPort;
    }

    /** A node behind it: its SMTP and HTTP ports on 127.0.0.1. */
    record Node(String name, int smtpPort, int httpPort) {}

    static HaProxy start(Path directory, List<Node> nodes) {
        int smtp = freePort();
        int http = freePort();
        StringBuilder config = new StringBuilder("""
                global
                    maxconn 4096

                defaults
                    timeout connect 2s
                    timeout client 1h
                    timeout server 1h
                    timeout tunnel 1h
                    default-server inter 500ms fall 2 rise 2

                frontend smtp
                    mode tcp
                    bind 127.0.0.1:%d
                    default_backend smtp_nodes

                frontend http
                    mode http
                    bind 127.0.0.1:%d
                    default_backend http_nodes

                backend smtp_nodes
                    mode tcp
                    balance roundrobin
                """.formatted(smtp, http));
        for (Node node : nodes) {
            config.append("    server %s 127.0.0.1:%d check port %d\n".formatted(node.name(), node.smtpPort(), node.httpPort()));
        }
        config.append("""
                    option httpchk GET /health/ready

                backend http_nodes
                    mode http
                    balance roundrobin
                    option httpchk GET /health/ready
                """);
        for (Node node : nodes) {
            config.append("    server %s 127.0.0.1:%d check\n".formatted(node.name(), node.httpPort()));
        }
        try {
            Path file = Files.writeString(directory.resolve("haproxy.cfg"), config);
            Process process = new ProcessBuilder("/usr/sbin/haproxy", "-db", "-f", file.toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("haproxy.log").toFile()).start();
            awaitListening(process, http);
            awaitListening(process, smtp);
            return new HaProxy(process, smtp, http);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start /usr/sbin/haproxy (run scripts/test-services): " + e.getMessage(), e);
        }
    }

    int smtpPort() {
        return smtpPort;
    }

    int httpPort() {
        return httpPort;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitListening(Process process, int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
        throw new IllegalStateException("HAProxy did not listen on port " + port);
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
