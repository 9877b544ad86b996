package org.mailpush.bench.latency;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.mailpush.bench.host.HostProcess;
import org.mailpush.bench.load.Latencies;

/**
 * The floor: a bare WebSocket round trip on this machine — the same client and server libraries as
 * the terminals and mailpush (java.net.http; Jetty's WebSocket core, as the link), nothing behind them.
 */
final class EchoLatency {
    private final LatencyOptions options;

    EchoLatency(LatencyOptions options) {
        this.options = options;
    }

    Latencies run() {
        var roundTrips = new Latencies();
        try (HostProcess host = options.workspace().start("latency-echo", "echo", List.of());
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            var listener = new Echoes();
            WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + host.port("http") + "/echo"), listener).join();
            String text = "x".repeat(200);
            for (int i = 0; i < options.warmup() + options.mails(); i++) {
                var echoed = listener.expect();
                long start = System.nanoTime();
                socket.sendText(text, true).join();
                long back = echoed.orTimeout(options.patience().toMillis(), TimeUnit.MILLISECONDS).join();
                if (i >= options.warmup()) {
                    roundTrips.add(back - start);
                }
            }
            socket.abort();
        }
        return roundTrips;
    }

    private static final class Echoes implements WebSocket.Listener {
        private volatile CompletableFuture<Long> next;

        CompletableFuture<Long> expect() {
            next = new CompletableFuture<>();
            return next;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long nanos = System.nanoTime();
            if (last) {
                next.complete(nanos);
            }
            webSocket.request(1);
            return null;
        }
    }
}
