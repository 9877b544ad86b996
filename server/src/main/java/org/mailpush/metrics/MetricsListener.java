package org.mailpush.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.mailpush.health.Health;
import org.mailpush.health.HealthRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener of its own for {@code GET /metrics}, {@code /health/live} and {@code /health/ready},
 * without a token: for a Prometheus and an orchestrator on a private network ({@code metrics.listen}).
 * The JDK's own HTTP server: it answers three small GETs.
 */
public final class MetricsListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsListener.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private MetricsListener(HttpServer server) {
        this.server = server;
    }

    /**
     * Binds and starts serving.
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static MetricsListener start(InetSocketAddress address, Metrics metrics, Health health) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("metrics: cannot listen on " + address, e);
        }
        var listener = new MetricsListener(server);
        server.setExecutor(listener.threads);
        server.createContext("/metrics", exchange -> answer(exchange, 200, Metrics.CONTENT_TYPE, metrics.scrape()));
        server.createContext("/health/live", exchange -> answer(exchange, 200, "application/json",
                JSON.writeValueAsString(Map.of("status", "live"))));
        server.createContext("/health/ready", exchange -> {
            HealthRoutes.Answer answer = HealthRoutes.ready(health);
            answer(exchange, answer.status(), "application/json", JSON.writeValueAsString(answer.body()));
        });
        server.start();
        LOG.info("metrics and health listening on {}:{}", address.getHostString(), listener.port());
        return listener;
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (!path.equals(exchange.getHttpContext().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
