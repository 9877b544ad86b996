package org.mailpush.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's HAProxy in a process of its own in front of the nodes of a cluster, with the sample
 * configuration of docs/cluster.md: SMTP as TCP, HTTP and the terminals' WebSocket link as HTTP, each
 * node checked by {@code GET /health/ready}. Its two ports are picked free just before it starts.
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

    private static final Path SAMPLE = Path.of("..", "docs", "cluster", "haproxy.cfg");
    private static final List<String> SAMPLE_NODES = List.of("node-a", "node-b", "node-c");
    /** A port in the sample: after "127.0.0.1:" or "port ". */
    private static final Pattern PORT = Pattern.compile("(127\\.0\\.0\\.1:|port )(\\d+)");

    /** A node behind it: its SMTP and HTTP ports on 127.0.0.1. */
    record Node(String name, int smtpPort, int httpPort) {}

    /**
     * Starts HAProxy with docs/cluster/haproxy.cfg, its ports changed: the frontends to free ports, each
     * node's to those of the node of the same name.
     */
    static HaProxy start(Path directory, List<Node> nodes) {
        int smtp = freePort();
        int http = freePort();
        Map<String, Integer> ports = new HashMap<>(Map.of("2525", smtp, "8025", http));
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (!node.name().equals(SAMPLE_NODES.get(i))) {
                throw new IllegalArgumentException("the sample configuration names its nodes " + SAMPLE_NODES + ", got " + node.name());
            }
            ports.put(Integer.toString(2526 + i), node.smtpPort());
            ports.put(Integer.toString(8026 + i), node.httpPort());
        }
        try {
            String sample = Files.readString(SAMPLE);
            Matcher port = PORT.matcher(sample);
            String config = port.replaceAll(match -> match.group(1) + ports.getOrDefault(match.group(2), Integer.parseInt(match.group(2))));
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
