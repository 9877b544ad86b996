package org.mailpush.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many terminals connected to one server: one asynchronous HttpClient per source address, sharing
 * a few threads. Connections are opened a bounded number at a time (each handshake, hello and
 * welcome) so that the server's accept queue never overflows.
 */
public final class TerminalFleet implements AutoCloseable {
    private final SourceAddresses sources;
    private final ExecutorService threads;
    private final List<HttpClient> clients = new ArrayList<>();
    private final List<Terminal> connected = new ArrayList<>();

    public TerminalFleet(SourceAddresses sources, int threads) {
        this.sources = sources;
        this.threads = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("terminal-", 1).factory());
    }

    /** What became of a round of connections. */
    public record Outcome(int welcomed, int failed, Duration took, List<String> firstFailures) {}

    /**
     * Connects the terminals to {@code link} and waits for each to be welcomed (or to fail).
     *
     * @param inFlight how many connections may be opening at once
     */
    public Outcome connect(URI link, List<Terminal> terminals, int inFlight, Duration patience) throws InterruptedException {
        long start = System.nanoTime();
        Semaphore slots = new Semaphore(inFlight);
        AtomicInteger failed = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        List<CompletableFuture<Void>> all = new ArrayList<>(terminals.size());
        int offset = connected.size();
        for (int i = 0; i < terminals.size(); i++) {
            Terminal terminal = terminals.get(i);
            slots.acquire();
            var welcome = client(sources.indexOf(offset + i)).newWebSocketBuilder()
                    .connectTimeout(patience)
                    .buildAsync(link, terminal)
                    .thenCompose(ws -> terminal.welcomed())
                    .orTimeout(patience.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((ok, error) -> {
                        slots.release();
                        if (error != null) {
                            failed.incrementAndGet();
                            synchronized (failures) {
                                if (failures.size() < 5) {
                                    failures.add(terminal.device() + ": " + error);
                                }
                            }
                        }
                    });
            all.add(welcome);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        for (int i = 0; i < terminals.size(); i++) {
            if (!all.get(i).isCompletedExceptionally()) {
                connected.add(terminals.get(i));
            }
        }
        return new Outcome(terminals.size() - failed.get(), failed.get(), Duration.ofNanos(System.nanoTime() - start),
                List.copyOf(failures));
    }

    public List<Terminal> connected() {
        return connected;
    }

    private synchronized HttpClient client(int address) {
        while (clients.size() <= address) {
            clients.add(HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .localAddress(SourceAddresses.address(clients.size()))
                    .executor(threads)
                    .build());
        }
        return clients.get(address);
    }

    /** Drops every connection at once, without closing handshakes. */
    @Override
    public void close() {
        connected.forEach(Terminal::abort);
        clients.forEach(HttpClient::shutdownNow);
        threads.shutdownNow();
    }
}
