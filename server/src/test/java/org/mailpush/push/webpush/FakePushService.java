package org.mailpush.push.webpush;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A push service on loopback (RFC 8030 §5), on an ephemeral port: it records each push request and
 * answers with the replies queued for it, 201 Created when none is. Its handlers run on virtual
 * threads, so a test may hold several requests open at once.
 */
final class FakePushService implements AutoCloseable {

    /** A push request as it arrived. */
    record Received(String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    /** What to answer. */
    record Reply(int status, Map<String, String> headers, String body) {
        static Reply status(int status) {
            return new Reply(status, Map.of(), "");
        }
    }

    /** Runs as each request arrives, before it is answered; may block to hold the request open. */
    @FunctionalInterface
    interface Hook {
        void arrived(Received request) throws InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Hook hook = request -> {};

    private FakePushService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakePushService start() throws IOException {
        return new FakePushService();
    }

    /** A push resource of this service. */
    URI endpoint(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void reply(Reply... next) {
        replies.addAll(List.of(next));
    }

    void onRequest(Hook hook) {
        this.hook = hook;
    }

    /** The next request that arrived, waiting for it up to ten seconds. */
    Received take() throws InterruptedException {
        Received request = received.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no push request arrived");
        }
        return request;
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            var request = new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body);
            requests.incrementAndGet();
            received.add(request);
            try {
                hook.arrived(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Reply reply = replies.poll();
            if (reply == null) {
                reply = Reply.status(201);
            }
            reply.headers().forEach(exchange.getResponseHeaders()::add);
            byte[] text = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), text.length == 0 ? -1 : text.length);
            if (text.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(text);
                }
            }
        }
    }
}
